package io.maskflow.preprocess.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.preprocess.RecordingEvents;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    /**
     * {@code dataset} names a data set by its {@code train/train.csv}, its manifest or a generated set's
     * {@code dataset.json}; the key of any other file (the generator's preview sheet, a preprocess index, a zip) is
     * refused naming those. Such a key was accepted and the job preprocessed whatever folder it sat in.
     */
    @Test
    void refusesADatasetKeyThatNamesNoDataSet() throws Exception {
        byte[] csv = "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8);
        store.put("gen/train/train.csv", csv, "text/csv");
        store.put("gen/dataset.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put("gen/preview.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        store.put("steps/preprocess/x/index.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put("uploads/masks.zip", new byte[] {'P', 'K', 3, 4}, "application/zip");
        store.put("train/train.csv", csv, "text/csv");
        store.put("up/" + DatasetManifest.FILE_NAME, EventCodec.instance().mapper().writeValueAsBytes(
                new DatasetManifest(DatasetManifest.SCHEMA_VERSION, store.bucket(), "gen/", "upload",
                        Map.of("train/train.csv", new DatasetManifest.FileEntry(csv.length, null, "e1")),
                        Instant.EPOCH)), "application/json");

        assertThatThrownBy(() -> resource.start(new PreprocessResource.JobRequest("gen/preview.png", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset 'gen/preview.png' names no data set: give the store key of a data set's "
                        + "train/train.csv, of its maskflow-dataset.json manifest or of a generated set's "
                        + "dataset.json");
        assertThatThrownBy(() -> resource.start(new PreprocessResource.JobRequest("steps/preprocess/x/index.json",
                null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dataset 'steps/preprocess/x/index.json' names no data set");
        assertThatThrownBy(() -> resource.start(new PreprocessResource.JobRequest("uploads/masks.zip", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("; a zip goes to POST /jobs/uploads first, which answers with its "
                        + "train.csv's key");
        assertThat(events.published()).isEmpty();

        for (String key : List.of("gen/train/train.csv", "train/train.csv", "gen/dataset.json",
                "up/" + DatasetManifest.FILE_NAME)) {
            assertThat(resource.start(new PreprocessResource.JobRequest(key, null)).getStatus()).as(key)
                    .isEqualTo(202);
        }
        assertThat(events.published()).hasSize(4);
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
