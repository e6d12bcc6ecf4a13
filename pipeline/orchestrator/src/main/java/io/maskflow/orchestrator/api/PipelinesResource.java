package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.maskflow.orchestrator.definitions.PipelineCatalog;
import io.maskflow.orchestrator.definitions.PipelineDefinition;
import io.maskflow.orchestrator.definitions.PipelineGraph;
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

    /**
     * One pipeline as {@code GET /pipelines/{name}} shows it: the definition's fields, and beside them its typed
     * graph.
     */
    public record PipelineView(@JsonUnwrapped PipelineDefinition definition, PipelineGraph graph) {
    }

    /** A pipeline's definition and its typed graph: every step's inputs with their sources' kinds, its outputs. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name) {
        return catalog.find(name).map(p -> Response.ok(new PipelineView(p, PipelineGraph.of(p))).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no pipeline '" + name + "'"));
    }
}
