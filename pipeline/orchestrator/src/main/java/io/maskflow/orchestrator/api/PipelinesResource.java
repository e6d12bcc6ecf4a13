package io.maskflow.orchestrator.api;

import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.definitions.PipelineDefinition;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;

/** The pipelines a run can name, with their parameters. */
@Path("/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    @Inject
    PipelineCatalog catalog;

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Collection<PipelineDefinition> list() {
        return catalog.all();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name) {
        return catalog.find(name).map(p -> Response.ok(p).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no pipeline '" + name + "'"));
    }
}
