package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.InvalidResponseException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MinioArtifactStoreRetryTest {

    @Test
    void aServerErrorAnsweredInHtmlIsTriedAgainAClientErrorIsNot() {
        // what S3Proxy answered a listing that met an object file being written (seen in BadInputIT)
        assertThat(MinioArtifactStore.isTransient(new InvalidResponseException(500, "text/html;charset=iso-8859-1",
                "<html><body><h2>HTTP ERROR 500</h2></body></html>", null))).isTrue();
        assertThat(MinioArtifactStore.isTransient(new InvalidResponseException(503, "text/html", "busy", null)))
                .isTrue();
        assertThat(MinioArtifactStore.isTransient(new InvalidResponseException(400, "text/html", "bad", null)))
                .isFalse();
        assertThat(MinioArtifactStore.isTransient(new InvalidResponseException(404, "text/plain", "", null)))
                .isFalse();
        assertThat(MinioArtifactStore.isTransient(new IOException("connection reset"))).isTrue();
        assertThat(MinioArtifactStore.isTransient(new ArtifactNotFoundException("s3://b/k"))).isFalse();
    }
}
