package io.maskflow.preprocess.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.preprocess.RecordingEvents;
import io.maskflow.sdk.store.InMemoryArtifactStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A job request is a store key and some parameters: over 1 MiB it is refused with 413 and the reason, though the
 * service takes zips of up to 4 GB, whether the request declares its length (refused before it is read) or not.
 */
class PreprocessResourceBodyLimitTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final RecordingEvents events = new RecordingEvents();
    private final PreprocessResource resource = new PreprocessResource();

    PreprocessResourceBodyLimitTest() {
        resource.store = store;
        resource.events = events;
        resource.json = new ObjectMapper();
    }

    /** A JSON job request of exactly {@code size} bytes (the parameters padded with spaces). */
    private static byte[] request(int size) {
        byte[] json = "{\"dataset\": \"ds/train/train.csv\", \"parameters\": {\"imageSize\": 16}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length - 1, size - 1, (byte) ' ');
        padded[size - 1] = '}';
        return padded;
    }

    @Test
    void readsAtMostOneMebibyteOfAJobRequest() throws Exception {
        store.put("ds/train/train.csv", "id,gender,race,age,path\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        Response tooLarge = catchThrowableOfType(() -> resource.start(new ByteArrayInputStream(request(
                PreprocessResource.MAX_JOB_REQUEST_BYTES + 1))), WebApplicationException.class).getResponse();
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getHeaderString("Connection")).isEqualTo("close");
        assertThat(((Map<?, ?>) tooLarge.getEntity()).get("error").toString())
                .isEqualTo("the body is larger than the 1048576 bytes a job request may have");
        assertThat(events.published()).isEmpty();

        assertThat(resource.start(new ByteArrayInputStream(request(PreprocessResource.MAX_JOB_REQUEST_BYTES)))
                .getStatus()).isEqualTo(202);
        assertThat(events.published()).hasSize(1);
        assertThatThrownBy(() -> resource.start(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataset is missing");
    }

    @Test
    void refusesADeclaredLengthOverTheLimitOnlyForJobRequests() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            resource.limitBodies(router);
            router.route().handler(context -> context.request().body()
                    .onSuccess(body -> context.response().end("read " + body.length())));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            byte[] large = new byte[PreprocessResource.MAX_JOB_REQUEST_BYTES + 1];
            HttpResponse<String> refused = client.send(post(server, "/jobs", large),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.body()).contains("\"status\":413",
                    "the body is larger than the 1048576 bytes a job request may have");
            assertThat(client.send(post(server, "/jobs", new byte[1000]), HttpResponse.BodyHandlers.ofString())
                    .body()).isEqualTo("read 1000");
            assertThat(client.send(post(server, "/jobs/uploads", large), HttpResponse.BodyHandlers.ofString())
                    .body()).isEqualTo("read " + large.length);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpRequest post(HttpServer server, String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
