package io.maskflow.orchestrator.api;

import io.maskflow.orchestrator.retention.Retention;
import io.maskflow.orchestrator.retention.RetentionPolicy;
import io.maskflow.orchestrator.retention.RunDeleter;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The retention policy: {@code GET /retention} is its dry run (which runs would go, how many objects and bytes,
 * and why), {@code POST /retention} applies it now. Both take the configured policy unless {@code maxAge} or
 * {@code keepLast} are given (then those, for every pipeline), and {@code pipeline} limits them to one pipeline.
 */
@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RetentionResource {

    @Inject
    Retention retention;

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Map<String, Object> dryRun(@QueryParam("maxAge") String maxAge, @QueryParam("keepLast") String keepLast,
            @QueryParam("pipeline") String pipeline) throws IOException {
        return report(maxAge, keepLast, pipeline, true);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Map<String, Object> apply(@QueryParam("maxAge") String maxAge, @QueryParam("keepLast") String keepLast,
            @QueryParam("pipeline") String pipeline) throws IOException {
        return report(maxAge, keepLast, pipeline, false);
    }

    private Map<String, Object> report(String maxAge, String keepLast, String pipeline, boolean dryRun)
            throws IOException {
        if (pipeline != null && pipeline.isBlank()) {
            // it was read as no pipeline, so every pipeline's runs were chosen under a policy naming one
            throw new IllegalArgumentException("pipeline is blank: leave it out for the runs of every pipeline, or "
                    + "name one");
        }
        RetentionPolicy policy = policy(maxAge, keepLast);
        RunDeleter.Plan plan = retention.retention(policy, Optional.ofNullable(pipeline), dryRun);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policy.toString() + (pipeline == null ? "" : " (pipeline " + pipeline + " only)"));
        body.put("dryRun", dryRun);
        body.put("runs", plan.runs());
        body.put("skipped", plan.skipped());
        body.put("objects", plan.objects());
        body.put("bytes", plan.bytes());
        return body;
    }

    private RetentionPolicy policy(String maxAge, String keepLast) {
        if (maxAge == null && keepLast == null) {
            return retention.configured();
        }
        OptionalInt keep = OptionalInt.empty();
        if (keepLast != null) {
            try {
                keep = OptionalInt.of(Integer.parseInt(keepLast.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("keepLast must be a whole number from 0 to " + Integer.MAX_VALUE
                        + ", got '" + keepLast + "'");
            }
        }
        return new RetentionPolicy(new RetentionPolicy.Rule(Optional.ofNullable(maxAge)
                .map(text -> RetentionPolicy.duration(text, "maxAge")), keep), Map.of());
    }
}
