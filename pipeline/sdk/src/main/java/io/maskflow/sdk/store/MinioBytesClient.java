package io.maskflow.sdk.store;

import com.google.common.collect.ImmutableMultimap;
import io.minio.MinioAsyncClient;
import io.minio.http.Method;
import io.minio.http.HttpUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The MinIO client with one call more: the PUT of an object held in a byte array, in one request that the client
 * builds, signs and sends as it does all its other requests, only without its stream machinery.
 *
 * <p>Why (issue 24): {@code MinioClient.putObject} takes a stream, and for each object it reads the stream on the
 * common fork-join pool ({@code CompletableFuture.supplyAsync} without an executor, which on a two-core machine
 * starts a new thread for every task), copies the bytes into a part, and sends a stream body through a new OkHttp
 * client (rebuilt without retries on connection failure, since a stream cannot be sent twice; building one compares
 * the platform's trust roots certificate by certificate). For a 50 KB photo that cost about as much CPU as drawing
 * and encoding the photo. A byte array body is sent by the shared client: it can be sent again, so that is safe.
 *
 * <p>The shared OkHttp client is the MinIO client's default with a larger dispatcher and connection pool: OkHttp
 * sends at most 5 requests to one host at once and keeps 5 idle connections by default, so with more PUTs at once
 * than that the others wait or open and close a connection each time.
 */
final class MinioBytesClient extends MinioAsyncClient {

    /** Requests at once, and connections kept, per S3 server; well above the uploads any caller makes at once. */
    static final int CONNECTIONS = 64;
    private static final long TIMEOUT_MILLIS = Duration.ofMinutes(5).toMillis();

    private MinioBytesClient(MinioAsyncClient client) {
        super(client);
    }

    /** A client of the store's endpoint sending through {@code http}, the HTTP client of the store's other calls. */
    static MinioBytesClient of(StoreConfig config, OkHttpClient http) {
        return new MinioBytesClient(MinioAsyncClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).httpClient(http)
                .build());
    }

    /** The HTTP client that both the MinIO client and this one send through. */
    static OkHttpClient httpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(CONNECTIONS);
        dispatcher.setMaxRequestsPerHost(CONNECTIONS);
        return HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS).newBuilder()
                .dispatcher(dispatcher).connectionPool(new ConnectionPool(CONNECTIONS, 5, TimeUnit.MINUTES)).build();
    }

    /**
     * PUTs {@code content} as {@code bucket/key} with the content type and user metadata given (names without the
     * {@code x-amz-meta-} prefix). Throws what the MinIO client's own calls throw: an {@code ErrorResponseException}
     * for an S3 error answer, an {@code IOException} when the server cannot be reached.
     */
    void put(String bucket, String region, String key, byte[] content, String contentType,
            Map<String, String> userMetadata) throws Exception {
        Headers.Builder headers = new Headers.Builder().add("Content-Type", contentType);
        userMetadata.forEach((name, value) -> headers.add("x-amz-meta-" + name, value));
        Response response;
        try {
            response = executeAsync(Method.PUT, bucket, key, region, headers.build(), ImmutableMultimap.of(), content,
                    content.length).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        response.close();
    }
}
