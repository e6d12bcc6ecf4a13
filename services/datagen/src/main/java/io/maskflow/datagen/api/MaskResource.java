package io.maskflow.datagen.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.Texts;
import io.maskflow.datagen.dataset.JpegEncoder;
import io.maskflow.datagen.faces.FaceMasking;
import io.maskflow.datagen.faces.SharedFaceAnalyzer;
import io.maskflow.datagen.masks.InvalidLandmarksException;
import io.maskflow.datagen.masks.Landmarks;
import io.maskflow.datagen.masks.MaskPlacer;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskStyle;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.sdk.security.Roles;
import io.maskflow.vision.face.Face;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Draws a mask onto a real photo (MaskTheFace's method): on the face whose 68 landmarks the caller gives, or, for a
 * photo sent without landmarks, on every face the face networks of {@code io.maskflow.vision.face} find in it.
 */
@Path("/masks")
@Singleton
public class MaskResource {

    /** HTTP 422: the photo is readable but shows no face to put a mask on. */
    static final int UNPROCESSABLE = 422;

    /** How much of a malformed landmark a reason shows. */
    private static final int SHOWN = 60;

    /**
     * The answer when a photo cannot take a mask although the request is well-formed.
     *
     * @param status the HTTP status
     * @param error what is wrong
     */
    public record Problem(int status, String error) {
    }

    @Inject
    SharedFaceAnalyzer faces;

    /**
     * A photo and where its face is.
     *
     * @param image the photo, JPEG or PNG, base64
     * @param landmarks 68 points {@code [x, y]} in the iBUG 300-W order, each two finite numbers; without them every
     *     face found gets a mask. Taken as JSON values and checked here, so that a point that is not two numbers
     *     ({@code null}, {@code [null, 2]}, {@code ["1", "2"]}, {@code [1]}) is a 400 naming it, not read as 0 or
     *     as the number a string spells
     * @param type surgical, n95, kn95 or cloth
     * @param state correct, nose-exposed, mouth-only or chin-only
     * @param seed chooses the mask's colour and pattern
     */
    public record MaskRequest(String image, List<JsonNode> landmarks, String type, String state, Long seed) {
    }

    /**
     * Several photos at once.
     *
     * @param photos each with a {@code name}, its {@code image} and its {@code landmarks}
     * @param type mask type for all (default surgical)
     * @param state mask state for all (default correct)
     * @param seed chooses the colours; photo i uses seed + i
     */
    public record BatchRequest(List<NamedPhoto> photos, String type, String state, Long seed) {
    }

    /** A photo of a batch; its {@code landmarks} as in {@link MaskRequest}. */
    public record NamedPhoto(String name, String image, List<JsonNode> landmarks) {
    }

    /** The batch's answer: masked photos (JPEG, base64) and the photos skipped, each with the reason. */
    public record BatchResult(List<Map<String, String>> masked, List<Map<String, String>> skipped) {
    }

    /**
     * Masks a batch of photos; a photo that cannot take a mask (no, misplaced or malformed landmarks, not an image)
     * is reported in {@code skipped} with the reason and the others go on.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public BatchResult maskAll(BatchRequest request) {
        if (request == null || request.photos() == null || request.photos().isEmpty()) {
            throw new IllegalArgumentException("photos is missing: send a list of {name, image, landmarks}");
        }
        MaskType.fromId(request.type() == null ? "surgical" : request.type());
        MaskState.fromId(request.state() == null ? "correct" : request.state());
        List<Map<String, String>> masked = new ArrayList<>();
        List<Map<String, String>> skipped = new ArrayList<>();
        long seed = request.seed() == null ? 0 : request.seed();
        for (int i = 0; i < request.photos().size(); i++) {
            NamedPhoto photo = request.photos().get(i);
            String name = photo == null || photo.name() == null ? "photo-" + i : photo.name();
            try {
                byte[] jpeg = maskWithLandmarks(new MaskRequest(photo == null ? null : photo.image(),
                        photo == null ? null : photo.landmarks(), request.type(), request.state(), seed + i));
                masked.add(Map.of("name", name, "image", Base64.getEncoder().encodeToString(jpeg)));
            } catch (IllegalArgumentException | IOException e) {
                skipped.add(Map.of("name", name, "reason", String.valueOf(e.getMessage())));
            }
        }
        return new BatchResult(masked, skipped);
    }

    /**
     * The photo with a mask: on the face of the given landmarks, or with no landmarks on every face found in it
     * (422 with a JSON body when there is none).
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Blocking
    public Response mask(MaskRequest request) throws IOException {
        if (request == null || request.image() == null || request.image().isBlank()) {
            throw new IllegalArgumentException("image is missing: send the photo as base64 in 'image'");
        }
        if (request.landmarks() == null) {
            return LargePhotos.inTurn(base64(request.image()),
                    bytes -> maskEveryFace(decode(bytes), request.type(), request.state(), request.seed()));
        }
        return Response.ok(maskWithLandmarks(request), "image/jpeg").build();
    }

    /** The photo itself as the body (JPEG or PNG): a mask on every face found in it, 422 when there is none. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes({"image/jpeg", "image/png"})
    @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
    @Blocking
    public Response maskPhoto(byte[] photo, @QueryParam("type") String type, @QueryParam("state") String state,
            @QueryParam("seed") Long seed) throws IOException {
        if (photo == null || photo.length == 0) {
            throw new IllegalArgumentException("the body is empty: send a JPEG or PNG photo");
        }
        return LargePhotos.inTurn(photo, bytes -> maskEveryFace(decode(bytes), type, state, seed));
    }

    private Response maskEveryFace(BufferedImage photo, String typeId, String stateId, Long seed) throws IOException {
        MaskType type = MaskType.fromId(typeId == null ? "surgical" : typeId);
        MaskState state = MaskState.fromId(stateId == null ? "correct" : stateId);
        List<Face> found = faces.get().detectWithLandmarks(photo);
        if (found.isEmpty()) {
            return Response.status(UNPROCESSABLE).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Problem(UNPROCESSABLE, "no face found in the " + photo.getWidth() + "x"
                            + photo.getHeight() + " photo: send one where a face is visible, or its 68 landmarks"))
                    .build();
        }
        long first = seed == null ? 0 : seed;
        MaskPlacer placer = new MaskPlacer();
        for (int i = 0; i < found.size(); i++) {
            MaskStyle style = MaskStyle.random(type, new SplittableRandom(first + i));
            placer.place(photo, FaceMasking.inside(found.get(i), photo.getWidth(), photo.getHeight()), style,
                    state);
        }
        return Response.ok(JpegEncoder.encode(photo), "image/jpeg").header("X-Faces", found.size()).build();
    }

    private static byte[] maskWithLandmarks(MaskRequest request) throws IOException {
        if (request.image() == null || request.image().isBlank()) {
            throw new IllegalArgumentException("image is missing: send the photo as base64 in 'image'");
        }
        Landmarks landmarks = landmarks(request.landmarks());
        MaskType type = MaskType.fromId(request.type() == null ? "surgical" : request.type());
        MaskState state = MaskState.fromId(request.state() == null ? "correct" : request.state());
        byte[] bytes = base64(request.image());
        MaskStyle style = MaskStyle.random(type, new SplittableRandom(request.seed() == null ? 0 : request.seed()));
        return LargePhotos.inTurn(bytes, image -> {
            BufferedImage photo = decode(image);
            new MaskPlacer().place(photo, landmarks, style, state);
            return JpegEncoder.encode(photo);
        });
    }

    /**
     * The 68 landmarks of a request; each must be a JSON array of two finite numbers, else an
     * {@link InvalidLandmarksException} (a 400, a skipped photo in a batch) names the first that is not and shows it.
     */
    private static Landmarks landmarks(List<JsonNode> points) {
        if (points == null || points.size() != Landmarks.COUNT) {
            throw new InvalidLandmarksException("landmarks must be 68 points [x, y], got "
                    + (points == null ? "none" : points.size()));
        }
        double[] x = new double[Landmarks.COUNT];
        double[] y = new double[Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            JsonNode point = points.get(i);
            if (!isTwoFiniteNumbers(point)) {
                throw new InvalidLandmarksException("landmark " + i + " is not two numbers [x, y]: " + shown(point));
            }
            x[i] = point.get(0).doubleValue();
            y[i] = point.get(1).doubleValue();
        }
        return Landmarks.of(x, y);
    }

    private static boolean isTwoFiniteNumbers(JsonNode point) {
        return point != null && point.isArray() && point.size() == 2 && point.get(0).isNumber()
                && point.get(1).isNumber() && Double.isFinite(point.get(0).doubleValue())
                && Double.isFinite(point.get(1).doubleValue());
    }

    /** How a point was sent, for the reason: {@code [null, 2]}, {@code ["1", "2"]}; cut after 60 characters. */
    private static String shown(JsonNode point) {
        String text = text(point);
        return Texts.cut(text, SHOWN);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(MaskResource::text)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        // a number as written (1e400 is Infinity), not as JSON writes it ("Infinity", quoted like a string)
        return value.isNumber() ? value.asText() : value.toString();
    }

    private static byte[] base64(String image) {
        try {
            return Base64.getDecoder().decode(image.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image is not valid base64: " + e.getMessage());
        }
    }

    /**
     * The photo as int RGB, upright as its EXIF orientation says, refused (400) from its header when it is over
     * {@link LargePhotos#MAX_PIXELS}.
     */
    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageBounds.decodeUprightRgbWithin(bytes, LargePhotos.MAX_PIXELS, LargePhotos.limitReason());
    }
}
