package io.maskflow.evaluator;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Predicts a set of records with one model artifact — with test-time augmentation, the mean of the logits of
 * each image and its horizontal flip — and computes the competition's figures.
 */
public final class Evaluator {

    private static final int BATCH = 64;

    /** The figures and each record's predicted class. */
    public record Evaluation(EvaluationFigures figures, int[] predicted) {
    }

    public Evaluation evaluate(Path artifact, List<ShardRecord> records, int imageSize, boolean tta)
            throws IOException {
        ModelDescriptor descriptor = ModelArtifact.describe(artifact);
        if (descriptor.imageSize() != imageSize) {
            throw new IllegalArgumentException("the model takes " + descriptor.imageSize() + " px images, the data "
                    + "has " + imageSize + " px");
        }
        int[] truth = new int[records.size()];
        int[] predicted = new int[records.size()];
        Batcher batcher = new Batcher(imageSize, imageSize, BATCH, descriptor.mean(), descriptor.std());
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < records.size(); from += BATCH) {
                List<ShardRecord> part = records.subList(from, Math.min(records.size(), from + BATCH));
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = batcher.batch(part, step).get(0);
                    NDArray logits = predictor.predict(new NDList(images)).singletonOrThrow();
                    if (tta) {
                        NDArray flipped = predictor.predict(new NDList(images.flip(3))).singletonOrThrow();
                        logits = logits.add(flipped).div(2);
                    }
                    long[] classes = descriptor.heads().probabilities(logits).argMax(1).toLongArray();
                    for (int i = 0; i < part.size(); i++) {
                        truth[from + i] = part.get(i).label();
                        predicted[from + i] = (int) classes[i];
                    }
                }
            }
        } catch (TranslateException e) {
            throw new IOException("inference failed: " + e.getMessage(), e);
        }
        return new Evaluation(EvaluationFigures.of(truth, predicted), predicted);
    }
}
