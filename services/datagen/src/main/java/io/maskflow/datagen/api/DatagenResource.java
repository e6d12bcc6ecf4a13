package io.maskflow.datagen.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.JpegEncoder;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.StepRequests;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.step.EventSink;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Starts generations and shows what the generator draws. */
@Path("/datasets")
public class DatagenResource {

    private static final List<String> PHOTO_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    /**
     * Largest generate request accepted: its parameters are a few hundred bytes, and the command it becomes must fit
     * a Kafka message (1 MB), so a body of megabytes of padding (a 2 MB {@code mixStyles}, a list of 200000
     * {@code maskTypes}) is refused with 413 rather than failing to publish (503).
     */
    static final int MAX_GENERATE_REQUEST_BYTES = 64 << 10;

    @Inject
    EventSink events;
    @Inject
    ObjectMapper json;

    /** A generate request that declares a length over {@link #MAX_GENERATE_REQUEST_BYTES} is refused unread. */
    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/datasets/?", MAX_GENERATE_REQUEST_BYTES, "a generate request may have");
    }

    /**
     * Starts a generation: validates the parameters (400 naming the bad one) and publishes a {@code datagen}
     * command, which this service (or another replica) runs like any pipeline step. Follow it on
     * {@code maskflow.steps.events} with the returned run id. The body is read here, at most
     * {@link #MAX_GENERATE_REQUEST_BYTES} of it (413 beyond), so one sent without a length (chunked) is bounded too.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response generate(InputStream body) throws IOException {
        byte[] bytes = BodyLimitResponses.readAtMost(body, MAX_GENERATE_REQUEST_BYTES, "a generate request may have");
        // JSON that does not parse, or is no object, is a 400 (ErrorResponses): the parser is strict, as for any body
        return generate(bytes.length == 0 ? null : json.readValue(bytes, new TypeReference<Map<String, Object>>() {
        }));
    }

    /** Checks the parameters (400 naming the bad one) and publishes the command. */
    Response generate(Map<String, Object> parameters) {
        if (parameters == null) {
            // an empty body is no request for a full-size generation with every default: {} says that
            throw new IllegalArgumentException("the body is empty or null: send the parameters as a JSON object, "
                    + "{} for the defaults");
        }
        StepParameters.bind(parameters, DatagenParams.DEFAULTS);
        return StepRequests.publish(events, StepType.DATAGEN, parameters, Map.of());
    }

    /**
     * One photo of one generated person, as the generator would write it: person {@code person} of the data set
     * with {@code seed} (and the other parameters, {@code style} and {@code mixStyles} included), photo
     * {@code photo} (mask1..mask5, incorrect_mask, normal; any case, with or without .jpg, .jpeg or .png).
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/preview")
    @Produces("image/jpeg")
    @Blocking
    public byte[] preview(@QueryParam("seed") @DefaultValue("42") long seed,
            @QueryParam("person") @DefaultValue("0") int person,
            @QueryParam("photo") @DefaultValue("mask1") String photo,
            @QueryParam("width") @DefaultValue("384") int width,
            @QueryParam("height") @DefaultValue("512") int height,
            @QueryParam("demographics") @DefaultValue("competition") String demographics,
            @QueryParam("style") @DefaultValue("classic") String style,
            @QueryParam("mixStyles") String mixStyles,
            @QueryParam("maskTypes") List<String> maskTypes) {
        if (person < 0 || person > 999_998) {
            throw new IllegalArgumentException("person must be between 0 and 999998, got " + person);
        }
        String stem = photoStem(photo);
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("seed", seed);
        given.put("width", width);
        given.put("height", height);
        given.put("demographics", demographics);
        given.put("style", style);
        if (mixStyles != null) {
            given.put("mixStyles", mixStyles);
        }
        if (maskTypes != null && !maskTypes.isEmpty()) {
            given.put("maskTypes", maskTypes);
        }
        DatagenParams params = StepParameters.bind(given, DatagenParams.DEFAULTS);
        if (mixStyles != null && params.style() != DatagenParams.Style.MIXED) {
            // the photo was drawn in style alone, as if mixStyles had not been given
            throw new IllegalArgumentException("mixStyles has no effect with style=" + params.style().id()
                    + ": only style=mixed draws from it; give style=mixed, or leave mixStyles out");
        }
        PersonFactory factory = new PersonFactory(params);
        SplittableRandom random = factory.randomFor(person);
        Person who = factory.make(person, random);
        PhotoSet photos = new PhotoSet(params.width(), params.height(),
                params.maskTypes().stream().map(MaskType::fromId).toList());
        PhotoSet.Shot shot = photos.plan(who, random).stream().filter(s -> s.stem().equals(stem)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the photo set has no photo " + stem));
        return JpegEncoder.encode(photos.draw(who, shot), shot.camera().jpegQuality());
    }

    /**
     * The file stem {@code photo} names: one of the seven ({@link Mask#fileStems()}) in any case, with or without
     * {@code .jpg}, {@code .jpeg} or {@code .png}; anything else is a 400 naming the seven.
     */
    static String photoStem(String photo) {
        String name = photo == null ? "" : photo.toLowerCase(Locale.ROOT);
        for (String extension : PHOTO_EXTENSIONS) {
            if (name.endsWith(extension)) {
                name = name.substring(0, name.length() - extension.length());
                break;
            }
        }
        for (String stem : Mask.fileStems()) {
            if (stem.equals(name)) {
                return stem;
            }
        }
        String given = photo == null ? "nothing" : "'" + Texts.cut(photo, 64) + "'";
        throw new IllegalArgumentException("photo must be one of " + String.join(", ", Mask.fileStems())
                + " (in any case, with or without .jpg, .jpeg or .png), got " + given);
    }
}
