package io.maskflow.serving;

import io.maskflow.sdk.quarkus.ErrorResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Serving's own failures as answers: a forward pass that failed or did not answer in time is a 503, not a 500. */
public class ServingErrors {

    @ServerExceptionMapper
    public Response unanswered(LoadedModel.Unanswered e) {
        return ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
