package io.maskflow.orchestrator.api;

import io.maskflow.contracts.Require;
import io.maskflow.orchestrator.retention.Retention;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /runs/{runId}/delete}: deletes a finished run, its records and logs, and every stored object only it
 * refers to (with {@code ?dryRun=true}: says what that would be). 404 for an unknown run, 409 for one not finished
 * (cancel it first: {@code DELETE /runs/{runId}}), one cancelled whose attempts are still stopping (until each has
 * ended or is past its deadline), or one whose deletion would take the promoted model.
 */
@Path("/runs/{runId}/delete")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunDeletionResource {

    @Inject
    Retention retention;

    /**
     * Refuses a bare {@code ?dryRun} or {@code ?dryRun=} and two values before the request reaches the method: the
     * framework hands an empty value over as no value, so the default {@code false} applied and the run was deleted
     * for real (until 2026-12-07); with two values it took the first.
     */
    void refuseUnclearDryRun(@Observes Router router) {
        router.post("/runs/:runId/delete").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(context -> {
            List<String> given = context.queryParam("dryRun");
            String refusal = given.size() > 1 ? "dryRun is given " + given.size() + " times; give it once"
                    : given.size() == 1 && given.get(0).isEmpty() ? "dryRun needs a value: ?dryRun=true says what "
                    + "would be deleted, ?dryRun=false (or no dryRun) deletes" : null;
            if (refusal == null) {
                context.next();
            } else {
                context.response().setStatusCode(400).putHeader("Content-Type", MediaType.APPLICATION_JSON)
                        .end("{\"error\":\"" + refusal + "\",\"status\":400}");
            }
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response delete(@PathParam("runId") String runId, @QueryParam("dryRun") @DefaultValue("false")
            String dryRun) throws IOException {
        Require.id(runId, "runId");
        // strict: a misspelt "dryRun=yes" must not delete
        if (!dryRun.equals("true") && !dryRun.equals("false")) {
            throw new IllegalArgumentException("dryRun must be true or false, got '" + dryRun + "'");
        }
        RunDeleter.Plan plan = retention.delete(runId, dryRun.equals("true"));
        if (!plan.skipped().isEmpty()) {
            RunDeleter.Skipped skipped = plan.skipped().get(0);
            return ErrorResponses.json(skipped.known() ? Response.Status.CONFLICT : Response.Status.NOT_FOUND,
                    skipped.reason());
        }
        return Response.ok(plan).build();
    }
}
