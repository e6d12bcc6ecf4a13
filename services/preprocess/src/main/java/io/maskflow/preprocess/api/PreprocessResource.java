package io.maskflow.preprocess.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Starts preprocessing jobs and shows their validation reports. */
@Path("/jobs")
@Blocking
public class PreprocessResource {

    /**
     * A job: {@code dataset} is the store key of a data set's {@code train/train.csv} (or of a file at its root,
     * such as the generator's {@code dataset.json}); {@code parameters} as for the step.
     */
    public record JobRequest(String dataset, Map<String, Object> parameters) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(JobRequest request) throws IOException {
        if (request == null || request.dataset() == null || request.dataset().isBlank()) {
            throw new IllegalArgumentException("dataset is missing: give the store key of a train/train.csv");
        }
        Map<String, Object> parameters = request.parameters() == null ? Map.of() : request.parameters();
        StepParameters.bind(parameters, PreprocessParams.DEFAULTS);
        Optional<ArtifactRef> dataset = store.stat(request.dataset());
        if (dataset.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no object '" + request.dataset() + "' in bucket "
                    + store.bucket());
        }
        String runId = "preprocess-" + UUID.randomUUID().toString().substring(0, 8);
        events.publish(StepType.PREPROCESS.commandTopic(), new StepCommand(Event.SCHEMA_VERSION, runId,
                "preprocess", null, StepType.PREPROCESS, 1, parameters, Map.of("dataset", dataset.get()), true,
                Instant.now()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("commandTopic", StepType.PREPROCESS.commandTopic());
        body.put("followOn", Topics.STEPS_EVENTS);
        return Response.accepted(body).build();
    }

    /** A validation report ({@code report.txt} or {@code report.json}) of a finished job, by its store key. */
    @GET
    @Path("/report")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public Response report(@QueryParam("key") String key) throws IOException {
        if (key == null || !key.startsWith("steps/preprocess/")
                || !(key.endsWith("/report.txt") || key.endsWith("/report.json"))) {
            throw new IllegalArgumentException("key must be the report.txt or report.json of a preprocess job "
                    + "(steps/preprocess/<key>/report.txt), as named in its SUCCEEDED event");
        }
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no report '" + key + "'");
        }
        String type = key.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
        return Response.ok(new String(store.read(ref.get()), StandardCharsets.UTF_8), type).build();
    }
}
