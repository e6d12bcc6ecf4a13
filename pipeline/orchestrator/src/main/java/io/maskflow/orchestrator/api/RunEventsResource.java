package io.maskflow.orchestrator.api;

import io.maskflow.orchestrator.engine.RunEngine;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.IOException;

/**
 * {@code GET /runs/{id}/events}: a run as server-sent events, one long-lived connection instead of a poll. An
 * {@code event: run} carries the same JSON as {@code GET /runs/{id}}, at once and again on every change (its
 * {@code id} is the run's version); {@code : keep-alive} comments keep a quiet stream open; {@code event: end} says
 * the run has ended (or was deleted) and the server closes the stream. The CLI's {@code --follow} and the web page
 * read it.
 */
@Path("/runs/{runId}/events")
@Blocking
public class RunEventsResource {

    @Inject
    RunEngine engine;
    @Inject
    RunStreams streams;

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> follow(@PathParam("runId") String runId, @Context Sse sse)
            throws IOException {
        RunState run = engine.lookup(runId).orElseThrow(() -> new NotFoundException("no run '" + runId + "'"));
        return streams.open(run, sse);
    }
}
