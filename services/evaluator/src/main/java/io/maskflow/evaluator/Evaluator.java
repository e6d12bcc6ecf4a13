package io.maskflow.evaluator;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.metrics.EvaluationFigures;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.maskflow.vision.model.Votes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Predicts images with one model artifact through the shared {@code vision} transform and network, with
 * test-time augmentation: the mean of the logits of each image and its horizontal flip, and optionally of five
 * crops (the four corners and the centre, 7/8 of the side, resized back) and their flips.
 */
public final class Evaluator {

    private static final int BATCH = 64;

    private final Runnable betweenBatches;

    /** An evaluator that runs every batch to the end. */
    public Evaluator() {
        this(() -> { });
    }

    /**
     * @param betweenBatches called before every batch; a step's stop check, which ends the work by throwing
     */
    public Evaluator(Runnable betweenBatches) {
        this.betweenBatches = betweenBatches;
    }

    /** The figures and each record's predicted class. */
    public record Evaluation(EvaluationFigures figures, int[] predicted, float[][] probabilities) {

        public static Evaluation of(int[] truth, float[][] probabilities) {
            int[] predicted = new int[probabilities.length];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = Votes.argMax(probabilities[i]);
            }
            return new Evaluation(EvaluationFigures.of(truth, predicted), predicted, probabilities);
        }
    }

    /** Evaluates the records, checking the model's input size against the data's first. */
    public Evaluation evaluate(Path artifact, List<ShardRecord> records, int imageSize, boolean tta)
            throws IOException {
        return evaluate(artifact, records, imageSize, tta, false);
    }

    public Evaluation evaluate(Path artifact, List<ShardRecord> records, int imageSize, boolean tta,
            boolean multiCrop) throws IOException {
        int[] truth = records.stream().mapToInt(ShardRecord::label).toArray();
        return Evaluation.of(truth, probabilities(artifact, records, imageSize, tta, multiCrop));
    }

    /** The 18 class probabilities of each record. */
    public float[][] probabilities(Path artifact, List<ShardRecord> records, int imageSize, boolean tta,
            boolean multiCrop) throws IOException {
        ModelDescriptor descriptor = ModelArtifact.describe(artifact);
        if (descriptor.imageSize() != imageSize) {
            throw new IllegalArgumentException("the model takes " + descriptor.imageSize() + " px images, the data "
                    + "has " + imageSize + " px");
        }
        float[][] out = new float[records.size()][];
        Batcher batcher = new Batcher(imageSize, imageSize, BATCH, descriptor.mean(), descriptor.std());
        try (Model model = ModelArtifact.loadForInference(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            for (int from = 0; from < records.size(); from += BATCH) {
                betweenBatches.run();
                List<ShardRecord> part = records.subList(from, Math.min(records.size(), from + BATCH));
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = batcher.batch(part, step).get(0);
                    NDArray logits = logits(predictor, images, imageSize, tta, multiCrop);
                    float[] p = descriptor.probabilities(logits).toFloatArray();
                    for (int i = 0; i < part.size(); i++) {
                        out[from + i] = new float[Label.CLASSES];
                        System.arraycopy(p, i * Label.CLASSES, out[from + i], 0, Label.CLASSES);
                    }
                }
            }
        } catch (TranslateException e) {
            throw new IOException("inference failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Mean logits over the views: the image, its flip (TTA), and with multi-crop five crops and their flips. */
    static NDArray logits(Predictor<NDList, NDList> predictor, NDArray images, int size, boolean tta,
            boolean multiCrop) throws TranslateException {
        NDArray sum = predictor.predict(new NDList(images)).singletonOrThrow();
        int views = 1;
        if (tta) {
            sum = sum.add(predictor.predict(new NDList(images.flip(3))).singletonOrThrow());
            views++;
        }
        if (multiCrop) {
            int side = Math.max(1, size * 7 / 8);
            int[][] corners = {{0, 0}, {0, size - side}, {size - side, 0}, {size - side, size - side},
                {(size - side) / 2, (size - side) / 2}};
            for (int[] c : corners) {
                NDArray crop = images.get(new NDIndex(":, :, {}:{}, {}:{}", c[0], c[0] + side, c[1], c[1] + side));
                NDArray resized = NDImageUtils.resize(crop.transpose(0, 2, 3, 1), size, size).transpose(0, 3, 1, 2);
                sum = sum.add(predictor.predict(new NDList(resized)).singletonOrThrow());
                views++;
                if (tta) {
                    sum = sum.add(predictor.predict(new NDList(resized.flip(3))).singletonOrThrow());
                    views++;
                }
            }
        }
        return sum.div(views);
    }
}
