package io.maskflow.trainer.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.params.TrainParams;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.trainer.TrainingJob;
import io.maskflow.trainer.TrainingService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
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
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Training jobs over HTTP: start one on a shard set in the store, follow its epochs, cancel it. Pipeline steps
 * running in this replica show up here too (source {@code step}) and can be cancelled the same way.
 */
@Path("/jobs")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    /**
     * @param shards store key of a preprocess shard index ({@code .../index.json})
     * @param init store key of a model to start from, or null
     * @param parameters train parameters over the defaults
     */
    public record JobRequest(String shards, String init, Map<String, Object> parameters) {
    }

    @Inject
    TrainingService training;
    @Inject
    ArtifactStore store;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(JobRequest request) throws IOException {
        if (request == null || request.shards() == null || request.shards().isBlank()) {
            throw new IllegalArgumentException("shards is missing: give the store key of a preprocess index.json");
        }
        TrainParams params = StepParameters.bind(request.parameters() == null ? Map.of() : request.parameters(),
                TrainParams.DEFAULTS);
        Optional<ArtifactRef> shards = store.stat(request.shards());
        if (shards.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no shard index '" + request.shards()
                    + "' in bucket " + store.bucket());
        }
        training.checkShards(shards.get(), params);
        ArtifactRef init = null;
        if (request.init() != null) {
            init = store.stat(request.init()).orElse(null);
            if (init == null) {
                return ErrorResponses.json(Response.Status.NOT_FOUND, "no model '" + request.init() + "' in bucket "
                        + store.bucket());
            }
            training.checkInit(init);
        }
        TrainingJob job = training.submit(params, shards.get(), init);
        return Response.accepted(job.view()).location(URI.create("/jobs/" + job.id())).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<TrainingJob.View> list() {
        return training.jobs().stream().map(TrainingJob::view)
                .sorted(Comparator.comparing(TrainingJob.View::created).reversed()).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id: .+}")
    public Response get(@PathParam("id") String id) {
        return training.job(id).map(job -> Response.ok(job.view()).build())
                .orElseGet(() -> ErrorResponses.json(Response.Status.NOT_FOUND, "no training job '" + id + "'"));
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id: .+}")
    public Response cancel(@PathParam("id") String id) {
        Optional<TrainingJob> job = training.job(id);
        if (job.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no training job '" + id + "'");
        }
        if (!job.get().cancel()) {
            return ErrorResponses.json(Response.Status.CONFLICT, job.get().ended()
                    ? "training job '" + id + "' already ended: " + job.get().status()
                    : "training job '" + id + "' has finished training and is writing its outputs: it can no longer"
                            + " be cancelled");
        }
        return Response.accepted(job.get().view()).build();
    }
}
