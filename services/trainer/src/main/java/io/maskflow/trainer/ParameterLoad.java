package io.maskflow.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a model artifact's parameters into a network a trainer may already hold. DJL's {@code Parameter.load} puts
 * new arrays in the parameters' place, while a trainer keeps reading (and training) the arrays it found when it was
 * initialised: loaded that way, the best epoch's parameters reached the saved model but not the trainer's forward
 * passes, so the decision bias of {@code calibrate=macro-f1} with early stopping was fitted on the last epoch's
 * model. Here the loaded values are also copied into the arrays the parameters had, in place, so both agree.
 */
final class ParameterLoad {

    private static final NDIndex EVERYTHING = new NDIndex("...");

    private ParameterLoad() {
    }

    /** Loads {@code artifact}'s parameters into {@code model}, into the arrays already there as well. */
    static void load(Model model, Path artifact) throws IOException {
        List<Parameter> parameters = new ArrayList<>();
        List<NDArray> before = new ArrayList<>();
        for (Pair<String, Parameter> each : model.getBlock().getParameters()) {
            parameters.add(each.getValue());
            before.add(each.getValue().isInitialized() ? each.getValue().getArray() : null);
        }
        ModelArtifact.loadParameters(model, artifact);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray loaded = parameters.get(i).getArray();
            if (before.get(i) != null && before.get(i) != loaded) {
                copyInto(before.get(i), loaded);
            }
        }
    }

    /**
     * Copies {@code values} into {@code target}'s own memory, on its device, through a view without gradient
     * recording: whoever holds {@code target} (a parameter, a trainer, an optimiser) keeps the same array.
     */
    static void copyInto(NDArray target, NDArray values) {
        try (NDArray view = target.stopGradient()) {
            view.set(EVERYTHING, values);
        }
    }

    /**
     * Loads a previous model's parameters as the starting point of a run of {@code params}, refusing one of another
     * network, head layout or image size, and a run with extra outputs (they are not in a saved model; a
     * {@code cueWeight} on data without drawing values has none).
     */
    static void startFrom(Model model, Path init, TrainParams params, int imageSize, int extraOutputs)
            throws IOException {
        ModelDescriptor previous = ModelArtifact.describe(init);
        if (extraOutputs > 0) {
            throw new IllegalArgumentException((params.ageRegression() > 0 ? "ageRegression" : "cueWeight")
                    + " trains outputs a starting model does not have: start from no model, or train without it");
        }
        if (!previous.architecture().equals(params.architecture().id())
                || previous.heads() != TrainingRunner.heads(params.heads()) || previous.imageSize() != imageSize) {
            throw new IllegalArgumentException("the starting model is a " + previous.architecture() + " with "
                    + previous.heads() + " heads at " + previous.imageSize() + " px; this run trains a "
                    + params.architecture().id() + " with " + params.heads().id() + " heads at " + imageSize + " px");
        }
        ModelArtifact.loadParameters(model, init);
    }
}
