package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;
import java.util.Map;

/**
 * How far a running step has come, e.g. phase {@code epoch}, 3 of 10, with the epoch's figures in metrics.
 *
 * @param phase what is being counted, e.g. {@code persons}, {@code shards}, {@code epoch}
 * @param done units done so far
 * @param total units in all, or 0 when unknown
 * @param message a short human-readable line, may be null
 * @param metrics figures so far, e.g. {@code loss}, {@code valMacroF1}
 */
public record Progress(String phase, long done, long total, String message, Map<String, Double> metrics) {

    public Progress {
        Require.nonBlank(phase, "progress phase");
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("progress counts must not be negative: " + done + "/" + total);
        }
        metrics = Require.copy(metrics, "metrics");
    }

    public static Progress of(String phase, long done, long total) {
        return new Progress(phase, done, total, null, Map.of());
    }
}
