package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a {@link StepHandler} gets for one command: its parameters, inputs, the store, a progress line and the
 * attempt's stop signal. Every read and write through {@link #store()}, and every {@link #progress}, stops the work
 * with {@link StepStopped} once the orchestrator asked this attempt to stop; a loop that does neither for long
 * (a training batch, a batch of predictions) calls {@link #checkStop()} itself.
 */
public final class StepContext {

    private final StepCommand command;
    private final ArtifactStore store;
    private final String executionPrefix;
    private final String outputPrefix;
    private final Consumer<Progress> progress;
    private final StopSignal stop;

    StepContext(StepCommand command, ArtifactStore store, String executionPrefix, Consumer<Progress> progress,
            StopSignal stop) {
        this.command = command;
        this.store = new StoppingStore(store, stop);
        this.executionPrefix = executionPrefix;
        this.outputPrefix = ArtifactKeys.attemptPrefix(executionPrefix, command.runId(), command.attempt());
        this.progress = progress;
        this.stop = stop;
    }

    public StepCommand command() {
        return command;
    }

    public ArtifactStore store() {
        return store;
    }

    /**
     * The key prefix of this attempt's outputs: a folder of its own under {@link #executionPrefix()}, so no other
     * attempt writes there.
     */
    public String outputPrefix() {
        return outputPrefix;
    }

    /**
     * The key prefix shared by every attempt of this execution (deterministic: same inputs and parameters, same
     * prefix): for state one attempt leaves to the next, such as training checkpoints to resume from.
     */
    public String executionPrefix() {
        return executionPrefix;
    }

    /** Throws {@link StepStopped} when the orchestrator asked this attempt to stop. */
    public void checkStop() {
        stop.check();
    }

    /** Whether the orchestrator asked this attempt to stop (for loops that stop in their own way). */
    public boolean stopRequested() {
        return stop.requested();
    }

    /** Binds the command's parameters over {@code defaults}; an invalid one fails the step with its name. */
    public <P extends Record> P parameters(P defaults) {
        return StepParameters.bind(command.parameters(), defaults);
    }

    /** A required input, or a {@code missing-input} failure naming it. */
    public ArtifactRef input(String name) throws StepFailure {
        ArtifactRef ref = command.inputs().get(name);
        if (ref == null) {
            throw new StepFailure("missing-input", "step " + command.stepId() + " needs input '" + name
                    + "'; it got " + command.inputs().keySet(), false);
        }
        return ref;
    }

    /** Writes one output file under this execution's prefix. */
    public ArtifactRef writeOutput(String name, Path file, String contentType) throws IOException {
        return store.put(outputPrefix + ArtifactKeys.safeName(name), file, contentType);
    }

    /** Writes one small output under this execution's prefix. */
    public ArtifactRef writeOutput(String name, byte[] content, String contentType) throws IOException {
        return store.put(outputPrefix + ArtifactKeys.safeName(name), content, contentType);
    }

    /**
     * Publishes a progress event (e.g. epoch 3 of 10 with its loss), then stops the step if it was asked to. The
     * work it reports is done (a trainer's epoch is checkpointed before it is told), so it is told even when the
     * stop came first: an attempt that resumes after it would otherwise leave a gap in the step's curve.
     */
    public void progress(Progress update) {
        progress.accept(update);
        stop.check();
    }
}
