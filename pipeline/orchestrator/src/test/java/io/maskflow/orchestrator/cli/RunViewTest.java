package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The CLI's summary of an evaluation report: the headline, then the other figures, each saying what it is. */
class RunViewTest {

    @Test
    void theSummaryGivesTheHoldOutHeadlineWithTheOtherFiguresBesideIt() throws Exception {
        String report = """
                {"evaluatedOn": "the hold-out persons (never used for training, validation or early stopping)",
                 "figures": {"count": 420, "macroF1": 0.51,
                   "heads": {"mask": {"accuracy": 0.99}, "gender": {"accuracy": 0.8}, "age": {"accuracy": 0.85}}},
                 "sideBySide": [
                   {"set": "holdout", "on": "the hold-out persons", "macroF1": 0.51, "images": 420, "headline": true,
                    "persons90": {"low": 0.47, "high": 0.5521, "persons": 60, "resamples": 1000}},
                   {"set": "validation", "on": "validation fold 0 (it chose the epoch)", "macroF1": 0.56,
                    "images": 756, "headline": false,
                    "persons90": {"low": 0.53, "high": 0.59, "persons": 108, "resamples": 1000}},
                   {"set": "evalFolder", "on": "the data set's eval folder", "macroF1": 0.45, "images": 280,
                    "headline": false}],
                 "promotion": {"promoted": true, "reason": "no model was promoted yet"}}
                """;
        String text = RunView.reportSummary(new ObjectMapper().readTree(report));
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("evaluated on the hold-out persons (never used "
                + "for training, validation or early stopping) (420 images): macro F1 0.5100 (0.4700 – 0.5521 in 90 % "
                + "of draws of its 60 persons); accuracy mask 0.990, gender 0.800, age 0.850");
        assertThat(text).contains("  beside it, validation fold 0 (it chose the epoch) (756 images): macro F1 0.5600 "
                + "(0.5300 – 0.5900 in 90 % of draws of its 108 persons)",
                "  beside it, the data set's eval folder (280 images): macro F1 0.4500\n");
    }

    @Test
    void aCancelledRunSaysHowSoonEachStoppedAttemptStopped() throws Exception {
        String run = """
                {"runId": "r1", "pipeline": "train-and-serve", "status": "CANCELLED", "reason": "changed my mind",
                 "steps": {
                   "train": {"phase": "CANCELLED", "attempt": 1, "attempts": [{"attempt": 1,
                     "stopRequestedAt": "2026-12-01T10:00:00Z", "endedAt": "2026-12-01T10:00:01.250Z",
                     "outcome": "cancelled"}]},
                   "evaluate": {"phase": "CANCELLED", "attempt": 2, "attempts": [{"attempt": 1,
                     "endedAt": "2026-12-01T09:59:00Z", "outcome": "failed"}, {"attempt": 2,
                     "stopRequestedAt": "2026-12-01T10:00:00Z"}]}}}
                """;
        String text = RunView.render(new ObjectMapper().readTree(run));
        assertThat(text).contains("train              cancelled   (attempt 1 stopped 1.3 s after the stop was asked)");
        assertThat(text).contains(
                "evaluate           cancelled   attempt 2 (attempt 2 asked to stop; not stopped yet)");
    }
    @Test
    void aSearchListsItsTrialsWhatTheyTriedHowFarTheyGotAndTheEpochsSaved() throws Exception {
        String run = """
                {"runId": "s1", "pipeline": "search", "status": "SUCCEEDED", "steps": {
                  "trial-0": {"phase": "SUCCEEDED", "attempt": 1,
                    "spec": {"parameters": {"epochs": 4, "learningRate": 0.003, "seed": 42}},
                    "history": [{"done": 1, "metrics": {"valMacroF1": 0.3}},
                      {"done": 2, "metrics": {"valMacroF1": 0.5}}, {"done": 3, "metrics": {"valMacroF1": 0.45}},
                      {"done": 4, "metrics": {"valMacroF1": 0.48}}]},
                  "trial-1": {"phase": "PRUNED", "attempt": 1, "pruned": "stopped by successive halving at epoch 2",
                    "spec": {"parameters": {"epochs": 4, "learningRate": 1.0E-7, "seed": 42}},
                    "history": [{"done": 1, "metrics": {"valMacroF1": 0.02}},
                      {"done": 2, "metrics": {"valMacroF1": 0.03}}]},
                  "evaluate": {"phase": "SUCCEEDED", "attempt": 1, "spec": {"parameters": {}}}}}
                """;
        String text = RunView.render(new ObjectMapper().readTree(run));
        assertThat(text).contains("trial-1            pruned      stopped by successive halving at epoch 2",
                "    trial-0   learningRate=0.003  epochs 4/4  best valMacroF1 0.5000  succeeded",
                "    trial-1   learningRate=1.0E-7  epochs 2/4  best valMacroF1 0.0300  stopped early",
                "    6 of the 8 trainer-epochs a full run of these trials would take (75 %)");
        assertThat(RunView.searchTable(new ObjectMapper().readTree("{\"steps\": {\"train\": {}}}"))).isEmpty();
    }
}
