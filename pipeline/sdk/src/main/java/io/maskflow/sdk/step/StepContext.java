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

/** What a {@link StepHandler} gets for one command: its parameters, inputs, the store and a progress line. */
public final class StepContext {

    private final StepCommand command;
    private final ArtifactStore store;
    private final String outputPrefix;
    private final Consumer<Progress> progress;

    StepContext(StepCommand command, ArtifactStore store, String outputPrefix, Consumer<Progress> progress) {
        this.command = command;
        this.store = store;
        this.outputPrefix = outputPrefix;
        this.progress = progress;
    }

    public StepCommand command() {
        return command;
    }

    public ArtifactStore store() {
        return store;
    }

    /** The key prefix of this execution's outputs (deterministic: same inputs and parameters, same prefix). */
    public String outputPrefix() {
        return outputPrefix;
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

    /** Publishes a progress event (e.g. epoch 3 of 10 with its loss). */
    public void progress(Progress update) {
        progress.accept(update);
    }
}
