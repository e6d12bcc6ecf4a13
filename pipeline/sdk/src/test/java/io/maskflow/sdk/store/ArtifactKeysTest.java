package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactKeysTest {

    private static final ArtifactRef DATA = new ArtifactRef("b", "uploads/a.zip", 10, "0".repeat(64));

    @Test
    void theCacheKeyDependsOnContentNotOnOrderOrLocation() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("y", 2, "x", 1));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("x", 1, "y", 2));
        ba.put("a", 1);
        String key = ArtifactKeys.cacheKey(StepType.TRAIN, "1", ab, Map.of("data", DATA));
        assertThat(key).hasSize(32).matches("[0-9a-f]+");
        assertThat(ArtifactKeys.cacheKey(StepType.TRAIN, "1", ba, Map.of("data", DATA))).isEqualTo(key);

        ArtifactRef moved = new ArtifactRef("other", "elsewhere/a.zip", 10, DATA.sha256());
        assertThat(ArtifactKeys.cacheKey(StepType.TRAIN, "1", ab, Map.of("data", moved))).isEqualTo(key);

        assertThat(ArtifactKeys.cacheKey(StepType.TRAIN, "2", ab, Map.of("data", DATA))).isNotEqualTo(key);
        assertThat(ArtifactKeys.cacheKey(StepType.EVALUATE, "1", ab, Map.of("data", DATA))).isNotEqualTo(key);
        assertThat(ArtifactKeys.cacheKey(StepType.TRAIN, "1", Map.of("a", 2), Map.of("data", DATA)))
                .isNotEqualTo(key);
        ArtifactRef changed = new ArtifactRef("b", "uploads/a.zip", 10, "1".repeat(64));
        assertThat(ArtifactKeys.cacheKey(StepType.TRAIN, "1", ab, Map.of("data", changed))).isNotEqualTo(key);
    }

    @Test
    void keysFollowTheDocumentedLayout() {
        assertThat(ArtifactKeys.stepOutputPrefix(StepType.PREPROCESS, "abc")).isEqualTo("steps/preprocess/abc/");
        assertThat(ArtifactKeys.manifest("steps/preprocess/abc/")).isEqualTo("steps/preprocess/abc/manifest.json");
        assertThat(ArtifactKeys.idempotencyRecord("run-1/gen/1")).matches("idempotency/[0-9a-f]{64}\\.json");
        assertThat(ArtifactKeys.contentAddressed("ab" + "0".repeat(62), "data.zip"))
                .isEqualTo("blobs/sha256/ab/ab" + "0".repeat(62) + "/data.zip");
        assertThat(ArtifactKeys.runRecord("run-1", "state.json")).isEqualTo("runs/run-1/state.json");
    }

    @Test
    void namesCannotClimbOutOfTheirPrefix() {
        assertThatThrownBy(() -> ArtifactKeys.safeName("../x")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ArtifactKeys.safeName("a//b")).hasMessageContaining("empty parts");
        // a URI was refused for its empty part, which did not tell the caller to give the key instead
        assertThatThrownBy(() -> ArtifactKeys.safeName("s3://maskflow/models/m/model.zip"))
                .hasMessageContaining("is a URI, not a key in the store");
        assertThatThrownBy(() -> ArtifactKeys.safeName(null)).hasMessage("artifact name is missing");
        assertThatThrownBy(() -> ArtifactKeys.runRecord("../r", "x")).hasMessageContaining("runId");
        assertThat(ArtifactKeys.safeName("reports/confusion.png")).isEqualTo("reports/confusion.png");
    }

    /** Keys the store would refuse are refused here, as bad input (a 400), not as a store that failed (a 503). */
    @Test
    void namesTheStoreWouldRefuseAreBadInput() {
        assertThatThrownBy(() -> ArtifactKeys.safeName("x\u0000y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> ArtifactKeys.safeName("a".repeat(1025))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("1024 bytes");
        assertThat(ArtifactKeys.safeName("a".repeat(1024))).hasSize(1024);
    }

    /** A configured bucket no reference could name fails at start-up, not at every artifact's first write. */
    @Test
    void aStoreBucketNoReferenceCouldNameIsRefusedAtStart() {
        assertThatThrownBy(() -> new StoreConfig("http://s3", "a", "b", "My_Bucket", "us-east-1", 1,
                java.time.Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store bucket 'My_Bucket' is no bucket name");
        assertThat(new StoreConfig("http://s3", "a", "b", "maskflow", "us-east-1", 1, java.time.Duration.ofMillis(1))
                .bucket()).isEqualTo("maskflow");
    }
}
