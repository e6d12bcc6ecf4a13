package io.maskflow.orchestrator.api;

import io.maskflow.contracts.Require;
import io.maskflow.orchestrator.retention.Retention;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response delete(@PathParam("runId") String runId, @Context UriInfo uri) throws IOException {
        Require.id(runId, "runId");
        // strict: a misspelt "dryRun=yes", a bare "?dryRun" or "?dryRun=" (which the framework hands over as if the
        // parameter were not there) and two values must not delete
        List<String> given = uri.getQueryParameters().getOrDefault("dryRun", List.of());
        if (given.size() > 1) {
            throw new IllegalArgumentException("dryRun is given " + given.size() + " times; give it once");
        }
        String dryRun = given.isEmpty() ? "false" : given.get(0);
        if (dryRun.isEmpty()) {
            throw new IllegalArgumentException("dryRun needs a value: ?dryRun=true says what would be deleted, "
                    + "?dryRun=false (or no dryRun) deletes");
        }
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
