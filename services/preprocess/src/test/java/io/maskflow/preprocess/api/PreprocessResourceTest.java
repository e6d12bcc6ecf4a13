package io.maskflow.preprocess.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.preprocess.RecordingEvents;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /jobs} refuses a job that cannot run before it publishes it, with an IllegalArgumentException, which
 * every service answers with 400 and its message (ErrorResponses): a label correction that applies to no data set,
 * a data set manifest that is not one. It was accepted with 202, and the step failed later.
 */
class PreprocessResourceTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEvents events = new RecordingEvents();
    private final PreprocessResource resource = new PreprocessResource();

    PreprocessResourceTest() {
        resource.store = store;
        resource.events = events;
    }

    private static PreprocessResource.JobRequest job(String dataset, List<?> corrections) {
        return new PreprocessResource.JobRequest(dataset, Map.of("corrections", corrections));
    }

    @Test
    void refusesAMalformedCorrectionWithItsReason() throws Exception {
        store.put("ds/train/train.csv", "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThatThrownBy(() -> resource.start(job("ds/train/train.csv", List.of("oops"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("correction 'oops' is not <id>:<change>");
        assertThatThrownBy(() -> resource.start(job("ds/train/train.csv", List.of("000001:gender=other"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the change must be gender=male, gender=female, age=<n> or");
        assertThatThrownBy(() -> resource.start(job("ds/train/train.csv", List.of("000001:age=151"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the age must be between 0 and 150");
        assertThatThrownBy(() -> resource.start(job("ds/train/train.csv",
                new ArrayList<>(Arrays.asList("000001:age=30", null)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correction 2 of 2 is null");
        assertThat(events.published()).isEmpty();

        assertThat(resource.start(job("ds/train/train.csv", List.of("000001:age=150"))).getStatus())
                .isEqualTo(202);
        assertThat(events.published()).hasSize(1);
    }

    @Test
    void refusesADatasetManifestThatIsNotOne() throws Exception {
        store.put("broken/maskflow-dataset.json", "{\"schemaVersion\": 1, \"bucket\": ".getBytes(
                StandardCharsets.UTF_8), "application/json");
        assertThatThrownBy(() -> resource.start(new PreprocessResource.JobRequest("broken/maskflow-dataset.json",
                null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://memory/broken/maskflow-dataset.json is not a readable data set manifest");
        assertThat(events.published()).isEmpty();
    }
}
