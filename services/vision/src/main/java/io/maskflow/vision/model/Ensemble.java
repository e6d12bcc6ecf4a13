package io.maskflow.vision.model;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * An ensemble artifact ({@code ensemble.json}): several model artifacts that answer together by a soft or hard
 * vote ({@link Votes}). The evaluator writes it for a k-fold or mixed-architecture run; serving loads it like a
 * model. Every member takes the same input size.
 *
 * @param format always {@link #FORMAT}, so a reader can tell an ensemble from another JSON file
 * @param vote {@code soft} or {@code hard}
 */
public record Ensemble(String format, String vote, int imageSize, List<ArtifactRef> members) {

    public static final String FORMAT = "maskflow-ensemble/1";

    public Ensemble {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a Maskflow ensemble (format '" + format + "', expected '"
                    + FORMAT + "')");
        }
        if (!Set.of("soft", "hard").contains(vote)) {
            throw new IllegalArgumentException("an ensemble votes 'soft' or 'hard', not '" + vote + "'");
        }
        if (members == null || members.size() < 2) {
            throw new IllegalArgumentException("an ensemble has at least two members");
        }
        members = List.copyOf(members);
    }

    public static Ensemble of(String vote, int imageSize, List<ArtifactRef> members) {
        return new Ensemble(FORMAT, vote, imageSize, members);
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

    /** Combines the members' probabilities (one array of images × 18 each) by this ensemble's vote. */
    public float[][] combine(List<float[][]> probabilities) {
        return vote.equals("hard") ? Votes.hard(probabilities) : Votes.soft(probabilities);
    }
}
