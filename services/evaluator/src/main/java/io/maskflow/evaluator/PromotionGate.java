package io.maskflow.evaluator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.evaluator.EvaluateStep.Promotion;
import io.maskflow.evaluator.Judge.Judged;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ShardSets;
import io.maskflow.vision.metrics.PersonBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The promotion gate. A candidate is promoted only when its macro F1 reaches {@code minimumMacroF1} (so a first model
 * that learnt nothing is not served) and, when a model is promoted already, beats that model's macro F1 by the margin
 * on persons neither model trained on: the hold-out persons of the candidate's split when the promoted model was
 * trained on the same split (so they are its hold-out too), or, without a hold-out, the validation fold both models
 * left out. A promoted model trained on another preprocess output of the same split (another image size, say) is
 * judged on its own preparation of those persons and the candidate on its own. Failing those, when the evaluation
 * has a {@code heldOutStyle} set whose persons are in neither model's training data, both models are judged on it,
 * each on its own preparation of its photos. When no such persons are known (the promoted model was trained on other
 * data and there is no such set), the promoted model's recorded figure is the yardstick, and the reason says so.
 */
final class PromotionGate implements Promoter.Gate {

    private static final Logger LOG = Logger.getLogger(PromotionGate.class);
    /** What preprocess writes beside its index: each person's fold, and the data sets it read with its issues. */
    private static final String SPLIT = "split.json";
    private static final String REPORT = "report.json";

    /**
     * The two figures compared, what they were measured on, and the spread of their difference over paired draws
     * of the persons (null when they were not measured on the same persons).
     */
    private record Comparison(double before, double after, String basis, PersonBootstrap.Interval gain90) {

        Comparison(double before, double after, String basis) {
            this(before, after, basis, null);
        }
    }

    private final ArtifactStore store;
    private final Judge judge;
    private final Candidate candidate;
    private final EvaluationSets sets;
    private final EvaluateParams params;
    private final Judged headline;
    private final HeldOutSet heldOutSet;
    private final Path work;
    /** The files beside indexes read so far (steps' outputs do not change), for the gate's later decisions. */
    private final Map<String, Optional<JsonNode>> besideRead = new HashMap<>();

    /**
     * @param headline the candidate's predictions behind its headline figure
     * @param heldOutSet the evaluation's {@code heldOutStyle} set with the candidate's predictions, null when none
     * @param work where the promoted model is downloaded to be judged
     */
    PromotionGate(ArtifactStore store, Judge judge, Candidate candidate, EvaluationSets sets, EvaluateParams params,
            Judged headline, HeldOutSet heldOutSet, Path work) {
        this.store = store;
        this.judge = judge;
        this.candidate = candidate;
        this.sets = sets;
        this.params = params;
        this.headline = headline;
        this.heldOutSet = heldOutSet;
        this.work = work;
    }

    /**
     * Decides against a promoted model's record.
     *
     * @param current the promoted model's record that {@link Promoter} read for this decision, null when none
     */
    @Override
    public Promotion decide(PromotedModel current) throws IOException {
        if (headline.macroF1() < params.minimumMacroF1()) {
            return new Promotion(false, String.format(Locale.ROOT, "candidate macro F1 %.4f on the %s is below the "
                    + "minimum %.4f (minimumMacroF1)", headline.macroF1(), personsWord(), params.minimumMacroF1()),
                    null, null);
        }
        if (current == null) {
            return new Promotion(true, String.format(Locale.ROOT, "no model was promoted yet, and macro F1 %.4f on "
                    + "the %s reaches the minimum %.4f", headline.macroF1(), personsWord(),
                    params.minimumMacroF1()), null, null);
        }
        if (current.model().equals(candidate.ref())) {
            return new Promotion(false, "this model is already the promoted one", current.model(), current.macroF1());
        }
        Comparison c = compare(current);
        boolean better = c.after() > c.before() + params.promotionMargin();
        String reason = String.format(Locale.ROOT, "candidate macro F1 %.4f %s promoted model's %.4f + margin %.4f "
                + "(%s)%s", c.after(), better ? ">" : "<=", c.before(), params.promotionMargin(), c.basis(),
                gainText(c));
        return new Promotion(better, reason, current.model(), c.before(), c.gain90());
    }

