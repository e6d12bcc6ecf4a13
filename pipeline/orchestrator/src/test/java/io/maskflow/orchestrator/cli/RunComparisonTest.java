package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode run(String id, int epochs, double... f1) throws Exception {
        StringBuilder history = new StringBuilder();
        for (int e = 0; e < f1.length; e++) {
            history.append(e == 0 ? "" : ",").append("{\"done\": ").append(e + 1).append(", \"metrics\": "
                    + "{\"valMacroF1\": ").append(f1[e]).append("}}");
        }
        return json.readTree("""
                {"runId": "%s", "pipeline": "train-and-serve", "status": "SUCCEEDED",
                 "createdAt": "2026-12-01T10:00:00Z", "finishedAt": "2026-12-01T10:06:11Z",
                 "parameters": {"epochs": %d, "persons": 600, "architecture": "compact-cnn"},
                 "steps": {"generate": {"phase": "SUCCEEDED"}, "train": {"phase": "SUCCEEDED", "history": [%s]}}}
                """.formatted(id, epochs, history));
    }

    private JsonNode report(double macroF1, double maskAccuracy, double classZeroF1) throws Exception {
        return json.readTree("""
                {"evaluatedOn": "hold-out persons",
                 "sideBySide": [{"set": "holdout", "macroF1": %s, "headline": true,
                   "persons90": {"low": %s, "high": %s, "persons": 60}}],
                 "figures": {"count": 420, "macroF1": %s,
                  "heads": {"mask": {"accuracy": %s, "macroF1": 0.9}, "gender": {"accuracy": 0.8, "macroF1": 0.79},
                            "age": {"accuracy": 0.7, "macroF1": 0.6}},
                  "perClass": [{"label": 0, "name": "wear/male/<30", "f1": %s},
                               {"label": 1, "name": "wear/male/30-59", "f1": 0.5}]}}
                """.formatted(macroF1, macroF1 - 0.05, macroF1 + 0.04, macroF1, maskAccuracy, classZeroF1));
    }

    @Test
    void showsRunsSideBySideWithTheDifferingParameterMarkedAndTheirCurvesOnOneChart() throws Exception {
        String text = RunComparison.render(List.of(
                new RunComparison.Compared(run("run-a", 3, 0.2, 0.4, 0.6), report(0.561, 0.99, 0.81)),
                new RunComparison.Compared(run("run-b", 2, 0.3, 0.5), report(0.432, 0.95, 0.7)),
                new RunComparison.Compared(run("run-c", 3, 0.1), null)));
        System.out.println(text);
        assertThat(text).contains("A: run-a", "B: run-b", "C: run-c", "6 min 11 s");
        assertThat(text.lines().filter(l -> l.startsWith("* ")).toList()).as("only epochs differs")
                .singleElement().satisfies(l -> assertThat(l).startsWith("* epochs").contains("3", "2"));
        assertThat(text).containsPattern("(?m)^  persons +600 +600 +600$");
        assertThat(text).containsPattern("(?m)^  macro F1 +0\\.561 +0\\.432$");
        assertThat(text).containsPattern("(?m)^  90 % of person draws +0\\.511 – 0\\.601 +0\\.382 – 0\\.472$");
        assertThat(text).containsPattern("(?m)^  mask accuracy +0\\.990 +0\\.950$");
        assertThat(text).containsPattern("(?m)^   0 wear/male/<30 +0\\.810 +0\\.700$");
        assertThat(text).containsPattern("(?m)^  epoch 2 +0\\.400 +0\\.500$");
        // the chart: 0.6 at epoch 3 for run A only; A and B never share a point, C's one point is at 0.1
        assertThat(text).containsPattern("(?m)^   0\\.6 \\|       A$");
        assertThat(text).containsPattern("(?m)^   0\\.1 \\| C$");
    }

    @Test
    void runsWithoutReportsOrCurvesSaySo() throws Exception {
        String text = RunComparison.render(List.of(new RunComparison.Compared(run("a", 1), null),
                new RunComparison.Compared(run("b", 1), null)));
        assertThat(text).contains("no run has a report", "no run has per-epoch figures");
        assertThat(text.lines().filter(l -> l.startsWith("* "))).as("no parameter differs").isEmpty();
    }
}
