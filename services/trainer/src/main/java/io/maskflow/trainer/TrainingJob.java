package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.TrainParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * One training in this replica, started over REST or by a pipeline step: what it trains, how far it is, and
 * what it produced. Readable from any thread while it runs; {@link #cancel()} stops it before the next batch.
 */
public final class TrainingJob {

    /** Where a job is in its life. */
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final String id;
    private final String source;
    private final TrainParams parameters;
    private final Instant created = Instant.now();
    private final List<TrainingRunner.Epoch> curve = new CopyOnWriteArrayList<>();
    private volatile Status status = Status.QUEUED;
    private volatile boolean cancelRequested;
    private volatile BooleanSupplier stopRequested = () -> false;
    private volatile Instant finished;
    private volatile Map<String, ArtifactRef> outputs = Map.of();
    private volatile String error;

    TrainingJob(String id, String source, TrainParams parameters) {
        this.id = id;
        this.source = source;
        this.parameters = parameters;
    }

    /** A view for JSON. */
    public record View(String id, String source, Status status, TrainParams parameters, Instant created,
            Instant finished, int epochs, List<TrainingRunner.Epoch> curve, Map<String, ArtifactRef> outputs,
            String error) {
    }

    public View view() {
        return new View(id, source, status, parameters, created, finished, parameters.epochs(), List.copyOf(curve),
                outputs, error);
    }

    public String id() {
        return id;
    }

    public Status status() {
        return status;
    }

    /** Whether the job was cancelled over REST or its pipeline step was asked to stop. */
    public boolean cancelRequested() {
        return cancelRequested || stopRequested.getAsBoolean();
    }

    /** Makes the job stop, like {@link #cancel()}, as soon as {@code stop} says so (a pipeline step's stop signal). */
    void stopWhen(BooleanSupplier stop) {
        stopRequested = stop;
    }

    /** Asks the job to stop; true when it was still queued or running. */
    public boolean cancel() {
        cancelRequested = true;
        return status == Status.QUEUED || status == Status.RUNNING;
    }

    void running() {
        status = Status.RUNNING;
    }

    void epoch(TrainingRunner.Epoch epoch) {
        curve.add(epoch);
    }

    void succeeded(Map<String, ArtifactRef> produced) {
        outputs = Map.copyOf(produced);
        finish(Status.SUCCEEDED);
    }

    void failed(String message) {
        error = message;
        finish(cancelRequested() ? Status.CANCELLED : Status.FAILED);
    }

    private void finish(Status end) {
        finished = Instant.now();
        status = end;
    }
}
