package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.RunCancelRequestedEvent;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.RunStatus;
import io.maskflow.orchestrator.OrchestratorSettings;
import io.maskflow.orchestrator.datasets.LayoutZip;
import io.maskflow.orchestrator.engine.NotOwnerException;
import io.maskflow.orchestrator.engine.NotSubmittedException;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunIdTakenException;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.engine.RunStore;
import io.maskflow.orchestrator.messaging.RunOwnership;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.orchestrator.schedules.ScheduleFiring;
import io.maskflow.orchestrator.schedules.Schedules;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs: start one, list them, look at one, cancel one. Any replica answers: a run this replica drives (it owns the
 * run id's partition) is read from and changed in its engine; any other is read from the store, and starting or
 * cancelling it goes through Kafka to its owner, the answer waiting briefly for the owner to save the result.
 * Every run handed to the serialiser is a snapshot.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunsResource {

    private static final String CANCEL_REASON = "cancelled through the API";
    private static final long FORWARD_POLL_MILLIS = 100;
    /**
     * The most a run request's body may have: it goes on as one Kafka message (the broker takes 1 MB), and the service
     * takes bodies of up to 64 MiB for data set batches, which bound into a request could run its heap out.
     */
    static final int MAX_RUN_REQUEST_BYTES = 256 << 10;

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

    /** A schedule slot's run id ({@code Schedule.runId}): the schedule's name, then the slot. */
    private static final Pattern SLOT_RUN_ID = Pattern.compile("(.+)-\\d{8}-\\d{6}");

    @Inject
    RunEngine engine;
    @Inject
    Schedules schedules;
    @Inject
    RunStore runs;
    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    RunOwnership ownership;
    @Inject
    OrchestratorSettings settings;
    @Inject
    ObjectMapper json;

    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/runs/?", MAX_RUN_REQUEST_BYTES, "a run request may have");
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(InputStream body) throws IOException, InterruptedException {
        RunRequest request = BodyLimitResponses.readJsonAtMost(json, body, MAX_RUN_REQUEST_BYTES,
                "a run request may have", RunRequest.class);
        if (request == null) {
            throw new IllegalArgumentException("send a JSON body with at least 'pipeline'");
        }
        notASlotsId(request.runId());
        RunRequestedEvent event = new RunRequestedEvent(Event.SCHEMA_VERSION, request.runId(), null,
                request.idempotencyKey(), request.pipeline(), request.parameters(),
                request.requestedBy() == null ? "rest" : ownWords(request.requestedBy()), null);
        try {
            return start(event);
        } catch (RunIdTakenException e) {
            return ErrorResponses.json(Response.Status.CONFLICT, e.getMessage());
        }
    }

    /**
     * Refuses a run id of the form a schedule's slots take ({@code <name>-<yyyyMMdd-HHmmss>}) when that schedule
     * exists: the slot's run was then refused as a taken id, and the schedule showed the client's run as its last.
     */
    private void notASlotsId(String runId) throws IOException {
        Matcher slot = runId == null ? null : SLOT_RUN_ID.matcher(runId);
        if (slot != null && slot.matches() && schedules.find(slot.group(1)).isPresent()) {
            throw new IllegalArgumentException("run id " + runId + " is kept for a slot of schedule " + slot.group(1)
                    + " (its runs are named <schedule>-<yyyyMMdd-HHmmss of the slot in UTC>): give another id, or "
                    + "leave runId out");
        }
    }

    /**
     * A client's {@code requestedBy}, which must not be what the orchestrator itself writes: a run a schedule started
     * shows {@code schedule <name>}, and a client could make its run look like one.
     */
    private static String ownWords(String requestedBy) {
        String words = requestedBy.strip();
        if (words.toLowerCase(Locale.ROOT).startsWith(ScheduleFiring.REQUESTED_BY)
                || words.equalsIgnoreCase(RunDeleter.REQUESTED_BY)) {
            throw new IllegalArgumentException("requestedBy '" + Texts.cut(words, 64) + "' is what the orchestrator "
                    + "writes for the runs it starts itself (a schedule's, a deletion's): name yourself another way");
        }
        return requestedBy;
    }

    private Response start(RunRequestedEvent event) throws IOException, InterruptedException {
        String runId = event.runId();
        if (engine.owns(runId)) {
            try {
                boolean existed = engine.find(runId).isPresent();
                try {
                    engine.submit(event);
                } catch (NotSubmittedException e) {
                    throw e;
                } catch (UncheckedIOException e) {
                    return unwritten(engine.find(runId).orElseThrow(), e);
                }
                return started(engine.find(runId).orElseThrow(), existed);
            } catch (NotOwnerException e) {
                // the partition moved on meanwhile: go through Kafka like any other replica
            }
        }
        Optional<RunState> existing = runs.load(runId);
        if (existing.isPresent()) {
            RunIdTakenException.check(existing.get(), event);
            return started(existing.get(), true);
        }
        events.publish(Topics.RUNS_REQUESTED, event);
        Optional<RunState> saved = awaitSaved(runId, run -> true);
        if (saved.isPresent()) {
            // another request under the same id may have been saved first; the owner dead-lettered this one
            RunIdTakenException.check(saved.get(), event);
        }
        return saved.map(run -> started(run, false)).orElseGet(() -> accepted(runId, "run " + runId
                + " was requested; its orchestrator has not saved it yet"));
    }

    /** The run status a query names, in any case; another word is a 400 listing them (it was Java's own message). */
    static RunStatus runStatus(String status) {
        for (RunStatus known : RunStatus.values()) {
            if (known.name().equalsIgnoreCase(status)) {
                return known;
            }
        }
        throw new IllegalArgumentException("status must be one of " + java.util.Arrays.stream(RunStatus.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + status + "'");
    }

    private static Response started(RunState run, boolean existed) {
        if (run.status == RunStatus.REJECTED) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 400);
            body.put("error", run.reason);
            body.put("runId", run.runId);
            return Response.status(Response.Status.BAD_REQUEST).entity(body).build();
        }
        return Response.status(existed ? Response.Status.OK : Response.Status.CREATED).entity(run).build();
    }

    /**
     * The answer to a run the engine took and drives but whose state or first events the store or the broker did not
     * take ({@code e}): the engine writes them at its next ticks, so the run goes on when they answer again. A 503 here
     * said the request had failed, and a client sending it again without a run id started a second run. A rejected
     * run stays a 400.
     */
    private static Response unwritten(RunState run, UncheckedIOException e) {
        if (run.status == RunStatus.REJECTED) {
            return started(run, false);
        }
        return accepted(run.runId, run.status.name(), "run " + run.runId + " was started, but not all of it is written "
                + "yet (" + e.getMessage() + "); the orchestrator writes it when the store and the broker answer "
                + "again: do not send the request again, follow /runs/" + run.runId);
    }

    /**
     * 202 with the run's address, when the owner did not save the change within the wait; {@code status} says
     * {@code REQUESTED} (not a run status: the owner has not answered yet).
     */
    private static Response accepted(String runId, String message) {
        return accepted(runId, "REQUESTED", message);
    }

    private static Response accepted(String runId, String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("status", status);
        body.put("message", message);
        return Response.accepted(body).location(URI.create("/runs/" + runId)).build();
    }

    /** Polls the store until the run's owner has saved it in a state {@code done} accepts, for the forward wait. */
    private Optional<RunState> awaitSaved(String runId, Predicate<RunState> done) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + settings.forwardWait().toNanos();
        while (true) {
            Optional<RunState> run = engine.lookup(runId);
            if (run.isPresent() && done.test(run.get())) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(FORWARD_POLL_MILLIS);
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("pipeline") String pipeline,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size)
            throws IOException {
        if (page < 0 || size < 1 || size > 500) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 500");
        }
        RunStatus wanted = status == null ? null : runStatus(status);
        List<RunState> matching = all().stream()
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

    /**
     * Every run, newest first: the engine's when this replica owns every partition (it is the only one), else the
     * store's, with the runs this replica drives taken from its engine.
     */
    private List<RunState> all() throws IOException {
        List<RunState> owned = engine.list();
        if (ownership.current().ownsAll()) {
            return owned;
        }
        Map<String, RunState> byId = new LinkedHashMap<>();
        runs.loadAll(runId -> !engine.owns(runId)).forEach(run -> byId.put(run.runId, run));
        owned.forEach(run -> byId.put(run.runId, run));
        return byId.values().stream().sorted(Comparator.comparing((RunState r) -> r.createdAt,
                Comparator.nullsLast(Comparator.naturalOrder())).reversed()).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}")
    public Response get(@PathParam("runId") String runId) throws IOException {
        return engine.lookup(runId).map(run -> Response.ok(run).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'"));
    }

    /** One output artifact of a step, streamed from the store (the web page links reports and pictures here). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}/artifacts/{stepId}/{output}")
    @Produces(MediaType.WILDCARD)
    public Response artifact(@PathParam("runId") String runId, @PathParam("stepId") String stepId,
            @PathParam("output") String output, @Context Request request) throws IOException {
        Optional<ArtifactRef> ref = outputRef(runId, stepId, output);
        if (ref.isEmpty()) {
            return noOutput(runId, stepId, output);
        }
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            // the framework answers HEAD with this method and drops the body unwritten: a stream opened here was
            // never closed, and each HEAD leaked a connection to the store; the object is looked up, as GET opens it
            if (store.stat(ref.get().key()).isEmpty()) {
                return ErrorResponses.json(Response.Status.NOT_FOUND, "artifact not found: " + ref.get().key());
            }
            return Response.ok().type(contentType(ref.get().key())).header("Content-Length", ref.get().size()).build();
        }
        InputStream content = store.open(ref.get());
        return Response.ok((StreamingOutput) out -> {
            try (content) {
                content.transferTo(out);
            }
        }, contentType(ref.get().key())).header("Content-Length", ref.get().size()).build();
    }

    /**
     * The data set a step's output belongs to (a generated data set, masked faces, pseudo-labels) as one zip of the
     * plain competition layout, its photos taken out of their packs; {@code maskflow download --layout} unpacks it.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{runId}/datasets/{stepId}/{output}")
    @Produces("application/zip")
    public Response dataset(@PathParam("runId") String runId, @PathParam("stepId") String stepId,
            @PathParam("output") String output) throws IOException {
        Optional<ArtifactRef> ref = outputRef(runId, stepId, output);
        if (ref.isEmpty()) {
            return noOutput(runId, stepId, output);
        }
        LayoutZip zip;
        try {
            zip = LayoutZip.of(DatasetFiles.open(store, ref.get()));
        } catch (ArtifactNotFoundException e) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ErrorResponses.json(Response.Status.BAD_REQUEST, "output '" + output + "' of step '" + stepId
                    + "': " + e.getMessage());
        } catch (ArtifactCorruptedException e) {
            return ErrorResponses.json(Response.Status.CONFLICT, "output '" + output + "' of step '" + stepId
                    + "': " + e.getMessage());
        }
        return Response.ok((StreamingOutput) zip::writeTo, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + runId + "-" + stepId + "-" + output
                        + ".zip\"")
                .header("X-Maskflow-Files", zip.count()).header("X-Maskflow-Bytes", zip.bytes()).build();
    }

    private Optional<ArtifactRef> outputRef(String runId, String stepId, String output) throws IOException {
        return engine.lookup(runId).map(run -> run.steps.get(stepId)).map(step -> step.outputs.get(output));
    }

    private static Response noOutput(String runId, String stepId, String output) {
        return ErrorResponses.json(Response.Status.NOT_FOUND, "run " + runId + " has no output '" + output
                + "' of step '" + stepId + "'");
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
    public Response cancel(@PathParam("runId") String runId) throws IOException, InterruptedException {
        Optional<RunState> here = engine.cancel(runId, CANCEL_REASON);
        if (here.isPresent()) {
            return Response.ok(here.get()).build();
        }
        Optional<RunState> stored = runs.load(runId);
        if (stored.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'");
        }
        if (stored.get().status.isFinal()) {
            return Response.ok(stored.get()).build();
        }
        events.publish(Topics.RUNS_CANCEL, RunCancelRequestedEvent.of(runId, CANCEL_REASON, "rest"));
        return awaitSaved(runId, run -> run.status.isFinal()).map(run -> Response.ok(run).build())
                .orElseGet(() -> accepted(runId, "cancelling run " + runId + " was requested; its orchestrator "
                        + "has not saved it yet"));
    }
}
