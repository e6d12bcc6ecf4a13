package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
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

    @Test
    void anS3ErrorIsTriedAgainWhenItsStatusIsAServerError() {
        assertThat(MinioArtifactStore.isTransient(s3Error("XMinioServerNotInitialized", 503))).isTrue();
        assertThat(MinioArtifactStore.isTransient(s3Error("SlowDown", 503))).isTrue();
        assertThat(MinioArtifactStore.isTransient(s3Error("AccessDenied", 403))).isFalse();
        assertThat(MinioArtifactStore.isTransient(s3Error("NoSuchKey", 404))).isFalse();
    }

    private static ErrorResponseException s3Error(String code, int status) {
        Response response = new Response.Builder().request(new Request.Builder().url("http://store/b/k").build())
                .protocol(Protocol.HTTP_1_1).code(status).message(code).build();
        return new ErrorResponseException(new ErrorResponse(code, code, "b", "k", "host", "request", "/b/k"),
                response, "");
    }
}
