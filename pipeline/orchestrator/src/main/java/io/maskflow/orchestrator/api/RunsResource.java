package io.maskflow.orchestrator.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.store.ArtifactStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Runs: start one, list them, look at one, cancel one. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunsResource {

    /**
     * What {@code POST /runs} takes: the same fields as a run request on Kafka.
     *
     * @param pipeline the definition's name
     * @param parameters overrides of its parameters
     * @param runId optional run id
     * @param idempotencyKey optional; the same key twice starts one run
     * @param requestedBy optional, free text
     */
    public record RunRequest(String pipeline, Map<String, Object> parameters, String runId, String idempotencyKey,
            String requestedBy) {
    }

    /** One line of the run list. */
    public record RunSummary(String runId, String pipeline, String status, String reason, Instant createdAt,
            Instant finishedAt, Map<String, String> steps) {

        static RunSummary of(RunState run) {
            Map<String, String> steps = new LinkedHashMap<>();
            run.steps.forEach((id, step) -> steps.put(id, step.phase.name()));
            return new RunSummary(run.runId, run.pipeline, run.status.name(), run.reason, run.createdAt,
                    run.finishedAt, steps);
        }
    }

    @Inject
    RunEngine engine;
    @Inject
    ArtifactStore store;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(RunRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("send a JSON body with at least 'pipeline'");
        }
        RunRequestedEvent event = new RunRequestedEvent(Event.SCHEMA_VERSION, request.runId(), null,
                request.idempotencyKey(), request.pipeline(), request.parameters(),
                request.requestedBy() == null ? "rest" : request.requestedBy(), null);
        boolean existed = engine.find(event.runId()).isPresent();
        RunState run = engine.submit(event);
        if (run.status == RunStatus.REJECTED) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 400);
            body.put("error", run.reason);
            body.put("runId", run.runId);
            return Response.status(Response.Status.BAD_REQUEST).entity(body).build();
        }
        return Response.status(existed ? Response.Status.OK : Response.Status.CREATED).entity(run).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("pipeline") String pipeline,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 500");
        }
        RunStatus wanted = status == null ? null : RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
        List<RunState> matching = engine.list().stream()
                .filter(r -> wanted == null || r.status == wanted)
                .filter(r -> pipeline == null || pipeline.equals(r.pipeline))
                .toList();
        List<RunSummary> runs = matching.stream().skip((long) page * size).limit(size).map(RunSummary::of).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", matching.size());
        body.put("page", page);
        body.put("size", size);
        body.put("runs", runs);
        return body;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}")
    public Response get(@PathParam("runId") String runId) {
        return engine.find(runId).map(run -> Response.ok(run).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'"));
    }

    /** One output artifact of a step, streamed from the store (the web page links reports and pictures here). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}/artifacts/{stepId}/{output}")
    @Produces(MediaType.WILDCARD)
    public Response artifact(@PathParam("runId") String runId, @PathParam("stepId") String stepId,
            @PathParam("output") String output) throws IOException {
        Optional<ArtifactRef> ref = engine.find(runId).map(run -> run.steps.get(stepId))
                .map(step -> step.outputs.get(output));
        if (ref.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "run " + runId + " has no output '" + output
                    + "' of step '" + stepId + "'");
        }
        InputStream content = store.open(ref.get());
        return Response.ok((StreamingOutput) out -> {
            try (content) {
                content.transferTo(out);
            }
        }, contentType(ref.get().key())).header("Content-Length", ref.get().size()).build();
    }

    static String contentType(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        if (lower.endsWith(".html")) {
            return MediaType.TEXT_HTML;
        }
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{runId}")
    public Response cancel(@PathParam("runId") String runId) {
        return engine.cancel(runId, "cancelled through the API").map(run -> Response.ok(run).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'"));
    }
}
