package io.maskflow.preprocess.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.preprocess.PreprocessStep;
import io.maskflow.preprocess.source.StoreSource;
import io.maskflow.preprocess.source.ZipUnpacker;
import io.maskflow.sdk.quarkus.BodyLimitResponses;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.quarkus.StepRequests;
import io.maskflow.sdk.security.Roles;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.sdk.store.Hashing;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.Router;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Starts preprocessing jobs and shows their validation reports. */
@Path("/jobs")
@Blocking
public class PreprocessResource {

    /**
     * A job: {@code dataset} is the store key of a data set's {@code train/train.csv}, of its manifest
     * ({@code maskflow-dataset.json}) or of a generated set's {@code dataset.json}; {@code parameters} as for the
     * step.
     */
    public record JobRequest(String dataset, Map<String, Object> parameters) {
    }

    /** The file at a generated data set's root that {@code dataset} may name (the generator's manifest). */
    static final String GENERATED_MANIFEST = "dataset.json";

    /** Largest zip accepted. */
    static final long MAX_UPLOAD_BYTES = 4L << 30;
    /**
     * Largest job request accepted: the service takes zips of up to 4 GB ({@code quarkus.http.limits.max-body-size}),
     * but a job request is a store key and some parameters, read into memory whole.
     */
    static final int MAX_JOB_REQUEST_BYTES = 1 << 20;

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    ObjectMapper json;

    /** A job request that declares a length over {@link #MAX_JOB_REQUEST_BYTES} is refused before it is read. */
    void limitBodies(@Observes Router router) {
        BodyLimitResponses.limit(router, "/jobs/?", MAX_JOB_REQUEST_BYTES, "a job request may have");
    }

    /**
     * Starts a job ({@link JobRequest} as JSON). The body is read here, at most {@link #MAX_JOB_REQUEST_BYTES} of it,
     * so one sent without a length (chunked) is bounded too.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(InputStream body) throws IOException {
        byte[] bytes = BodyLimitResponses.readAtMost(body, MAX_JOB_REQUEST_BYTES, "a job request may have");
        return start(bytes.length == 0 ? null : json.readValue(bytes, JobRequest.class));
    }

    /**
     * Checks a job and publishes its command: its parameters bind and its label corrections can apply (400 with the
     * reason), its data set is there (404) and named by one of the keys {@link JobRequest} takes (400) and, when it
     * is given by its manifest, the manifest is readable (400).
     */
    Response start(JobRequest request) throws IOException {
        if (request == null || request.dataset() == null || request.dataset().isBlank()) {
            throw new IllegalArgumentException("dataset is missing: give the store key of a train/train.csv");
        }
        Map<String, Object> parameters = request.parameters() == null ? Map.of() : request.parameters();
        PreprocessStep.parameters(parameters);
        Optional<ArtifactRef> dataset = store.stat(request.dataset());
        if (dataset.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no object '" + request.dataset() + "' in bucket "
                    + store.bucket());
        }
        checkNamesADataSet(dataset.get().key());
        if (DatasetFiles.isManifest(dataset.get().key())) {
            StoreSource.around(store, dataset.get()); // a broken manifest: 400 now, not a step failing later
        }
        return StepRequests.publish(events, StepType.PREPROCESS, parameters, Map.of("dataset", dataset.get()));
    }

    /**
     * Refuses a {@code dataset} key that names a file other than a data set's {@code train/train.csv}, its manifest
     * or a generated set's {@code dataset.json} (a preview image, a preprocess index, a zip): the step would take
     * the folder it sits in for the data set, and preprocess whatever is there, or fail finding nothing.
     */
    static void checkNamesADataSet(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        if (key.equals(CompetitionLayout.TRAIN_CSV) || key.endsWith("/" + CompetitionLayout.TRAIN_CSV)
                || DatasetFiles.isManifest(key) || file.equals(GENERATED_MANIFEST)) {
            return;
        }
        throw new IllegalArgumentException("dataset '" + key + "' names no data set: give the store key of a data "
                + "set's " + CompetitionLayout.TRAIN_CSV + ", of its " + DatasetManifest.FILE_NAME + " manifest or of "
                + "a generated set's " + GENERATED_MANIFEST + (file.toLowerCase(Locale.ROOT).endsWith(".zip")
                        ? "; a zip goes to POST /jobs/uploads first, which answers with its train.csv's key" : ""));
    }

    /**
     * Takes a zip of the competition layout ({@code train/train.csv}, {@code train/images/...}, optionally
     * {@code eval/}), unpacks it safely into the store under {@code blobs/sha256/<ab>/<sha256>/dataset/} (the same
     * zip twice lands in the same place) and answers where its {@code train.csv} is, ready for {@code POST /jobs}.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/uploads")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(InputStream body) throws IOException {
        java.nio.file.Path spool = Files.createTempFile("upload-", ".zip");
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(spool)) {
                size = copyAtMost(body, out, MAX_UPLOAD_BYTES);
            }
            if (size < 0) {
                return ErrorResponses.json(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the zip is larger than "
                        + MAX_UPLOAD_BYTES + " bytes");
            }
            String root = ArtifactKeys.contentAddressed(Hashing.sha256Hex(spool), "dataset") + "/";
            ZipUnpacker.Unpacked unpacked = new ZipUnpacker(200_000, 16L << 30, 200L << 20).unpack(spool,
                    CompetitionLayout.TRAIN_CSV, new ZipUnpacker.Target() {
                        @Override
                        public void put(String path, byte[] content) throws IOException {
                            store.put(root + path, content, contentType(path));
                        }

                        @Override
                        public void put(String path, java.nio.file.Path file) throws IOException {
                            store.put(root + path, file, contentType(path));
                        }
                    });
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("dataset", root + CompetitionLayout.TRAIN_CSV);
            answer.put("files", unpacked.files().size());
            answer.put("skipped", unpacked.skipped());
            return Response.status(Response.Status.CREATED).entity(answer).build();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static String contentType(String path) {
        return path.endsWith(".csv") ? "text/csv" : "application/octet-stream";
    }

    /** Copies up to {@code limit} bytes; returns the count, or -1 when the input is longer. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                return -1;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** A validation report ({@code report.txt} or {@code report.json}) of a finished job, by its store key. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/report")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public Response report(@QueryParam("key") String key) throws IOException {
        if (key == null || !key.startsWith("steps/preprocess/")
                || !(key.endsWith("/report.txt") || key.endsWith("/report.json"))) {
            throw new IllegalArgumentException("key must be the report.txt or report.json of a preprocess job "
                    + "(steps/preprocess/<key>/report.txt), as named in its SUCCEEDED event");
        }
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return ErrorResponses.json(Response.Status.NOT_FOUND, "no report '" + key + "'");
        }
        String type = key.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
        return Response.ok(new String(store.read(ref.get()), StandardCharsets.UTF_8), type).build();
    }
}
