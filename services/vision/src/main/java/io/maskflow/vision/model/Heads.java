package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Locale;

/**
 * What the network's last layer means. {@code SINGLE}: 18 logits, one per class. {@code THREE}: 8 logits — mask
 * (3), gender (2), age (3) — whose softmaxes multiply into the 18 class probabilities by
 * {@code class = 6 * mask + 3 * gender + age}.
 */
public enum Heads {
    SINGLE(18),
    THREE(8);

    private final int outputs;

    Heads(int outputs) {
        this.outputs = outputs;
    }

    public int outputs() {
        return outputs;
    }

    public static Heads fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Logits (N, outputs) to class probabilities (N, 18). */
    public NDArray probabilities(NDArray logits) {
        return probabilities(logits, null);
    }

    /**
     * Logits (N, outputs) plus a {@link DecisionBias} per logit (none when {@code null}) to class probabilities
     * (N, 18).
     */
    public NDArray probabilities(NDArray logits, float[] bias) {
        if (bias != null) {
            logits = logits.add(logits.getManager().create(bias));
        }
        if (this == SINGLE) {
            return logits.softmax(1);
        }
        NDArray mask = logits.get(new NDIndex(":, 0:3")).softmax(1);
        NDArray gender = logits.get(new NDIndex(":, 3:5")).softmax(1);
        NDArray age = logits.get(new NDIndex(":, 5:8")).softmax(1);
        long n = logits.getShape().get(0);
        // (N,3,1,1) * (N,1,2,1) * (N,1,1,3) -> (N,3,2,3) -> (N,18) in the order 6m + 3g + a
        return mask.reshape(n, 3, 1, 1).mul(gender.reshape(n, 1, 2, 1)).mul(age.reshape(n, 1, 1, 3))
                .reshape(n, 18);
    }
}
