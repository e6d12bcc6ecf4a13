package io.maskflow.orchestrator.datasets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.orchestrator.definitions.DefinitionException;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bucket name S3 (and the MinIO client) refuses is the request's mistake, said as such: never a store outage. */
class StoreDatasetsTest {

    /** A store whose bucket is {@code maskflow}, and whose every other call is a store that does not answer. */
    private static final ArtifactStore AWAY = (ArtifactStore) Proxy.newProxyInstance(
            ArtifactStore.class.getClassLoader(), new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("bucket")) {
                    return "maskflow";
                }
                throw new IOException("the store does not answer");
            });

    @Test
    void bucketNamesBreakingS3sRulesAreRefusedAsBadInput() {
        StoreDatasets datasets = new StoreDatasets(AWAY);
        for (String bucket : List.of("ab.-cd", "ab-.cd", "ab..cd", "ab", "-abc", "abc-", "Abc", "ab_c",
                "192.168.1.1", "a".repeat(64))) {
            assertThatThrownBy(() -> datasets.locate("s3://" + bucket + "/data/", DatasetLocator.Kind.COMPETITION))
                    .as(bucket).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("'" + bucket + "' is not an S3 bucket name");
        }
        // a good name gets as far as the store
        for (String bucket : List.of("abc", "my.bucket-1", "a".repeat(63))) {
            assertThatThrownBy(() -> datasets.locate("s3://" + bucket + "/data/", DatasetLocator.Kind.COMPETITION))
                    .as(bucket).hasMessageContaining("the store does not answer");
        }
    }
}
