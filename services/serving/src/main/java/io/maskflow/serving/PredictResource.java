package io.maskflow.serving;

import io.maskflow.contracts.Texts;
import io.maskflow.contracts.labels.Label;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.vision.image.ImagePreparer;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * What is this photo? One image (raw body or a multipart field) or several (multipart) in; for each the class,
 * its decoded mask / gender / age and the 18 probabilities out. Each photo is decoded by the inference worker that
 * runs its forward pass (the model's {@link DynamicBatcher} gathers the batches), so the photos of a batch request
 * are decoded side by side.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PredictResource {

    /** Most images in one batch request. */
    static final int MAX_BATCH_IMAGES = 64;
    /** The one form field of a multipart {@code /predict}. */
    static final String IMAGE_FIELD = "image";

    @Inject
    ModelHolder models;
    @Inject
    ServingMetrics metrics;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("predict")
    // image/jpg is no registered type, but many clients send it for a JPEG: the bytes are checked either way
    @Consumes({"image/jpeg", "image/png", "image/jpg", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Classify one photo sent as the raw body (JPEG or PNG)")
    public Response predict(@HeaderParam("Accept") List<String> accept, byte[] image) {
        return acceptsJson(accept) ? predictOne(image) : notAcceptable(accept);
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("predict")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify one photo sent as the multipart field 'image'")
    public Response predictMultipart(@HeaderParam("Accept") List<String> accept,
            @RestForm(IMAGE_FIELD) FileUpload image,
            MultipartFormDataInput form) throws IOException {
        if (!acceptsJson(accept)) {
            return notAcceptable(accept);
        }
        Optional<String> problem = formProblem(form.getValues());
        if (problem.isPresent()) {
            return outcome("bad-input", 0, ErrorResponses.json(Response.Status.BAD_REQUEST, problem.get()));
        }
        if (image == null || image.uploadedFile() == null) { // formProblem found the one field 'image'
            return outcome("bad-input", 0, ErrorResponses.json(Response.Status.BAD_REQUEST,
                    "the multipart field 'image' holds no file: send the photo as a file field named image"));
        }
        return predictOne(Files.readAllBytes(image.uploadedFile()));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("predict/batch")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify several photos, one multipart file field each (any names), answers in order")
    public Response predictBatch(@RestForm(FileUpload.ALL) List<FileUpload> images) throws IOException {
        long start = System.nanoTime();
        if (images == null || images.isEmpty()) {
            return outcome("bad-input", start, ErrorResponses.json(Response.Status.BAD_REQUEST,
                    "no files: send each photo as a multipart file field"));
        }
        if (images.size() > MAX_BATCH_IMAGES) {
            return outcome("bad-input", start, ErrorResponses.json(Response.Status.BAD_REQUEST, images.size()
                    + " photos in one request; at most " + MAX_BATCH_IMAGES));
        }
        Optional<LoadedModel> held = models.acquire();
        if (held.isEmpty()) {
            return noModel(start);
        }
        LoadedModel model = held.get();
        try {
            List<byte[]> photos = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                FileUpload upload = images.get(i);
                String problem;
                if (upload.uploadedFile() == null) {
                    problem = "is not a file: send it as a file field with a name and a filename in its "
                            + "Content-Disposition";
                } else {
                    photos.add(Files.readAllBytes(upload.uploadedFile()));
                    problem = photos.get(i).length == 0 ? "is empty" : null;
                }
                if (problem != null) {
                    return outcome("bad-input", start, refused(i, upload, problem));
                }
            }
            List<LoadedModel.Prediction> predictions;
            try {
                // the workers decode the photos side by side, each into the batch that runs it
                predictions = model.predictPhotos(photos);
            } catch (LoadedModel.PhotoRefused e) {
                return outcome("bad-input", start, refused(e.index(), images.get(e.index()), e.getMessage()));
            }
            List<Map<String, Object>> answers = new ArrayList<>();
            for (int i = 0; i < predictions.size(); i++) {
                Map<String, Object> answer = answer(predictions.get(i), model);
                answer.put("file", images.get(i).fileName());
                answers.add(answer);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("modelId", model.modelId());
            body.put("predictions", answers);
            body.put("latencyMs", (System.nanoTime() - start) / 1e6);
            return outcome("ok", start, Response.ok(body).build());
        } finally {
            model.release();
        }
    }

    private static Response refused(int index, FileUpload upload, String problem) {
        return ErrorResponses.json(Response.Status.BAD_REQUEST,
                "photo " + (index + 1) + " ('" + upload.fileName() + "') " + problem);
    }

    private Response predictOne(byte[] image) {
        long start = System.nanoTime();
        if (image == null || image.length == 0) {
            return outcome("bad-input", start, ErrorResponses.json(Response.Status.BAD_REQUEST,
                    "the body is empty: send a JPEG or PNG photo"));
        }
        Optional<LoadedModel> held = models.acquire();
        if (held.isEmpty()) {
            return noModel(start);
        }
        LoadedModel model = held.get();
        try {
            return outcome("ok", start, Response.ok(single(model.predict(image), model, start)).build());
        } catch (ImagePreparer.Rejected e) {
            return outcome("bad-input", start, ErrorResponses.json(Response.Status.BAD_REQUEST, e.getMessage()));
        } finally {
            model.release();
        }
    }

    /**
     * What is wrong with the fields of a multipart {@code /predict}, if anything: it takes one photo in the field
     * {@code image} and nothing else (until 2026-12-06 a second {@code image} or any other field was ignored without
     * a word, and the answer was about one of the photos).
     */
    static Optional<String> formProblem(Map<String, ? extends Collection<?>> fields) {
        List<String> others = fields.keySet().stream().filter(name -> !IMAGE_FIELD.equals(name)).toList();
        int images = fields.containsKey(IMAGE_FIELD) ? fields.get(IMAGE_FIELD).size() : 0;
        if (images == 0) {
            return Optional.of("no multipart field 'image': send the photo as a file field named image"
                    + (others.isEmpty() ? "" : " (got " + quoted(others) + ")"));
        }
        List<String> problems = new ArrayList<>();
        if (images > 1) {
            problems.add("send one photo per request in the form field 'image'; got " + images + " 'image' fields "
                    + "(several photos: POST /predict/batch)");
        }
        if (!others.isEmpty()) {
            problems.add("unknown form field" + (others.size() == 1 ? " " : "s ") + quoted(others)
                    + ": /predict takes one photo in the field 'image' and no other field");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** The first ten names, each quoted and cut to 100 characters, and how many more there are. */
    private static String quoted(List<String> names) {
        List<String> shown = names.stream().limit(10).map(name -> name == null ? "a part without a name"
                : "'" + Texts.cut(name, 100) + "'").toList();
        return String.join(", ", shown) + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    /** The answer to a photo sent alone: what {@link #answer} says, the model's id and version, the latency. */
    static Map<String, Object> single(LoadedModel.Prediction prediction, LoadedModel model, long start) {
        Map<String, Object> body = answer(prediction, model);
        body.put("modelId", model.modelId());
        body.put("modelVersion", model.version());
        body.put("latencyMs", (System.nanoTime() - start) / 1e6);
        return body;
    }

    static Map<String, Object> answer(LoadedModel.Prediction prediction, LoadedModel model) {
        Label label = Label.ofClass(prediction.label());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class", prediction.label());
        body.put("mask", label.mask().name().toLowerCase(Locale.ROOT));
        body.put("gender", label.gender().csvName());
        body.put("age", label.age().name().toLowerCase(Locale.ROOT));
        body.put("label", label.displayName());
        body.put("probabilities", prediction.probabilities());
        return body;
    }

    /** What is loaded, since when, the figures that promoted it, and by whom and why. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("models")
    @Operation(summary = "The served model: id, artifact, architecture, input size, evaluation figures, load time, "
            + "and the promotion that put it in service (run, time, who and why)")
    public Response loaded() {
        return models.current().map(m -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("modelId", m.modelId());
            body.put("model", m.ref());
            body.put("architecture", m.descriptor().architecture());
            body.put("heads", m.descriptor().heads());
            body.put("imageSize", m.descriptor().imageSize());
            body.put("members", m.members());
            body.put("metrics", m.descriptor().metrics());
            body.put("loadedAt", m.loadedAt());
            models.promotion(m.ref()).ifPresent(p -> body.put("promotion", p));
            return Response.ok(body).build();
        }).orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no model is loaded yet"));
    }

    /**
     * Whether an {@code Accept} header takes the JSON answer: none or an empty one does, as does any range JSON
     * falls in ({@code *&#47;*}, {@code application/*}) that is not given the weight {@code q=0} (refused). The
     * framework checks this for every other endpoint; for {@code /predict}, two methods on one path told apart by
     * Content-Type, it did not, and answered JSON to {@code Accept: text/csv}. Every {@code Accept} header of the
     * request counts, as one list (only the first did, so a JSON range in the second got 406).
     */
    static boolean acceptsJson(List<String> accept) {
        String ranges = accept == null ? "" : String.join(",", accept);
        if (ranges.isBlank()) {
            return true;
        }
        for (String range : ranges.split(",")) {
            try {
                MediaType type = MediaType.valueOf(range.strip());
                String q = type.getParameters().get("q");
                if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && (q == null || Double.parseDouble(q) > 0)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // a range that does not parse takes nothing
            }
        }
        return false;
    }

    private Response notAcceptable(List<String> accept) {
        return outcome("bad-input", System.nanoTime(), ErrorResponses.json(Response.Status.NOT_ACCEPTABLE,
                "the answer is JSON (application/json); the Accept header '" + String.join(", ", accept)
                        + "' does not take it"));
    }

    private Response noModel(long start) {
        return outcome("no-model", start, ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE,
                "no model is loaded yet: none has been promoted"));
    }

    private Response outcome(String outcome, long start, Response response) {
        metrics.request(outcome, start);
        return response;
    }
}
