package io.maskflow.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatus;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.sdk.step.StepRuntime;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the step fails it for good with a code that says so, so the orchestrator does not run it again: a
 * label correction that applies to no data set, a data set manifest that is not one.
 */
class PreprocessStepTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEvents events = new RecordingEvents();
    private int runs;

    /** A small data set in the competition layout in the store; the reference of its train.csv. */
    private ArtifactRef dataset() throws Exception {
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        byte[] jpeg = TestData.jpeg(384, 512, Color.GREEN);
        for (int i = 1; i <= 4; i++) {
            String gender = i % 2 == 0 ? "male" : "female";
            String folder = String.format("%06d_%s_Asian_%d", i, gender, 20 + i * 9);
            csv.append(String.format("%06d,%s,Asian,%d,%s%n", i, gender, 20 + i * 9, folder));
            for (String stem : Mask.fileStems()) {
                store.put("ds/train/images/" + folder + "/" + stem + ".jpg", jpeg, "image/jpeg");
            }
        }
        return store.put("ds/train/train.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    /** Runs one preprocess command through the step runtime; its final event. */
    private StepStatusEvent run(Map<String, Object> parameters, ArtifactRef dataset) throws Exception {
        runs++;
        new StepRuntime(new PreprocessStep(), store, events, new SimpleMeterRegistry(), "w").handle(StepCommand.of(
                "run-" + runs, "preprocess", StepType.PREPROCESS, 1, parameters, Map.of("dataset", dataset)));
        List<StepStatusEvent> published = events.of(StepStatusEvent.class);
        return published.get(published.size() - 1);
    }

    private StepError failure(Map<String, Object> parameters, ArtifactRef dataset) throws Exception {
        StepStatusEvent last = run(parameters, dataset);
        assertThat(last.status()).as(String.valueOf(last.error())).isEqualTo(StepStatus.FAILED);
        return last.error();
    }

    @Test
    void aMalformedCorrectionFailsTheStepForGoodWithItsReason() throws Exception {
        ArtifactRef dataset = dataset();
        Map<List<?>, String> refused = Map.of(
                List.of("oops"), "correction 'oops' is not <id>:<change>",
                List.of("000001:gender=other"), "the change must be gender=male",
                List.of("000001:age=200"), "the age must be between 0 and 150",
                new ArrayList<>(Arrays.asList("000001:gender=male", null)), "correction 2 of 2 is null");
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<List<?>, String> bad : refused.entrySet()) {
            StepError error = failure(Map.of("imageSize", 16, "corrections", bad.getKey()), dataset);
            softly.assertThat(error).as(bad.getKey().toString()).isEqualTo(new StepError("invalid-parameters",
                    error.message(), false));
            softly.assertThat(error.message()).as(bad.getKey().toString()).contains(bad.getValue());
        }
        softly.assertAll();
        assertThat(run(Map.of("imageSize", 16, "corrections", List.of("000001:age=150", "000002:gender=female")),
                dataset).status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void aDatasetManifestThatIsNotOneFailsTheStepForGoodAsAnInvalidDataset() throws Exception {
        Map<String, String> manifests = Map.of(
                "{\"schemaVersion\": 1, \"bucket\": ", "manifest: Unexpected end-of-input",
                "{\"schemaVersion\": 1, \"bucket\": \"memory\", \"root\": \"x/\", \"origin\": \"upload\", "
                        + "\"files\": {\"a\": {\"size\": -1, \"sha256\": null, \"etag\": \"e\"}}}",
                "manifest: a file size must not be negative, got -1");
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, String> manifest : manifests.entrySet()) {
            ArtifactRef ref = store.put("broken/maskflow-dataset.json",
                    manifest.getKey().getBytes(StandardCharsets.UTF_8), "application/json");
            StepError error = failure(Map.of("imageSize", 16), ref);
            softly.assertThat(error).isEqualTo(new StepError("invalid-dataset", error.message(), false));
            softly.assertThat(error.message()).contains("input 'dataset': s3://memory/broken/maskflow-dataset.json "
                    + "is not a readable data set manifest", manifest.getValue());
        }
        softly.assertAll();
    }
}
