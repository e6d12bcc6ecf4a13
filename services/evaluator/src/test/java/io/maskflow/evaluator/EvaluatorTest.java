package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.vision.data.Batcher;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-time augmentation against a direct computation with the same network. */
class EvaluatorTest {

    private static final int SIZE = 16;
    private static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    private static final float[] STD = {0.25f, 0.25f, 0.25f};

    private static Path model(Path dir) throws Exception {
        Path zip = dir.resolve("m.zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.SINGLE, SIZE));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", Heads.SINGLE, SIZE, MEAN, STD, 30, 60, null,
                    Map.of(), Map.of(), Map.of(), Map.of(), null), zip);
        }
        return zip;
    }

    private static List<ShardRecord> records(int n) {
        Random random = new Random(3);
        List<ShardRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[SIZE * SIZE * 3];
            random.nextBytes(px);
            out.add(new ShardRecord(i % 18, i, 0, px));
        }
        return out;
    }

    @Test
    void flipTtaAveragesTheLogitsOfTheImageAndItsMirror(@TempDir Path dir) throws Exception {
        Path zip = model(dir);
        List<ShardRecord> records = records(5);
        float[][] tta = new Evaluator().probabilities(zip, records, SIZE, true, false);
        float[][] plain = new Evaluator().probabilities(zip, records, SIZE, false, false);
        try (Model model = ModelArtifact.load(zip, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager m = NDManager.newBaseManager()) {
            NDArray images = new Batcher(SIZE, SIZE, 8, MEAN, STD).batch(records, m).get(0);
            NDArray logits = predictor.predict(new NDList(images)).singletonOrThrow();
            NDArray mirrored = predictor.predict(new NDList(images.flip(3))).singletonOrThrow();
            float[] expected = logits.add(mirrored).div(2).softmax(1).toFloatArray();
            float[] unflipped = logits.softmax(1).toFloatArray();
            for (int i = 0; i < records.size(); i++) {
                for (int c = 0; c < 18; c++) {
                    assertThat(tta[i][c]).isCloseTo(expected[i * 18 + c], within(1e-5f));
                    assertThat(plain[i][c]).isCloseTo(unflipped[i * 18 + c], within(1e-5f));
                }
            }
        }
        assertThat(tta[0]).isNotEqualTo(plain[0]);
    }

    @Test
    void theModelsDecisionBiasIsAddedToItsLogitsBeforeTheSoftmax(@TempDir Path dir) throws Exception {
        float[] bias = new float[18];
        bias[13] = 3;
        bias[2] = -1;
        List<ShardRecord> records = records(4);
        Path zip = model(dir);
        Path biasedZip = dir.resolve("biased.zip");
        try (Model model = ModelArtifact.load(zip, Device.cpu())) {
            ModelArtifact.save(model, ModelArtifact.describe(zip).withLogitBias(bias), biasedZip);
        }
        float[][] plain = new Evaluator().probabilities(zip, records, SIZE, false, false);
        float[][] biased = new Evaluator().probabilities(biasedZip, records, SIZE, false, false);
        for (int i = 0; i < records.size(); i++) {
            double normaliser = 0;
            for (int c = 0; c < 18; c++) {
                normaliser += plain[i][c] * Math.exp(bias[c]);
            }
            for (int c = 0; c < 18; c++) {
                assertThat((double) biased[i][c]).as("record %d class %d", i, c)
                        .isCloseTo(plain[i][c] * Math.exp(bias[c]) / normaliser, within(1e-5));
            }
        }
    }

    @Test
    void multiCropAddsTheFiveCropsToTheViews(@TempDir Path dir) throws Exception {
        Path zip = model(dir);
        List<ShardRecord> records = records(3);
        float[][] crops = new Evaluator().probabilities(zip, records, SIZE, true, true);
        float[][] flipOnly = new Evaluator().probabilities(zip, records, SIZE, true, false);
        for (float[] p : crops) {
            float sum = 0;
            for (float v : p) {
                sum += v;
            }
            assertThat(sum).isCloseTo(1f, within(1e-4f));
        }
        assertThat(crops[0]).isNotEqualTo(flipOnly[0]);
    }

    @Test
    void aModelForAnotherInputSizeIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Path zip = model(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Evaluator().probabilities(zip, records(1), 32,
                true, false)).hasMessageContaining("16 px").hasMessageContaining("32 px");
    }
}
