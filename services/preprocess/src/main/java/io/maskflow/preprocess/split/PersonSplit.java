package io.maskflow.preprocess.split;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.preprocess.dataset.PersonEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits persons, never images: within each gender x age group the persons are shuffled with the seed, a share
 * goes to the hold-out, and the rest are dealt to the k folds in turn, so every fold has the groups in the same
 * proportions and a person's seven photos always land together.
 */
public final class PersonSplit {

    private PersonSplit() {
    }

    /** Person key to fold (0..k-1), or {@link ShardFormat#HOLDOUT}. */
    public static Map<String, Integer> assign(List<PersonEntry> persons, int folds, double holdoutFraction,
            AgeBands bands, long seed) {
        Map<Integer, List<PersonEntry>> strata = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (PersonEntry p : persons) {
            if (!seen.add(p.key())) {
                continue; // a second folder of the same person follows the first
            }
            int stratum = Label.group(p.record().gender(), bands.groupOf(p.record().age()));
            strata.computeIfAbsent(stratum, s -> new ArrayList<>()).add(p);
        }
        Map<String, Integer> fold = new TreeMap<>();
        Random random = new Random(seed);
        int next = 0;
        for (List<PersonEntry> stratum : strata.values()) {
            List<PersonEntry> shuffled = new ArrayList<>(stratum);
            shuffled.sort((a, b) -> a.key().compareTo(b.key()));
            Collections.shuffle(shuffled, random);
            int holdout = (int) Math.round(shuffled.size() * holdoutFraction);
            for (int i = 0; i < shuffled.size(); i++) {
                if (i < holdout) {
                    fold.put(shuffled.get(i).key(), ShardFormat.HOLDOUT);
                } else {
                    fold.put(shuffled.get(i).key(), next);
                    next = (next + 1) % folds;
                }
            }
        }
        return fold;
    }
}
