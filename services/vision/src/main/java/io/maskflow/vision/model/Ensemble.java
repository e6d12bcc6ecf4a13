package io.maskflow.vision.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.Label;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * An ensemble artifact ({@code ensemble.json}): several model artifacts that answer together. The evaluator writes
 * it for a k-fold or mixed-architecture run; serving loads it like a model. Every member takes the same input
 * size.
 *
 * <p>Members answer by a soft or hard vote ({@link Votes}), or {@code per-head}: each of the three heads (mask,
 * gender, age) is answered by the member that was best at it, and the 18 class probabilities are the product of
 * the three heads' probabilities, each summed out of its member's 18 ({@link #marginals}). That is how a separate
 * age model joins a model that is good at masks. The file format is unchanged for the votes: {@code heads} appears
 * only in per-head files, so files written before it still load.
 *
 * @param format always {@link #FORMAT}, so a reader can tell an ensemble from another JSON file
 * @param vote {@code soft}, {@code hard} or {@code per-head}
 * @param heads for {@code per-head} only: which member (an index into {@code members}) answers {@code mask},
 *     {@code gender} and {@code age}; absent for the votes
 */
public record Ensemble(String format, String vote, int imageSize, List<ArtifactRef> members,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> heads) {

    public static final String FORMAT = "maskflow-ensemble/1";

    /** The vote that answers each head with its own member. */
    public static final String PER_HEAD = "per-head";

    /** The heads in class order: {@code class = 6 * mask + 3 * gender + age}. */
    public static final List<String> HEADS = List.of("mask", "gender", "age");

    private static final int[] HEAD_SIZES = {3, 2, 3};

    public Ensemble {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a Maskflow ensemble (format '" + format + "', expected '"
                    + FORMAT + "')");
        }
        if (!Set.of("soft", "hard", PER_HEAD).contains(vote)) {
            throw new IllegalArgumentException("an ensemble votes 'soft', 'hard' or '" + PER_HEAD + "', not '" + vote
                    + "'");
        }
        members = members == null ? List.of() : List.copyOf(members);
        if (vote.equals(PER_HEAD)) {
            heads = checkedHeads(heads, members.size());
        } else if (heads != null) {
            throw new IllegalArgumentException("only a " + PER_HEAD + " ensemble names members for heads");
        } else if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble has at least two members");
        }
    }

    public static Ensemble of(String vote, int imageSize, List<ArtifactRef> members) {
        return new Ensemble(FORMAT, vote, imageSize, members, null);
    }

    /**
     * A per-head ensemble from the model chosen for each head; a model chosen for several heads is one member, and
     * the members are listed in the order of the heads they first answer.
     */
    public static Ensemble perHead(int imageSize, Map<String, ArtifactRef> modelPerHead) {
        List<ArtifactRef> members = new ArrayList<>();
        Map<String, Integer> heads = new LinkedHashMap<>();
        for (String head : HEADS) {
            ArtifactRef model = modelPerHead.get(head);
            if (model == null) {
                throw new IllegalArgumentException("no model chosen for the " + head + " head");
            }
            if (!members.contains(model)) {
                members.add(model);
            }
            heads.put(head, members.indexOf(model));
        }
        return new Ensemble(FORMAT, PER_HEAD, imageSize, members, heads);
    }

    /** Whether a stored artifact is an ensemble rather than a model zip (by its name). */
    public static boolean isEnsemble(ArtifactRef ref) {
        return ref.key().endsWith(".json");
    }

    public static Ensemble read(byte[] json) throws IOException {
        return EventCodec.instance().mapper().readValue(json, Ensemble.class);
    }

    public byte[] toJson() throws IOException {
        return EventCodec.instance().mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    /** The member that answers a head of a per-head ensemble. */
    public ArtifactRef memberFor(String head) {
        if (heads == null || !heads.containsKey(head)) {
            throw new IllegalArgumentException("this " + vote + " ensemble has no member for head '" + head + "'");
        }
        return members.get(heads.get(head));
    }

    /** Combines the members' probabilities (one array of images × 18 each, in member order) by this ensemble's vote. */
    public float[][] combine(List<float[][]> probabilities) {
        if (probabilities.size() != members.size()) {
            throw new IllegalArgumentException("the ensemble has " + members.size() + " members, got the answers of "
                    + probabilities.size());
        }
        return switch (vote) {
            case "hard" -> Votes.hard(probabilities);
            case PER_HEAD -> product(probabilities.get(heads.get("mask")), probabilities.get(heads.get("gender")),
                    probabilities.get(heads.get("age")));
            default -> Votes.soft(probabilities);
        };
    }

    /**
     * One model's 18 probabilities as if its heads were independent: the product of its three heads' marginals.
     * For a three-head model that is its own answer; for a single 18-way head it is what a per-head ensemble would
     * take from it, so the evaluator scores each head of a member the way the ensemble would use it.
     */
    public static float[][] factorised(float[][] probabilities) {
        return product(probabilities, probabilities, probabilities);
    }

    /**
     * The probability of each value of a head (0 mask, 1 gender, 2 age), image by image: the 18 class probabilities
     * summed over the other two heads, divided by their total so that each row sums to 1.
     */
    public static float[][] marginals(float[][] probabilities, int head) {
        float[][] out = new float[probabilities.length][HEAD_SIZES[head]];
        for (int i = 0; i < probabilities.length; i++) {
            double total = 0;
            for (int c = 0; c < Label.CLASSES; c++) {
                out[i][valueOf(c, head)] += probabilities[i][c];
                total += probabilities[i][c];
            }
            for (int v = 0; v < out[i].length; v++) {
                out[i][v] = total > 0 ? (float) (out[i][v] / total) : 1f / out[i].length;
            }
        }
        return out;
    }

    /** A class's value of one head (0 mask, 1 gender, 2 age). */
    public static int valueOf(int classIndex, int head) {
        return Label.headValue(classIndex, head);
    }

    private static float[][] product(float[][] mask, float[][] gender, float[][] age) {
        if (mask.length != gender.length || mask.length != age.length) {
            throw new IllegalArgumentException("the members answered different numbers of images");
        }
        float[][] m = marginals(mask, 0);
        float[][] g = marginals(gender, 1);
        float[][] a = marginals(age, 2);
        float[][] out = new float[mask.length][Label.CLASSES];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < Label.CLASSES; c++) {
                out[i][c] = m[i][valueOf(c, 0)] * g[i][valueOf(c, 1)] * a[i][valueOf(c, 2)];
            }
        }
        return out;
    }

    private static Map<String, Integer> checkedHeads(Map<String, Integer> heads, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("a " + PER_HEAD + " ensemble has at least one member");
        }
        if (heads == null || !heads.keySet().equals(Set.copyOf(HEADS))) {
            throw new IllegalArgumentException("a " + PER_HEAD + " ensemble names a member for each of " + HEADS
                    + ", got " + (heads == null ? "none" : heads.keySet()));
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String head : HEADS) {
            Integer member = heads.get(head);
            if (member == null || member < 0 || member >= members) {
                throw new IllegalArgumentException("the " + head + " head names member " + member + ", but the "
                        + "ensemble has " + members);
            }
            ordered.put(head, member);
        }
        if (!ordered.values().containsAll(IntStream.range(0, members).boxed().toList())) {
            throw new IllegalArgumentException("every member of a " + PER_HEAD + " ensemble answers a head");
        }
        return Collections.unmodifiableMap(ordered);
    }
}
