package io.maskflow.serving;

import io.maskflow.contracts.labels.Label;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.vision.image.ImagePreparer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What is this photo? One image in, the class and its 18 probabilities out. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PredictResource {

    @Inject
    ModelHolder models;
    @Inject
    MeterRegistry registry;

    @POST
    @Path("predict")
    @Consumes({"image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    public Response predict(byte[] image) {
        long start = System.nanoTime();
        Optional<LoadedModel> model = models.current();
        if (model.isEmpty()) {
            return outcome("no-model", ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE,
                    "no model is loaded yet: none has been promoted"));
        }
        if (image == null || image.length == 0) {
            return outcome("bad-input", ErrorResponses.json(Response.Status.BAD_REQUEST,
                    "the body is empty: send a JPEG or PNG photo"));
        }
        LoadedModel.Prediction prediction;
        try {
            prediction = model.get().predict(image);
        } catch (ImagePreparer.Rejected e) {
            return outcome("bad-input", ErrorResponses.json(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        Label label = Label.ofClass(prediction.label());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class", prediction.label());
        body.put("mask", label.mask().name().toLowerCase(Locale.ROOT));
        body.put("gender", label.gender().csvName());
        body.put("age", label.age().name().toLowerCase(Locale.ROOT));
        body.put("label", label.displayName());
        body.put("probabilities", prediction.probabilities());
        body.put("modelId", model.get().modelId());
        double millis = (System.nanoTime() - start) / 1e6;
        body.put("latencyMs", millis);
        Timer.builder("maskflow.inference.latency").publishPercentileHistogram().register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
        return outcome("ok", Response.ok(body).build());
    }

    /** What is loaded, since when, and the figures that promoted it. */
    @GET
    @Path("models")
    public Response loaded() {
        return models.current().map(m -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("modelId", m.modelId());
            body.put("model", m.ref());
            body.put("architecture", m.descriptor().architecture());
            body.put("heads", m.descriptor().heads());
            body.put("imageSize", m.descriptor().imageSize());
            body.put("metrics", m.descriptor().metrics());
            body.put("loadedAt", m.loadedAt());
            return Response.ok(body).build();
        }).orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no model is loaded yet"));
    }

    private Response outcome(String outcome, Response response) {
        registry.counter("maskflow.inference.requests", "outcome", outcome).increment();
        return response;
    }
}
