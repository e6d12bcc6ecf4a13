package io.maskflow.orchestrator.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log lines of a run's step attempts, as the step services keep them in the store
 * ({@code runs/<runId>/logs/<stepId>/<attempt>.log}, bounded; written every few seconds while the attempt runs and
 * at its end): {@code GET /runs/{runId}/logs} lists them, {@code GET /runs/{runId}/logs/{stepId}} gives one step's
 * (every attempt, or {@code ?attempt=N}) as text, or as JSON to a client that asks for JSON rather than text.
 */
@Path("/runs/{runId}/logs")
@Blocking
public class RunLogsResource {

    /** One kept log. */
    public record LogEntry(String step, int attempt, long bytes, String key) {
    }

    /** One attempt's log in a JSON answer. */
    public record LogText(int attempt, String text) {
    }

    @Inject
    RunEngine engine;
    @Inject
    ArtifactStore store;

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("runId") String runId) throws IOException {
        Optional<RunState> run = engine.lookup(Require.id(runId, "runId"));
        if (run.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'");
        }
        List<LogEntry> logs = new ArrayList<>();
        for (String stepId : run.get().steps.keySet()) {
            logs.addAll(logsOf(runId, stepId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("logs", logs);
        return Response.ok(body).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{stepId}")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public Response step(@PathParam("runId") String runId, @PathParam("stepId") String stepId,
            @QueryParam("attempt") String attemptText, @Context HttpHeaders headers) throws IOException {
        if (attemptText != null && !attemptText.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("attempt must be a number from 1, got '" + attemptText + "'");
        }
        Integer attempt = attemptText == null ? null : Integer.valueOf(attemptText);
        Optional<RunState> run = engine.lookup(Require.id(runId, "runId"));
        if (run.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no run '" + runId + "'");
        }
        if (!run.get().steps.containsKey(Require.id(stepId, "stepId"))) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "run " + runId + " has no step '" + stepId
                    + "'; its steps: " + run.get().steps.keySet());
        }
        List<LogEntry> logs = logsOf(runId, stepId).stream()
                .filter(log -> attempt == null || log.attempt() == attempt).toList();
        if (logs.isEmpty()) {
            boolean cached = run.get().steps.get(stepId).cached;
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no log of step " + stepId
                    + (attempt == null ? "" : " attempt " + attempt) + " in run " + runId + (cached
                    ? ": it was answered from the cache" : " (yet)"));
        }
        if (prefersJson(headers.getAcceptableMediaTypes())) {
            List<LogText> texts = new ArrayList<>();
            for (LogEntry log : logs) {
                texts.add(new LogText(log.attempt(), read(log.key())));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", runId);
            body.put("stepId", stepId);
            body.put("logs", texts);
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        StringBuilder text = new StringBuilder();
        for (LogEntry log : logs) {
            text.append("=== ").append(stepId).append(", attempt ").append(log.attempt()).append(" ===\n")
                    .append(read(log.key()));
        }
        return Response.ok(text.toString(), MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).build();
    }

    /**
     * Whether the client's most preferred type that either answer fits is JSON: {@code application/json} or
     * {@code application/*} before any {@code text/plain}, {@code text/*} or {@code *}{@code /*}. Without an Accept
     * header the answer is text, as it always was.
     */
    static boolean prefersJson(List<MediaType> acceptable) {
        for (MediaType type : acceptable) { // highest preference first
            if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                return false;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private List<LogEntry> logsOf(String runId, String stepId) throws IOException {
        String prefix = ArtifactKeys.stepLogPrefix(runId, stepId);
        List<LogEntry> logs = new ArrayList<>();
        for (ArtifactStore.StoredObject object : store.listObjects(store.bucket(), prefix)) {
            String name = object.key().substring(prefix.length());
            if (name.matches("[0-9]{1,9}\\.log")) {
                logs.add(new LogEntry(stepId, Integer.parseInt(name.substring(0, name.length() - 4)), object.size(),
                        object.key()));
            }
        }
        logs.sort(Comparator.comparingInt(LogEntry::attempt));
        return logs;
    }

    /** A log is rewritten while its attempt runs: a read that meets a newer version tries again. */
    private String read(String key) throws IOException {
        for (int tries = 1;; tries++) {
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isEmpty()) {
                return "(gone)\n";
            }
            try {
                return new String(store.read(ref.get()), StandardCharsets.UTF_8);
            } catch (ArtifactCorruptedException e) {
                if (tries == 3) {
                    throw e;
                }
            }
        }
    }
}
