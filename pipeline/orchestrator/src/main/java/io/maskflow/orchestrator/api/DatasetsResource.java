package io.maskflow.orchestrator.api;

import io.maskflow.contracts.dataset.DatasetManifest.FileEntry;
import io.maskflow.orchestrator.datasets.DatasetUploads;
import io.maskflow.orchestrator.datasets.StoreDatasets;
import io.maskflow.orchestrator.definitions.DatasetLocator;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.util.Map;
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

    /** Starts (or resumes) an upload; 200 with {@code complete: true} when the store has the data set already. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response propose(Proposal proposal) throws IOException {
        if (proposal == null) {
            throw new IllegalArgumentException("send a JSON body {\"files\": {path: {size, sha256}}}");
        }
        DatasetUploads.Status status = uploads.propose(proposal.files());
        return Response.status(status.complete() ? Response.Status.OK : Response.Status.ACCEPTED).entity(status)
                .build();
    }

    /** One batch of files, as a zip stream. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/files")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    public DatasetUploads.Received files(@PathParam("id") String id, InputStream batch) throws IOException {
        return uploads.receive(checkId(id), batch);
    }

    /** Writes the manifest when every file is there (200); 409 with what is missing otherwise. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/commit")
    public Response commit(@PathParam("id") String id) throws IOException {
        DatasetUploads.Status status = uploads.commit(checkId(id));
        return Response.status(status.complete() ? Response.Status.OK : Response.Status.CONFLICT).entity(status)
                .build();
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
