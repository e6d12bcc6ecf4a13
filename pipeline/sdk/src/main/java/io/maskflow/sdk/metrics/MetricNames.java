package io.maskflow.sdk.metrics;

/**
 * Metric names shared by every service: dotted lower-case Micrometer names with few, low-cardinality tags. They
 * render in Prometheus as e.g. {@code maskflow_step_duration_seconds_bucket}.
 */
public final class MetricNames {

    /** Timer: how long a step execution took, tags {@code step}, {@code outcome}. */
    public static final String STEP_DURATION = "maskflow.step.duration";
    /**
     * Counter: commands handled, tags {@code step}, {@code outcome} (succeeded, failed, cached, duplicate,
     * dead-lettered).
     */
    public static final String STEPS = "maskflow.steps";
    /** Counter: artifact bytes moved, tag {@code direction} (read, written). */
    public static final String ARTIFACT_BYTES = "maskflow.artifact.bytes";

    public static final String TAG_STEP = "step";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DIRECTION = "direction";

    private MetricNames() {
    }
}
