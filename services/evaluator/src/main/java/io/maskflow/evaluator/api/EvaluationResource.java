package io.maskflow.evaluator.api;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.params.EvaluateParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.evaluator.Promotable;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.quarkus.StepRequests;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ShardSets;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluations over HTTP: evaluate a model (or several, voting) on a shard set, optionally with an eval folder —
 * published as an {@code evaluate} step command, followed on {@code maskflow.steps.events} — and read reports.
 */
@Path("/")
@Blocking
public class EvaluationResource {

    /** The most models one evaluation judges: a search's grid has at most 100 trials, each a candidate. */
    static final int MAX_MODELS = 100;

    /**
     * @param models store keys of one or more model artifacts (or ensembles)
     * @param shards store key of the preprocess index.json they were trained on
     * @param eval store key of a file at the root of a data set with an eval/ folder, or null
     * @param parameters evaluate parameters over the defaults
     */
    public record EvaluationRequest(List<String> models, String shards, String eval, Map<String, Object> parameters) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("evaluations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response evaluate(EvaluationRequest request) throws IOException {
        if (request == null || request.models() == null || request.models().isEmpty() || request.shards() == null) {
            throw new IllegalArgumentException("give models (store keys of model.zip or ensemble.json) and shards "
                    + "(the store key of a preprocess index.json)");
        }
        if (request.models().size() > MAX_MODELS) {
            throw new IllegalArgumentException("give at most " + MAX_MODELS + " models, got "
                    + request.models().size());
        }
        Map<String, Object> parameters = request.parameters() == null ? Map.of() : request.parameters();
        StepParameters.bind(parameters, EvaluateParams.DEFAULTS);
        Map<String, ArtifactRef> inputs = new LinkedHashMap<>();
        for (int i = 0; i < request.models().size(); i++) {
            String key = request.models().get(i);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("models[" + i + "] is empty: give the store key of a model.zip or "
                        + "an ensemble.json");
            }
            String name = request.models().size() == 1 ? "model" : "model-" + i;
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isEmpty()) {
                return notFound(key);
            }
            // a report, a CSV or a data set's zip is a 400 now, not an accepted evaluation that fails a moment later
            Promotable.check(store, ref.get());
            inputs.put(name, ref.get());
        }
        Optional<ArtifactRef> shards = store.stat(request.shards());
        if (shards.isEmpty()) {
            return notFound(request.shards());
        }
        ShardSets.index(store, shards.get()); // the key of another object is a 400 now, not a failed step later
        inputs.put("shards", shards.get());
        if (request.eval() != null) {
            Optional<ArtifactRef> eval = store.stat(request.eval());
            if (eval.isEmpty()) {
                return notFound(request.eval());
            }
            inputs.put("eval", eval.get());
        }
        return StepRequests.publish(events, StepType.EVALUATE, parameters, inputs);
    }

    static final String REPORT_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'";

    /** A report file of an evaluation by its store key: report.json, report.html, a PNG or the submission CSV. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("reports")
    public Response report(@QueryParam("key") String key) throws IOException {
        if (key == null || !key.startsWith("steps/evaluate/") || key.contains("..")) {
            throw new IllegalArgumentException("key must name a file of an evaluation (steps/evaluate/<key>/...), as "
                    + "in its SUCCEEDED event");
        }
        String type = key.endsWith(".json") ? MediaType.APPLICATION_JSON : key.endsWith(".html") ? MediaType.TEXT_HTML
                : key.endsWith(".png") ? "image/png" : key.endsWith(".csv") ? "text/csv" : null;
        if (type == null) {
            throw new IllegalArgumentException("an evaluation's files are .json, .html, .png or .csv");
        }
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return notFound(key);
        }
        // a report page runs no script and is framed by no site, whatever its data put into it (its pictures are
        // data: addresses and its style is its own <style>)
        return Response.ok(store.read(ref.get()), type).header("Content-Security-Policy", REPORT_POLICY).build();
    }

    private Response notFound(String key) {
        return ErrorResponses.json(Response.Status.NOT_FOUND, "no object '" + key + "' in bucket " + store.bucket());
    }
}
