package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import io.maskflow.vision.model.ModelArtifact;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@code train} step: input {@code shards} is a preprocess shard index, optional input {@code init} a model to
 * start from; outputs are {@code model} (the model artifact), {@code curve} (per-epoch figures, JSON) and
 * {@code curvePlot} (PNG). Progress events carry each epoch's loss, validation macro F1, per-head accuracy,
 * throughput and ETA. Checkpoints go under the execution's output prefix, so a redelivered command resumes.
 */
@ApplicationScoped
public class TrainStep implements StepHandler {

    private static final Logger LOG = Logger.getLogger(TrainStep.class);

    @Override
    public StepType type() {
        return StepType.TRAIN;
    }

    @Inject
    TrainingMetrics metrics;

    @Override
    public StepResult run(StepContext context) throws Exception {
        TrainParams params = context.parameters(TrainParams.DEFAULTS);
        ArtifactRef indexRef = context.input("shards");
        ArtifactRef init = context.command().inputs().get("init");
        Path work = Files.createTempDirectory("train-");
        try {
            Path initModel = null;
            if (init != null) {
                initModel = work.resolve("init.zip");
                context.store().download(init, initModel);
            }
            TrainingRunner.Data data = TrainingData.load(context.store(), indexRef, initModel);
            TrainingRunner.Result result;
            try {
                result = new TrainingRunner(null, new StoreCheckpoints(context.store(), context.outputPrefix()),
                        () -> false).train(params, data, work.resolve("model.zip"), (epoch, epochs) -> {
                            metrics.epochDone(epoch);
                            context.progress(progress(epoch, epochs));
                        });
            } catch (IllegalArgumentException e) {
                throw new StepFailure("invalid-parameters", e.getMessage(), false, e);
            }
            ArtifactRef model = context.writeOutput("model.zip", result.artifact(), "application/zip");
            ArtifactRef curve = context.writeOutput("curve.json", EventCodec.instance().mapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(result.curve()), "application/json");
            ArtifactRef plot = context.writeOutput("curve.png", CurvePlot.png(result.curve(), params.architecture()
                    + ", " + params.heads() + " heads"), "image/png");
            LOG.infof("trained %s (%s heads) on %d images%s: kept epoch %d, val macro F1 %.3f", params.architecture(),
                    params.heads(), data.records().size(), result.resumed() ? " (resumed from a checkpoint)" : "",
                    result.keptEpoch(), result.descriptor().metrics().get("valMacroF1"));
            return new StepResult(Map.of("model", model, "curve", curve, "curvePlot", plot),
                    result.descriptor().metrics());
        } finally {
            ModelArtifact.deleteTree(work);
        }
    }

    /** The progress event of one epoch: its figures, and a line a person reads. */
    static Progress progress(TrainingRunner.Epoch epoch, int epochs) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("loss", epoch.loss());
        figures.put("valLoss", epoch.valLoss());
        figures.put("valMacroF1", epoch.valMacroF1());
        figures.put("maskAccuracy", epoch.maskAccuracy());
        figures.put("genderAccuracy", epoch.genderAccuracy());
        figures.put("ageAccuracy", epoch.ageAccuracy());
        figures.put("imagesPerSecond", epoch.imagesPerSecond());
        figures.put("learningRate", epoch.learningRate());
        figures.put("etaSeconds", epoch.etaSeconds());
        return new Progress("epoch", epoch.epoch(), epochs, String.format(Locale.ROOT,
                "epoch %d/%d loss %.3f val macro F1 %.3f, %.0f images/s, ETA %.0f s", epoch.epoch(), epochs,
                epoch.loss(), epoch.valMacroF1(), epoch.imagesPerSecond(), epoch.etaSeconds()), figures);
    }
}