    /** Both models on persons neither trained on when such are known, else against the recorded figure. */
    private Comparison compare(PromotedModel current) throws IOException {
        String recorded = "its recorded figure: ";
        try {
            Candidate previous = Candidate.fetchAnySize(store, current.model(),
                    Files.createDirectories(work.resolve("promoted")));
            List<ShardRecord> common = previous.descriptor().imageSize() == judge.size()
                    ? candidate.unseenWith(previous, sets.indexRef(), sets.all(), sets.hasHoldout()) : null;
            if (common != null && !common.isEmpty()) {
                Judged before = judge.judge(previous, common);
                Judged after = candidateOn(common);
                PersonBootstrap.Interval gain = PersonBootstrap.differenceOfReport(photos(before), photos(after));
                return new Comparison(before.macroF1(), after.macroF1(), "both on the same " + common.size()
                        + " images of " + personsWord() + " neither model trained on", gain);
            }
            Comparison apart = common == null ? onTheirOwnPhotos(current, previous) : null;
            if (apart == null) {
                apart = onTheHeldOutSet(previous);
            }
            if (apart != null) {
                return apart;
            }
            int size = previous.descriptor().imageSize();
            return new Comparison(current.macroF1(), headline.macroF1(), recorded + (common != null
                    ? "the two models left out no common persons"
                    : "it was trained on other data" + (size == judge.size() ? "" : " (" + size + " px images)")
                    + ", so no persons are known that neither model trained on"));
        } catch (StepFailure e) {
            return new Comparison(current.macroF1(), headline.macroF1(), "its recorded figure (" + e.getMessage()
                    + ")");
        }
    }

    /**
     * Both models on the evaluation's {@code heldOutStyle} set, each on its own preparation of its photos, when none
     * of its persons is among those either model's preprocess output holds (by the numbers in the two
     * {@code split.json}; a generated person's number names it within its seed, and the set's persons start at
     * 500,000). Null without such a set, or when either model's persons are not known or overlap it.
     */
    private Comparison onTheHeldOutSet(Candidate previous) throws IOException, StepFailure {
        ArtifactRef theirs = previous.descriptor().trainingData();
        if (heldOutSet == null || theirs == null) {
            return null;
        }
        Set<Integer> outside = heldOutSet.persons();
        Optional<Set<Integer>> theirPersons = numberedPersons(theirs);
        Optional<Set<Integer>> ourPersons = numberedPersons(sets.indexRef());
        if (theirPersons.isEmpty() || ourPersons.isEmpty() || !Collections.disjoint(outside, theirPersons.get())
                || !Collections.disjoint(outside, ourPersons.get())) {
            return null;
        }
        int size = previous.descriptor().imageSize();
        HeldOutSet.Scored before = heldOutSet.judge(previous, new Judge(judge.evaluator(), size, params));
        HeldOutSet.Scored after = heldOutSet.candidate();
        PersonBootstrap.Interval gain = PersonBootstrap.differenceOfReport(before.photos(), after.photos());
        return new Comparison(before.macroF1(), after.macroF1(), "both on the same " + gain.persons() + " persons of "
                + "the held-out set " + heldOutSet.name() + " (" + heldOutSet.style() + " style), in neither "
                + "model's training data, each on its own preparation of their photos: " + before.images()
                + " images of " + size + " px and " + after.images() + " of " + heldOutSet.candidateSize() + " px",
                gain);
    }

