package io.maskflow.serving;

import io.maskflow.sdk.quarkus.ErrorResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Serving's own failures as answers, for every endpoint: a forward pass that failed or did not answer in time is a
 * 503 with the reason, counted as outcome {@code failed}, not a 500.
 */
public class ServingErrors {

    @Inject
    ServingMetrics metrics;

    @ServerExceptionMapper
    public Response unanswered(LoadedModel.Unanswered e) {
        metrics.request("failed", 0);
        return ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
