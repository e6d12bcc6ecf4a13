package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ShardSets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The {@code train} step: input {@code shards} is a preprocess shard index; outputs are {@code model} (the model
 * artifact) and {@code curve} (per-epoch figures, JSON). Progress events carry each epoch's loss, validation
 * macro F1 and per-head accuracy.
 */
@ApplicationScoped
public class TrainStep implements StepHandler {

    private static final Logger LOG = Logger.getLogger(TrainStep.class);

    @Override
    public StepType type() {
        return StepType.TRAIN;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        TrainParams params = context.parameters(TrainParams.DEFAULTS);
        ArtifactRef indexRef = context.input("shards");
        ShardIndex index = ShardSets.index(context.store(), indexRef);
        List<ShardRecord> records = ShardSets.records(context.store(), index);
        float[] mean = floats(index.mean());
        float[] std = floats(index.std());
        for (int c = 0; c < std.length; c++) {
            std[c] = Math.max(std[c], 1e-3f);
        }
        Path work = Files.createTempDirectory("train-");
        try {
            TrainingRunner.Result result;
            try {
                result = new TrainingRunner().train(params, new TrainingRunner.Data(records, index.imageSize(), mean,
                        std, indexRef, index.parameters()), work.resolve("model.zip"), (epoch, epochs) -> {
                            Map<String, Double> figures = new LinkedHashMap<>();
                            figures.put("loss", epoch.loss());
                            figures.put("valMacroF1", epoch.valMacroF1());
                            figures.put("maskAccuracy", epoch.maskAccuracy());
                            figures.put("genderAccuracy", epoch.genderAccuracy());
                            figures.put("ageAccuracy", epoch.ageAccuracy());
                            figures.put("imagesPerSecond", epoch.imagesPerSecond());
                            context.progress(new Progress("epoch", epoch.epoch(), epochs, String.format(
                                    "epoch %d/%d loss %.3f val macro F1 %.3f", epoch.epoch(), epochs, epoch.loss(),
                                    epoch.valMacroF1()), figures));
                        });
            } catch (IllegalArgumentException e) {
                throw new StepFailure("invalid-parameters", e.getMessage(), false, e);
            }
            ArtifactRef model = context.writeOutput("model.zip", result.artifact(), "application/zip");
            ArtifactRef curve = context.writeOutput("curve.json", EventCodec.instance().mapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(result.curve()), "application/json");
            TrainingRunner.Epoch last = result.curve().get(result.curve().size() - 1);
            LOG.infof("trained %s (%s heads) on %d images: val macro F1 %.3f", params.architecture(), params.heads(),
                    records.size(), last.valMacroF1());
            return new StepResult(Map.of("model", model, "curve", curve), result.descriptor().metrics());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
