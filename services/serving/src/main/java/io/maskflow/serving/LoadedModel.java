package io.maskflow.serving;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One loaded model, ready to answer: the network, a pool of predictors (DJL predictors are not thread-safe, so
 * each request borrows one), and the image transform the model was trained with.
 */
public final class LoadedModel implements AutoCloseable {

    /** One answer. */
    public record Prediction(int label, float[] probabilities) {
    }

    private final String modelId;
    private final ArtifactRef ref;
    private final ModelDescriptor descriptor;
    private final Model model;
    private final ImagePreparer preparer;
    private final BlockingQueue<Predictor<NDList, NDList>> predictors;
    private final Instant loadedAt = Instant.now();

    private LoadedModel(String modelId, ArtifactRef ref, ModelDescriptor descriptor, Model model, int workers) {
        this.modelId = modelId;
        this.ref = ref;
        this.descriptor = descriptor;
        this.model = model;
        Map<String, Object> transform = new LinkedHashMap<>(descriptor.preprocessing());
        transform.keySet().retainAll(List.of("cropWidth", "cropHeight", "expectedWidth", "expectedHeight",
                "maxPixels"));
        transform.put("imageSize", descriptor.imageSize());
        this.preparer = new ImagePreparer(StepParameters.bind(transform, PreprocessParams.DEFAULTS));
        this.predictors = new ArrayBlockingQueue<>(workers);
        for (int i = 0; i < workers; i++) {
            predictors.add(model.newPredictor(new NoopTranslator()));
        }
    }

    /** Loads an artifact file and warms it up with one prediction, so the first request does not pay for it. */
    public static LoadedModel load(String modelId, ArtifactRef ref, Path artifact, int workers) throws IOException {
        ModelDescriptor descriptor = ModelArtifact.describe(artifact);
        Model model = ModelArtifact.load(artifact, Device.cpu());
        LoadedModel loaded = new LoadedModel(modelId, ref, descriptor, model, workers);
        int size = descriptor.imageSize();
        loaded.predictPixels(new byte[size * size * 3]);
        return loaded;
    }

    /** Decodes, crops, resizes and predicts one photo. */
    public Prediction predict(byte[] encoded) throws ImagePreparer.Rejected {
        return predictPixels(preparer.prepare(encoded));
    }

    private Prediction predictPixels(byte[] pixels) {
        int size = descriptor.imageSize();
        Batcher batcher = new Batcher(size, size, 1, descriptor.mean(), descriptor.std());
        Predictor<NDList, NDList> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList batch = batcher.batch(List.of(new ShardRecord(0, 0, 0, pixels)), manager);
            NDArray logits = predictor.predict(new NDList(batch.get(0))).singletonOrThrow();
            float[] probabilities = descriptor.heads().probabilities(logits).toFloatArray();
            int best = 0;
            for (int c = 1; c < probabilities.length; c++) {
                best = probabilities[c] > probabilities[best] ? c : best;
            }
            return new Prediction(best, probabilities);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        } finally {
            predictors.add(predictor);
        }
    }

    public String modelId() {
        return modelId;
    }

    public ArtifactRef ref() {
        return ref;
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    @Override
    public void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }
}
