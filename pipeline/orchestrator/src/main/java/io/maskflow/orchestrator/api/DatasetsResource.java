package io.maskflow.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.orchestrator.datasets.DatasetUploads;
import io.maskflow.orchestrator.datasets.StoreDatasets;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Data sets of the user's: uploads in three moves (see {@link DatasetUploads}; {@code maskflow upload} drives
 * them) and a check of a data set already in a bucket, as a run would see it.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DatasetsResource {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /**
     * The most a proposal's body may have: {@link DatasetUploads#MAX_FILES} files of the competition layout's paths
     * (about 140 bytes each) fit in 14 MB. The service takes bodies of up to 64 MiB for the batches of files.
     */
    static final int MAX_PROPOSAL_BYTES = 16 << 20;
    /** Proposals are read and checked one at a time: each is held in memory a few times over meanwhile. */
    private static final ReentrantLock PROPOSING = new ReentrantLock(true);
    private static final Duration PROPOSAL_WAIT = Duration.ofMinutes(1);

    /**
     * An upload's file list.
     *
     * @param files path (under {@code train/} or {@code eval/}) to size and sha256
     */
    public record Proposal(Map<String, FileEntry> files) {
    }

    /** Where a data set named as a run parameter is and how many files it has. */
    public record Located(String dataset, String uri, long size) {
    }

    @Inject
    DatasetUploads uploads;
    @Inject
    StoreDatasets datasets;
    @Inject
    ObjectMapper json;

    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/datasets/?", MAX_PROPOSAL_BYTES, "a data set's proposal may have");
    }

    /** Starts (or resumes) an upload; 200 with {@code complete: true} when the store has the data set already. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response propose(InputStream body) throws IOException, InterruptedException {
        // read before the turn is taken, so a client sending slowly keeps no other proposal waiting; the body
        // counts against the bodies held at once (BodyBudget) meanwhile
        byte[] bytes = BodyLimitResponses.readAtMost(body, MAX_PROPOSAL_BYTES, "a data set's proposal may have");
        if (!PROPOSING.tryLock(PROPOSAL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return Response.fromResponse(ErrorResponses.json(Response.Status.SERVICE_UNAVAILABLE, "other data set "
                    + "proposals are being checked; send it again in a minute")).header("Retry-After", 60).build();
        }
        DatasetUploads.Status status;
        try {
            Proposal proposal = bytes.length == 0 ? null : json.readValue(bytes, Proposal.class);
            if (proposal == null) {
                throw new IllegalArgumentException("send a JSON body {\"files\": {path: {size, sha256}}}");
            }
            status = uploads.propose(proposal.files());
        } finally {
            PROPOSING.unlock();
        }
        return Response.status(status.complete() ? Response.Status.OK : Response.Status.ACCEPTED).entity(status)
                .build();
    }

    /** One batch of files, as a zip stream. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/files")
    // application/x-zip-compressed is what Windows names a zip
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    public DatasetUploads.Received files(@PathParam("id") String id, InputStream batch) throws IOException {
        return uploads.receive(checkId(id), batch);
    }

    /**
     * Writes the manifest when every file is there (200); 409 otherwise, with the status (what is missing) and, as
     * every refusal, an {@code error} that says it.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/commit")
    public Response commit(@PathParam("id") String id) throws IOException {
        DatasetUploads.Status status = uploads.commit(checkId(id));
        if (status.complete()) {
            return Response.ok(status).build();
        }
        ObjectNode refused = json.valueToTree(status);
        refused.put("status", Response.Status.CONFLICT.getStatusCode());
        refused.put("error", notComplete(status));
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(refused).build();
    }

    static String notComplete(DatasetUploads.Status status) {
        int count = status.missing().size();
        return "data set " + status.id() + " is not complete: " + count + (count == 1 ? " file" : " files") + " ("
                + status.missingBytes() + " bytes) not uploaded yet, listed in 'missing'; send them to /datasets/"
                + status.id() + "/files and commit again";
    }

    /**
     * Gives up an upload that was never committed: its file list and the files stored so far are deleted (200 with
     * how many objects went); 404 when there is no such upload, 409 for a complete data set, which is kept.
     */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id}")
    public Response abandon(@PathParam("id") String id) throws IOException {
        try {
            int deleted = uploads.abandon(checkId(id));
            return deleted == 0 ? ErrorResponses.json(Response.Status.NOT_FOUND, "no upload of data set '" + id + "'")
                    : Response.ok(Map.of("id", id, "deleted", deleted)).build();
        } catch (IllegalStateException e) {
            return ErrorResponses.json(Response.Status.CONFLICT, e.getMessage());
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) throws IOException {
        return uploads.status(checkId(id)).map(s -> Response.ok(s).build()).orElseGet(() -> ErrorResponses.json(
                Response.Status.NOT_FOUND, "no complete data set '" + id + "'"));
    }

    /**
     * Checks a data set as a run's {@code dataset} parameter would ({@code ?dataset=KEY} or
     * {@code ?dataset=s3://bucket/prefix}; {@code &kind=faces} for a set of face photos) and answers the manifest
     * it resolves to; 400 naming the problem.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/check")
    public Located check(@QueryParam("dataset") String dataset, @QueryParam("kind") String kind) {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("give ?dataset=<key or s3://bucket/prefix>");
        }
        if (kind != null && !kind.equals("faces") && !kind.equals("competition")) {
            // it was ignored, and the set checked as a competition one
            throw new IllegalArgumentException("kind must be 'faces' or 'competition' (the default), got '" + kind
                    + "'");
        }
        var ref = datasets.locate(dataset.strip(), "faces".equals(kind) ? DatasetLocator.Kind.FACES
                : DatasetLocator.Kind.COMPETITION);
        return new Located(ref.key(), ref.uri(), ref.size());
    }

    private static String checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a data set id (32 hex digits)");
        }
        return id;
    }
}
