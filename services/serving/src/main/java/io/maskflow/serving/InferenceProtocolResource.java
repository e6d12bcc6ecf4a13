package io.maskflow.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.labels.Label;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The Open Inference Protocol v2 (REST), as KServe, Triton and others speak it, so their clients work unchanged.
 * The model is named {@code maskflow} (or by its model id) and takes either input {@code image}: BYTES, shape [N],
 * each element a base64-encoded JPEG or PNG; or input {@code input}: FP32, shape [N, 3, S, S], already normalised
 * as the model's descriptor says. Outputs {@code probabilities} (FP32 [N, 18]) and {@code class} (INT64 [N]).
 * The model's one version is the served model's id (its metadata's {@code versions}); the protocol's versioned paths
 * ({@code /v2/models/maskflow/versions/<id>/...}) answer for it as the unversioned ones, and 404 for any other.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class InferenceProtocolResource {

    static final String MODEL_NAME = "maskflow";
    /** The most images one request may carry. */
    static final int MAX_BATCH = 64;
    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\r\n]+");
    /** The largest value of an FP32 input taken: beyond it the forward pass overflows a float (an answer of NaN). */
    static final float MAX_INPUT_VALUE = 1e6f;
    /** A v2 request is read by at most this many request threads at once; the others wait for their turn. */
    static final int PARALLEL_READS = 4;

    @Inject
    ModelHolder models;
    @Inject
    ServingMetrics metrics;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;
    @ConfigProperty(name = "maskflow.serving.v2.max-body-size", defaultValue = "8M")
    MemorySize maxBody;
    @ConfigProperty(name = "maskflow.serving.timeout", defaultValue = "PT30S")
    Duration timeout;
    private final Semaphore decoding = new Semaphore(PARALLEL_READS);

    /** Declared lengths over the v2 limit are refused before the body is read. */
    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/v2/models/[^/]+(/versions/[^/]+)?/infer", maxBody.asLongValue(),
                "a v2 inference request may have (maskflow.serving.v2.max-body-size)");
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Server metadata")
    public Map<String, Object> server() {
        return Map.of("name", "maskflow-serving", "version", version, "extensions", List.of());
    }

    @PermitAll
    @GET
    @Path("health/live")
    @Operation(summary = "200 while the server runs")
    public Map<String, Object> live() {
        return Map.of("live", true);
    }

    @PermitAll
    @GET
    @Path("health/ready")
    @Operation(summary = "200 once a model is loaded and warmed up, 503 before")
    public Response ready() {
        boolean ready = models.current().isPresent();
        return Response.status(ready ? 200 : 503).entity(Map.of("ready", ready)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models/{name}")
    @Operation(summary = "Model metadata: versions, inputs and outputs with their types and shapes")
    public Response metadata(@PathParam("name") String name) {
        return served(name).map(InferenceProtocolResource::describe).orElseGet(() -> unknown(name));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models/{name}/versions/{version}")
    @Operation(summary = "The metadata of the model's served version (its model id); 404 for another version")
    public Response versionMetadata(@PathParam("name") String name, @PathParam("version") String version) {
        return ofVersion(name, version, InferenceProtocolResource::describe);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models/{name}/ready")
    @Operation(summary = "200 when this model is loaded")
    public Response modelReady(@PathParam("name") String name) {
        return served(name).map(m -> modelIsReady()).orElseGet(() -> unknown(name));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models/{name}/versions/{version}/ready")
    @Operation(summary = "200 when this version of the model is the one loaded; 404 for another version")
    public Response versionReady(@PathParam("name") String name, @PathParam("version") String version) {
        return ofVersion(name, version, m -> modelIsReady());
    }

    private static Response describe(LoadedModel model) {
        long s = model.descriptor().imageSize();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", MODEL_NAME);
        body.put("versions", List.of(model.modelId()));
        body.put("platform", "djl_pytorch");
        body.put("inputs", List.of(tensor("image", "BYTES", List.of(-1L)),
                tensor("input", "FP32", List.of(-1L, 3L, s, s))));
        body.put("outputs", List.of(tensor("probabilities", "FP32", List.of(-1L, 18L)),
                tensor("class", "INT64", List.of(-1L))));
        return Response.ok(body).build();
    }

    private static Response modelIsReady() {
        return Response.ok(Map.of("name", MODEL_NAME, "ready", true)).build();
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("models/{name}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inference on a BYTES input of encoded images or an FP32 input of the model's shape")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response infer(@PathParam("name") String name, InputStream body) throws IOException {
        return infer(name, null, body);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("models/{name}/versions/{version}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inference on the model's served version (its model id), as models/{name}/infer; 404 for "
            + "another version")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response versionInfer(@PathParam("name") String name, @PathParam("version") String version,
            InputStream body) throws IOException {
        return infer(name, version, body);
    }

    /** Inference on the served model, when {@code version} is not null only if it is that version. */
    private Response infer(String name, String version, InputStream body) throws IOException {
        long start = System.nanoTime();
        Optional<LoadedModel> current = served(name);
        if (current.isEmpty()) {
            return count("no-model", unknown(name));
        }
        if (isOther(current.get(), version)) {
            return count("no-model", otherVersion(current.get(), name, version));
        }
        int size = current.get().descriptor().imageSize();
        InferRequest request;
        try {
            Optional<InferRequest> read = read(body, (long) MAX_BATCH * 3 * size * size);
            if (read.isEmpty()) {
                return count("failed", ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE, "too many v2 "
                        + "requests are being read; try again"));
            }
            request = read.get();
        } catch (Bounded.TooLarge e) {
            // the rest of the body is not read: the connection is closed after the answer
            return count("bad-input", Response.fromResponse(ErrorResponses.json(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage())).header("Connection", "close").build());
        } catch (BadInput e) {
            return bad(e.getMessage());
        }
        Optional<LoadedModel> held = models.acquire();
        if (held.isEmpty()) {
            return count("no-model", unknown(name));
        }
        LoadedModel model = held.get();
        try {
            if (isOther(model, version)) {
                // swapped for another model while the body was read
                return count("no-model", otherVersion(model, name, version));
            }
            Batch batch = switch (request.datatype()) {
                case "BYTES" -> images(request.shape(), request.data());
                case "FP32" -> values(model, request.shape(), request.data());
                default -> throw new BadInput("datatype '" + request.datatype()
                        + "' is not accepted: use BYTES (encoded images) or FP32");
            };
            Response answer = answer(request.id(), request.outputs(), model, batch);
            metrics.request("ok", start);
            return answer;
        } catch (BadInput e) {
            return bad(e.getMessage());
        } finally {
            model.release();
        }
    }

    /**
     * Reads a v2 body, then parses it, at most {@link #PARALLEL_READS} at once (a body of up to 8 MB becomes up to
     * {@code maxValues} floats); empty when no turn came within {@code maskflow.serving.timeout}. Only the reading
     * takes a turn: the forward pass does not, so it batches with every other request.
     */
    private Optional<InferRequest> read(InputStream body, long maxValues) throws IOException, BadInput {
        // the bytes first, without a turn: a client that sends its body slowly, or stops, must not hold one (four
        // such clients kept every other v2 request waiting 30 s for a 503); the body budget bounds what is held
        byte[] bytes = new Bounded(body, maxBody.asLongValue()).readAllBytes();
        try {
            if (!decoding.tryAcquire() && !decoding.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(InferRequest.read(json, new ByteArrayInputStream(bytes), maxValues));
        } finally {
            decoding.release();
        }
    }

    /**
     * The model's input of one request: how many images, and either their N × 3 × size × size values or the encoded
     * photos, which the inference workers decode.
     */
    private record Batch(int count, float[] input, List<byte[]> photos) {
    }

    /** A request refused with 400 and this message. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    /** A BYTES tensor: N base64 encoded images, to be prepared as the model was trained. */
    private static Batch images(List<Long> shape, InferRequest.Data data) throws BadInput {
        if (shape.size() != 1 || shape.get(0) != data.count() || data.count() == 0 || data.count() > MAX_BATCH) {
            throw new BadInput("a BYTES input has shape [N] with 1 ≤ N ≤ 64 and N elements; got shape " + shape
                    + " with " + data.count() + " elements");
        }
        List<byte[]> photos = new ArrayList<>((int) data.count());
        for (int i = 0; i < data.count(); i++) {
            if (data.text(i) == null) {
                throw new BadInput("element " + i + " of 'image' is not a string: give each image as a base64 "
                        + "string");
            }
            byte[] encoded;
            try {
                // line breaks, as the base64 tool writes every 76 characters, are no part of the value
                encoded = Base64.getDecoder().decode(LINE_BREAKS.matcher(data.text(i)).replaceAll(""));
            } catch (IllegalArgumentException e) {
                throw new BadInput("element " + i + " of 'image' is not base64 (" + e.getMessage() + "): send "
                        + "each photo's bytes in standard base64, A-Z a-z 0-9 + / and = padding");
            }
            if (encoded.length == 0) {
                throw new BadInput("element " + i + " of 'image' is empty");
            }
            photos.add(encoded);
        }
        return new Batch((int) data.count(), null, photos);
    }

    /** An FP32 tensor of the model's input shape, every value a finite number. */
    private static Batch values(LoadedModel model, List<Long> shape, InferRequest.Data data) throws BadInput {
        int size = model.descriptor().imageSize();
        if (shape.size() != 4 || shape.get(0) < 1 || shape.get(0) > MAX_BATCH || shape.get(1) != 3
                || shape.get(2) != size || shape.get(3) != size) {
            throw new BadInput("an FP32 input has shape [N, 3, " + size + ", " + size + "] with 1 ≤ N ≤ 64 for "
                    + "this model; got " + shape);
        }
        int count = (int) (long) shape.get(0);
        long expected = (long) count * 3 * size * size;
        if (data.count() != expected) {
            throw new BadInput("shape " + shape + " needs " + expected + " values; got " + data.count());
        }
        data.checkNumbers("input");
        float[] values = data.numbers((int) expected);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i]) || Math.abs(values[i]) > MAX_INPUT_VALUE) {
                throw new BadInput("value " + i + " of 'input' is " + values[i] + " as a 32-bit float: the model takes "
                        + "pixels normalised as its descriptor says (a few units either side of 0), at most "
                        + MAX_INPUT_VALUE + " in size; larger ones overflow its forward pass");
            }
        }
        return new Batch(count, values, null);
    }

    /** The protocol's answer: each image's class probabilities and its class. */
    private static Response answer(String id, List<String> outputs, LoadedModel model, Batch batch)
            throws BadInput {
        List<LoadedModel.Prediction> predictions;
        if (batch.photos() == null) {
            predictions = model.predictTensor(batch.input(), batch.count());
        } else {
            try {
                predictions = model.predictPhotos(batch.photos());
            } catch (LoadedModel.PhotoRefused e) {
                throw new BadInput("element " + e.index() + " of 'image': " + e.getMessage());
            }
        }
        for (int i = 0; i < predictions.size(); i++) {
            for (float p : predictions.get(i).probabilities()) {
                if (!Float.isFinite(p)) {
                    throw new BadInput("image " + i + " of the input gives no finite answer (the forward pass "
                            + "overflowed): send pixels normalised as the model's descriptor says");
                }
            }
        }
        float[] probabilities = new float[batch.count() * Label.CLASSES];
        long[] classes = new long[batch.count()];
        for (int i = 0; i < batch.count(); i++) {
            System.arraycopy(predictions.get(i).probabilities(), 0, probabilities, i * Label.CLASSES, Label.CLASSES);
            classes[i] = predictions.get(i).label();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_name", MODEL_NAME);
        body.put("model_version", model.modelId());
        if (id != null) {
            body.put("id", id);
        }
        List<Map<String, Object>> tensors = new ArrayList<>();
        if (outputs.contains("probabilities")) {
            tensors.add(output("probabilities", "FP32", List.of((long) batch.count(), (long) Label.CLASSES),
                    probabilities));
        }
        if (outputs.contains("class")) {
            tensors.add(output("class", "INT64", List.of((long) batch.count()), classes));
        }
        body.put("outputs", tensors);
        return Response.ok(body).build();
    }

    private Optional<LoadedModel> served(String name) {
        return models.current().filter(m -> MODEL_NAME.equals(name) || m.modelId().equals(name));
    }

    /** The answer of a versioned path: {@code answer} for the served version, else the 404 that says why not. */
    private Response ofVersion(String name, String version, Function<LoadedModel, Response> answer) {
        return served(name).map(m -> isOther(m, version) ? otherVersion(m, name, version) : answer.apply(m))
                .orElseGet(() -> unknown(name));
    }

    /**
     * Whether a request for {@code version} (null: any) does not ask for this model: the model id answers, and so
     * does the modelVersion a /predict answer gives (a client may take either from an answer).
     */
    private static boolean isOther(LoadedModel model, String version) {
        return version != null && !model.isVersion(version);
    }

    private static Response otherVersion(LoadedModel model, String name, String version) {
        return ErrorResponses.json(Response.Status.NOT_FOUND, "model '" + Texts.cut(name, 200) + "' has no version '"
                + Texts.cut(version, 200) + "' here: this server serves its version '" + model.modelId()
                + "' (the 'versions' of GET /v2/models/" + MODEL_NAME + "; also named '" + model.version()
                + "', the modelVersion of /predict's answers)");
    }

    private static Map<String, Object> tensor(String name, String datatype, List<Long> shape) {
        return Map.of("name", name, "datatype", datatype, "shape", shape);
    }

    private static Map<String, Object> output(String name, String datatype, List<Long> shape, Object data) {
        Map<String, Object> out = new LinkedHashMap<>(tensor(name, datatype, shape));
        out.put("data", data);
        return out;
    }

    private Response unknown(String name) {
        return ErrorResponses.json(Response.Status.NOT_FOUND, models.current().isEmpty()
                ? "no model is loaded yet" : "no model '" + name + "'; this server serves '" + MODEL_NAME + "'");
    }

    private Response bad(String message) {
        return count("bad-input", ErrorResponses.json(Response.Status.BAD_REQUEST, message));
    }

    private Response count(String outcome, Response response) {
        metrics.request(outcome, 0);
        return response;
    }
}
