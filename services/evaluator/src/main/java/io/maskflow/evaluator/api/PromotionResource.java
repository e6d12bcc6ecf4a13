package io.maskflow.evaluator.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.evaluator.Promotable;
import io.maskflow.evaluator.Promoter;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.store.ArtifactStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Promotion by hand, for an admin: serve a model without an evaluation's gate, e.g. to roll back to an earlier one.
 * The promotion is signed like the gate's, so serving loads it; so only a model artifact or an ensemble is promoted
 * ({@link Promotable}): anything else is refused with a 400 that says why.
 */
@Path("/promotions")
@Blocking
public class PromotionResource {

    private static final Logger LOG = Logger.getLogger(PromotionResource.class);

    /**
     * @param model the store key of a model.zip or ensemble.json (a run's {@code train.model} output, say)
     * @param reason why, for the log and the record ({@code models/promoted.json}'s {@code reason}, at most
     *     {@value PromotedModel#MAX_REASON} characters kept)
     */
    public record PromotionRequest(String model, String reason) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    Promoter promoter;
    @Inject
    SecurityIdentity caller;

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response promote(PromotionRequest request) throws IOException {
        if (request == null || request.model() == null || request.model().isBlank()) {
            throw new IllegalArgumentException("give model: the store key of a model.zip or an ensemble.json");
        }
        if (!request.model().endsWith(".zip") && !request.model().endsWith(".json")) {
            throw new IllegalArgumentException("model must be a model.zip or an ensemble.json, got " + request.model());
        }
        Optional<ArtifactRef> model = store.stat(request.model());
        if (model.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no model at " + request.model());
        }
        // serving would refuse to load anything else, after the signed record had replaced the served model's
        Promotable.check(store, model.get());
        String runId = "manual-" + System.currentTimeMillis();
        String by = caller.getPrincipal().getName();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        PromotedModel promoted = promoter.promote(model.get(), null, Promoter.BY_HAND, runId, "promote", by,
                reason);
        LOG.infof("%s promoted %s (%s) by hand: %s", by, promoted.modelId(), model.get().uri(),
                reason == null ? "no reason given" : promoted.reason());
        return Response.ok(promoted).build();
    }
}
