package io.maskflow.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.vision.image.ImagePreparer;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The Open Inference Protocol v2 (REST), as KServe, Triton and others speak it, so their clients work unchanged.
 * The model is named {@code maskflow} (or by its model id) and takes either input {@code image}: BYTES, shape [N],
 * each element a base64-encoded JPEG or PNG; or input {@code input}: FP32, shape [N, 3, S, S], already normalised
 * as the model's descriptor says. Outputs {@code probabilities} (FP32 [N, 18]) and {@code class} (INT64 [N]).
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class InferenceProtocolResource {

    static final String MODEL_NAME = "maskflow";
    /** Most values accepted in one request's data (64 images of 3 × 384 × 384). */
    static final long MAX_VALUES = 64L * 3 * 384 * 384;

    @Inject
    ModelHolder models;
    @Inject
    ServingMetrics metrics;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

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
        return served(name).map(model -> {
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
        }).orElseGet(() -> unknown(name));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models/{name}/ready")
    @Operation(summary = "200 when this model is loaded")
    public Response modelReady(@PathParam("name") String name) {
        return served(name).map(m -> Response.ok(Map.of("name", MODEL_NAME, "ready", true)).build())
                .orElseGet(() -> unknown(name));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("models/{name}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inference on a BYTES input of encoded images or an FP32 input of the model's shape")
    public Response infer(@PathParam("name") String name, JsonNode request) {
        long start = System.nanoTime();
        if (served(name).isEmpty()) {
            return count("no-model", unknown(name));
        }
        JsonNode inputs = request == null ? null : request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.size() != 1) {
            return bad("the request needs \"inputs\" with exactly one tensor: 'image' (BYTES) or 'input' (FP32)");
        }
        JsonNode tensor = inputs.get(0);
        String datatype = tensor.path("datatype").asText("");
        List<Long> shape = new ArrayList<>();
        tensor.path("shape").forEach(d -> shape.add(d.asLong(-1)));
        List<JsonNode> data = new ArrayList<>();
        flatten(tensor.path("data"), data);
        Optional<LoadedModel> held = models.acquire();
        if (held.isEmpty()) {
            return count("no-model", unknown(name));
        }
        LoadedModel model = held.get();
        try {
            int size = model.descriptor().imageSize();
            float[] input;
            int count;
            switch (datatype) {
                case "BYTES" -> {
                    if (shape.size() != 1 || shape.get(0) != data.size() || data.isEmpty() || data.size() > 64) {
                        return bad("a BYTES input has shape [N] with 1 ≤ N ≤ 64 and N elements; got shape " + shape
                                + " with " + data.size() + " elements");
                    }
                    count = data.size();
                    input = new float[count * 3 * size * size];
                    for (int i = 0; i < count; i++) {
                        byte[] encoded;
                        try {
                            encoded = Base64.getDecoder().decode(data.get(i).asText(""));
                        } catch (IllegalArgumentException e) {
                            return bad("element " + i + " of 'image' is not base64: " + e.getMessage());
                        }
                        if (encoded.length == 0) {
                            return bad("element " + i + " of 'image' is empty");
                        }
                        try {
                            System.arraycopy(model.prepare(encoded), 0, input, i * 3 * size * size, 3 * size * size);
                        } catch (ImagePreparer.Rejected e) {
                            return bad("element " + i + " of 'image': " + e.getMessage());
                        }
                    }
                }
                case "FP32" -> {
                    if (shape.size() != 4 || shape.get(0) < 1 || shape.get(0) > 64 || shape.get(1) != 3
                            || shape.get(2) != size || shape.get(3) != size) {
                        return bad("an FP32 input has shape [N, 3, " + size + ", " + size + "] with 1 ≤ N ≤ 64 for "
                                + "this model; got " + shape);
                    }
                    count = (int) (long) shape.get(0);
                    long expected = (long) count * 3 * size * size;
                    if (data.size() != expected) {
                        return bad("shape " + shape + " needs " + expected + " values; got " + data.size());
                    }
                    input = new float[(int) expected];
                    for (int i = 0; i < input.length; i++) {
                        JsonNode v = data.get(i);
                        if (!v.isNumber()) {
                            return bad("value " + i + " of 'input' is not a number: " + v);
                        }
                        input[i] = v.floatValue();
                        if (!Float.isFinite(input[i])) {
                            return bad("value " + i + " of 'input' (" + v + ") is not a finite 32-bit float");
                        }
                    }
                }
                default -> {
                    return bad("datatype '" + datatype + "' is not accepted: use BYTES (encoded images) or FP32");
                }
            }
            List<LoadedModel.Prediction> predictions = model.predictTensor(input, count);
            float[] probabilities = new float[count * 18];
            long[] classes = new long[count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(predictions.get(i).probabilities(), 0, probabilities, i * 18, 18);
                classes[i] = predictions.get(i).label();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model_name", MODEL_NAME);
            body.put("model_version", model.modelId());
            if (request.hasNonNull("id")) {
                body.put("id", request.get("id").asText());
            }
            body.put("outputs", List.of(output("probabilities", "FP32", List.of((long) count, 18L), probabilities),
                    output("class", "INT64", List.of((long) count), classes)));
            metrics.request("ok", start);
            return Response.ok(body).build();
        } finally {
            model.release();
        }
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            if (into.size() > MAX_VALUES) {
                return;
            }
            node.forEach(child -> flatten(child, into));
        } else if (!node.isMissingNode()) {
            into.add(node);
        }
    }

    private Optional<LoadedModel> served(String name) {
        return models.current().filter(m -> MODEL_NAME.equals(name) || m.modelId().equals(name));
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