    /**
     * The numbers of the persons in a preprocess output, from the {@code split.json} beside its index (keys
     * {@code <source>/<id> <path>}; an id that is not a number is left out, it cannot name a generated person).
     * Empty when there is no readable {@code split.json}.
     */
    private Optional<Set<Integer>> numberedPersons(ArtifactRef index) throws IOException {
        Optional<JsonNode> split;
        try {
            split = besideIndex(index, SPLIT);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode persons = split.map(s -> s.path("persons")).orElse(null);
        if (persons == null || !persons.isObject()) {
            return Optional.empty();
        }
        Set<Integer> numbers = new HashSet<>();
        persons.fieldNames().forEachRemaining(key -> {
            int slash = key.indexOf('/');
            int space = key.indexOf(' ', slash + 1);
            String id = key.substring(slash + 1, space < 0 ? key.length() : space);
            if (!id.isEmpty() && id.length() <= 9 && id.chars().allMatch(Character::isDigit)) {
                numbers.add(Integer.parseInt(id));
            }
        });
        return Optional.of(numbers);
    }

    /**
     * The promoted model judged on its own preparation of the same persons, when it was trained on another
     * preprocess output of the same split (another image size, say: the same persons in the same folds, as the two
     * outputs' {@code split.json} show): each model on its own images of the persons neither trained on, the gain
     * drawn over those persons. Null when the two outputs do not split the same persons alike.
     */
    private Comparison onTheirOwnPhotos(PromotedModel current, Candidate previous) throws IOException {
        ArtifactRef theirs = previous.descriptor().trainingData();
        ArtifactRef ours = candidate.descriptor().trainingData();
        if (theirs == null || (ours != null && !sets.indexRef().sha256().equals(ours.sha256()))
                || !sameSplit(theirs, sets.indexRef())) {
            return null;
        }
        int fold = sets.hasHoldout() ? ShardFormat.HOLDOUT : candidate.singleValidationFold();
        if (!sets.hasHoldout() && (fold < 0 || fold != previous.singleValidationFold())) {
            return null;
        }
        List<ShardRecord> theirCommon;
        try {
            theirCommon = ShardSets.records(store, ShardSets.index(store, theirs), r -> r.fold() == fold);
        } catch (ArtifactNotFoundException e) {
            // the promoted model's preprocess output was cleaned up since
            return new Comparison(current.macroF1(), headline.macroF1(), "its recorded figure: its own images of "
                    + "the persons are gone (" + e.getMessage() + ")");
        }
        List<ShardRecord> ourCommon = EvaluationSets.fold(sets.all(), fold);
        if (theirCommon.isEmpty() || ourCommon.isEmpty()) {
            return null;
        }
        Judged before = new Judge(judge.evaluator(), previous.descriptor().imageSize(), params)
                .judge(previous, theirCommon);
        Judged after = candidateOn(ourCommon);
        PersonBootstrap.Interval gain;
        try {
            gain = PersonBootstrap.differenceOfReport(photos(before), photos(after));
        } catch (IllegalArgumentException e) {
            // the same split on paper, yet other persons in the records (photos excluded in one preparation)
            LOG.warnf("the promoted model's and the candidate's %s differ: %s", personsWord(), e.getMessage());
            return null;
        }
        return new Comparison(before.macroF1(), after.macroF1(), "both on the same " + gain.persons() + " "
                + personsWord() + " neither model trained on, each on its own preparation of their photos: "
                + theirCommon.size() + " images of " + previous.descriptor().imageSize() + " px and "
                + ourCommon.size() + " of " + judge.size() + " px", gain);
    }

    /**
     * Whether two preprocess outputs hold the same persons in the same folds: their {@code split.json} agree, and so
     * do the data sets they were prepared from (the {@code sources} of the {@code report.json} beside each; the same
     * persons drawn in another style have the same split but other photos).
     */
    private boolean sameSplit(ArtifactRef theirIndex, ArtifactRef ourIndex) throws IOException {
        try {
            Optional<JsonNode> theirSplit = besideIndex(theirIndex, SPLIT);
            Optional<JsonNode> ourSplit = besideIndex(ourIndex, SPLIT);
            Optional<JsonNode> theirSources = besideIndex(theirIndex, REPORT).map(r -> r.path("sources"));
            Optional<JsonNode> ourSources = besideIndex(ourIndex, REPORT).map(r -> r.path("sources"));
            return theirSplit.isPresent() && theirSplit.equals(ourSplit) && theirSources.isPresent()
                    && theirSources.get().isArray() && theirSources.equals(ourSources);
        } catch (JsonProcessingException e) {
            LOG.warnf("a file beside %s or %s is not JSON: %s", theirIndex.uri(), ourIndex.uri(),
                    e.getOriginalMessage());
            return false;
        }
    }

    /**
     * The JSON file {@code name} beside a preprocess output's {@code index.json}, when there is one; read once per
     * gate (a lost promotion race decides again).
     */
    private Optional<JsonNode> besideIndex(ArtifactRef index, String name) throws IOException {
        if (!index.bucket().equals(store.bucket())) {
            return Optional.empty();
        }
        String key = index.key().substring(0, index.key().lastIndexOf('/') + 1) + name;
        Optional<JsonNode> read = besideRead.get(key);
        if (read == null) {
            Optional<ArtifactRef> beside = store.stat(key);
            read = beside.isPresent() ? Optional.of(EventCodec.instance().mapper().readTree(store.read(beside.get())))
                    : Optional.empty();
            besideRead.put(key, read);
        }
        return read;
    }

    /** The candidate's predictions on records: those behind its headline when they are the same records. */
    private Judged candidateOn(List<ShardRecord> records) throws IOException {
        return sameRecords(headline.records(), records) ? headline : judge.judge(candidate, records);
    }

    private String personsWord() {
        return sets.hasHoldout() ? "hold-out persons" : "validation persons";
    }

    private static PersonBootstrap.Photos photos(Judged judged) {
        return new PersonBootstrap.Photos(Judge.truth(judged.records()), judged.evaluation().predicted(),
                judged.records().stream().mapToInt(ShardRecord::person).toArray());
    }

    /** Whether two lists hold the very same records in the same order. */
    private static boolean sameRecords(List<ShardRecord> a, List<ShardRecord> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** "; the gain +g is low – high in 90 % of n paired draws of the p persons, ..." when known, else nothing. */
    private static String gainText(Comparison c) {
        PersonBootstrap.Interval g = c.gain90();
        return g == null ? "" : String.format(Locale.ROOT, "; the gain %+.4f is %+.4f – %+.4f in 90 %% of %d paired "
                + "draws of the %d persons%s", c.after() - c.before(), g.low(), g.high(), g.resamples(), g.persons(),
                g.low() > 0 ? ", above 0 in at least 95 % of them" : g.high() < 0 ? ", below 0 in at least 95 % of them"
                : ", so the persons cannot tell the two models apart");
    }
}
