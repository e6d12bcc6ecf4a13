package io.maskflow.trainer;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The {@code train} step: input {@code shards} is a preprocess shard index, optional input {@code init} a model to
 * start from; outputs are {@code model} (the model artifact), {@code curve} (per-epoch figures, JSON) and
 * {@code curvePlot} (PNG). Progress events carry each epoch's loss, validation macro F1, per-head accuracy,
 * throughput and ETA. Checkpoints go under the execution's output prefix, so a redelivered command resumes.
 *
 * <p>A retraining on pseudo-labels gives optional input {@code pseudoLabels} (the {@code train.csv} the evaluator
 * wrote) and {@code unchanged} (the model trained without them). When the pseudo-labels hold no row there is
 * nothing new to learn: the step does not train, hands {@code unchanged} on as its {@code model} and says so, with
 * figures {@code pseudoLabels=0} and {@code retrainSkipped=1} and a progress line, instead of training the same
 * shards again.
 */
@ApplicationScoped
public class TrainStep implements StepHandler {

    /**
     * Part of the cache key. 2: the model descriptor carries the preprocess age cut-offs; an empty pseudo-label set
     * skips the retrain.
     */
    static final String VERSION = "2";

    @Inject
    TrainingService training;

    @Override
    public StepType type() {
        return StepType.TRAIN;
    }

    @Override
    public String codeVersion() {
        return VERSION;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        TrainParams params = context.parameters(TrainParams.DEFAULTS);
        ArtifactRef shards = context.input("shards");
        ArtifactRef init = context.command().inputs().get("init");
        ArtifactRef pseudoLabels = context.command().inputs().get("pseudoLabels");
        if (pseudoLabels != null && dataRows(context.store().read(pseudoLabels)) == 0) {
            ArtifactRef unchanged = context.command().inputs().get("unchanged");
            if (unchanged == null) {
                throw new StepFailure("missing-input", "the pseudo-labels " + pseudoLabels.uri() + " hold no row, "
                        + "and there is no input 'unchanged' (the model trained without them) to hand on", false);
            }
            context.progress(new Progress("skipped", 0, 0, "pseudoLabels=0: retrain skipped, the model trained "
                    + "without them is handed on", Map.of("pseudoLabels", 0.0)));
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("pseudoLabels", 0.0);
            figures.put("retrainSkipped", 1.0);
            return new StepResult(Map.of("model", unchanged), figures);
        }
        TrainingJob job = training.stepJob(context.command().runId(), context.command().stepId(), params);
        job.stopWhen(context::stopRequested);
        try {
            TrainingService.Outcome outcome = training.run(job, params, shards, init, context.executionPrefix(),
                    context.outputPrefix(), epoch -> context.progress(progress(epoch, params.epochs())));
            return new StepResult(outcome.outputs(), outcome.result().descriptor().metrics());
        } catch (IllegalArgumentException e) {
            throw new StepFailure("invalid-parameters", e.getMessage(), false, e);
        } catch (CancellationException e) {
            throw new StepFailure("cancelled", "training " + job.id() + " was cancelled over REST", false, e);
        }
    }

    /** The rows of a CSV after its header line, blank lines not counted. */
    static int dataRows(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n");
        int rows = 0;
        for (int i = 1; i < lines.length; i++) {
            rows += lines[i].isBlank() ? 0 : 1;
        }
        return rows;
    }

    /** The progress event of one epoch: its figures, and a line a person reads. */
    static Progress progress(TrainingRunner.Epoch epoch, int epochs) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("loss", epoch.loss());
        figures.put("valLoss", epoch.valLoss());
        figures.put("trainMacroF1", epoch.trainMacroF1());
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
