package io.maskflow.contracts.events;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import io.maskflow.contracts.StepType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Topic {@code maskflow.steps.events}: a step started, made progress, succeeded, failed or was stopped. Written by
 * the step services through the SDK; read by the orchestrator, which moves runs forward on them.
 *
 * @param progress set on {@code PROGRESS} events
 * @param outputs the step's artifacts, by output name, on {@code SUCCEEDED}
 * @param metrics the step's final figures on {@code SUCCEEDED}, e.g. {@code macroF1}
 * @param cached true when the outputs were reused from an earlier identical step instead of being computed
 * @param error set on {@code FAILED}, and on {@code CANCELLED} with code {@value #STOPPED} and the stop's reason
 * @param worker which service replica handled the command
 */
public record StepStatusEvent(
        int schemaVersion,
        String runId,
        String stepId,
        String idempotencyKey,
        StepType step,
        StepStatus status,
        int attempt,
        Progress progress,
        Map<String, ArtifactRef> outputs,
        Map<String, Double> metrics,
        boolean cached,
        StepError error,
        String worker,
        Instant time) implements Event {

    /** The error code of a {@code CANCELLED} event. */
    public static final String STOPPED = "stopped";

    public StepStatusEvent {
        Require.id(runId, "runId");
        Require.id(stepId, "stepId");
        Require.present(step, "step");
        Require.present(status, "status");
        Require.nonBlank(idempotencyKey, "idempotencyKey");
        if (status == StepStatus.PROGRESS) {
            Require.present(progress, "progress of a PROGRESS event");
        }
        if (status == StepStatus.FAILED || status == StepStatus.CANCELLED) {
            Require.present(error, "error of a " + status + " event");
        }
        outputs = Require.copy(outputs, "outputs");
        metrics = Require.copy(metrics, "metrics");
        time = time == null ? Instant.now() : time;
    }

    public static StepStatusEvent started(StepCommand command, String worker) {
        return of(command, StepStatus.STARTED, null, Map.of(), Map.of(), false, null, worker);
    }

    public static StepStatusEvent progress(StepCommand command, Progress progress, String worker) {
        return of(command, StepStatus.PROGRESS, progress, Map.of(), Map.of(), false, null, worker);
    }

    public static StepStatusEvent succeeded(StepCommand command, Map<String, ArtifactRef> outputs,
            Map<String, Double> metrics, boolean cached, String worker) {
        return of(command, StepStatus.SUCCEEDED, null, outputs, metrics, cached, null, worker);
    }

    public static StepStatusEvent failed(StepCommand command, StepError error, String worker) {
        return of(command, StepStatus.FAILED, null, Map.of(), Map.of(), false, error, worker);
    }

    /** The attempt stopped on the orchestrator's signal; {@code reason} is the signal's. */
    public static StepStatusEvent cancelled(StepCommand command, String reason, String worker) {
        return of(command, StepStatus.CANCELLED, null, Map.of(), Map.of(), false, new StepError(STOPPED, reason,
                false), worker);
    }

    private static StepStatusEvent of(StepCommand command, StepStatus status, Progress progress,
            Map<String, ArtifactRef> outputs, Map<String, Double> metrics, boolean cached, StepError error,
            String worker) {
        String key = command.idempotencyKey() + "/" + status.name().toLowerCase(Locale.ROOT);
        if (progress != null) {
            key += "/" + progress.phase() + "/" + progress.done();
        }
        return new StepStatusEvent(SCHEMA_VERSION, command.runId(), command.stepId(), key, command.step(), status,
                command.attempt(), progress, outputs, metrics, cached, error, worker, null);
    }
}
