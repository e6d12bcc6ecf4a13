package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.orchestrator.schedules.Schedule;
import io.maskflow.orchestrator.schedules.Schedules;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recurring runs: create a schedule, list them, look at one (with its coming slots), pause, resume or delete it.
 * Any replica answers; the schedules live in the store.
 */
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SchedulesResource {

    /**
     * What {@code POST /schedules} takes.
     *
     * @param name the schedule's name, part of the ids of its runs
     * @param pipeline the definition's name
     * @param parameters overrides of its parameters, checked as {@code POST /runs} checks them
     * @param cron Quartz (6 or 7 fields, seconds first) or Unix (5 fields) cron expression
     * @param timeZone the zone the expression is read in; UTC when left out
     * @param paused create it paused
     */
    public record ScheduleRequest(String name, String pipeline, Map<String, Object> parameters, String cron,
            String timeZone, Boolean paused) {
    }

    /** A schedule's request becomes its runs' requests, which are bounded alike ({@code RunsResource}). */
    static final int MAX_SCHEDULE_REQUEST_BYTES = 256 << 10;

    @Inject
    Schedules schedules;
    @Inject
    ObjectMapper json;

    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/schedules/?", MAX_SCHEDULE_REQUEST_BYTES, "a schedule request may have");
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) throws IOException {
        ScheduleRequest request = BodyLimitResponses.readJsonAtMost(json, body, MAX_SCHEDULE_REQUEST_BYTES,
                "a schedule request may have", ScheduleRequest.class);
        if (request == null) {
            throw new IllegalArgumentException("send a JSON body with 'name', 'pipeline' and 'cron'");
        }
        Schedule created;
        try {
            created = schedules.create(request.name(), request.pipeline(), request.parameters(), request.cron(),
                    request.timeZone(), Boolean.TRUE.equals(request.paused()));
        } catch (Schedules.NameTakenException e) {
            return ErrorResponses.json(Response.Status.CONFLICT, e.getMessage());
        }
        return Response.created(URI.create("/schedules/" + created.name()))
                .entity(schedules.find(created.name()).orElseThrow()).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<Schedules.View> list() throws IOException {
        return schedules.list();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name) throws IOException {
        return found(name, schedules.find(name));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{name}/pause")
    public Response pause(@PathParam("name") String name) throws IOException {
        return found(name, schedules.pause(name, true));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{name}/resume")
    public Response resume(@PathParam("name") String name) throws IOException {
        return found(name, schedules.pause(name, false));
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name) throws IOException {
        return schedules.delete(name) ? Response.noContent().build() : notFound(name);
    }

    private static Response found(String name, Optional<Schedules.View> view) {
        return view.map(v -> Response.ok(v).build()).orElseGet(() -> notFound(name));
    }

    private static Response notFound(String name) {
        return ErrorResponses.json(Response.Status.NOT_FOUND, "no schedule '" + name + "'");
    }
}
