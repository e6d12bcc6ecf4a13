package io.maskflow.sdk.store;

import io.maskflow.contracts.ArtifactRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.maskflow.sdk.metrics.MetricNames;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * {@link ArtifactStore} over the MinIO Java SDK: talks to MinIO, S3 or any S3-compatible server by configuration
 * alone. The SHA-256 of each object is kept in its user metadata ({@code x-amz-meta-sha256}).
 */
public final class MinioArtifactStore implements ArtifactStore {

    static final String SHA256_METADATA = "sha256";
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable",
            "RequestTimeout", "OperationAborted", "RequestTimeTooSkewed");
    private static final long PART_SIZE = 16L << 20;
    /** Files up to this size are read whole and PUT as a byte array, in one request and with no stream to copy. */
    private static final long SMALL_FILE = 4L << 20;
    private static final int DELETE_BATCH = 1000;

    private final MinioClient client;
    private final MinioBytesClient bytesClient;
    private final StoreConfig config;
    private final Retry retry;
    private final Counter bytesWritten;
    private final Counter bytesRead;
    private volatile boolean bucketReady;

    public MinioArtifactStore(StoreConfig config, MeterRegistry registry) {
        this.config = config;
        OkHttpClient http = MinioBytesClient.httpClient();
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .httpClient(http)
                .build();
        this.bytesClient = MinioBytesClient.of(config, http);
        this.retry = new Retry(config.maxAttempts(), config.initialBackoff(), MinioArtifactStore::isTransient);
        this.bytesWritten = io.micrometer.core.instrument.Counter.builder(MetricNames.ARTIFACT_BYTES)
                .description("bytes moved to and from the artifact store").tag(MetricNames.TAG_DIRECTION, "written")
                .register(registry);
        this.bytesRead = io.micrometer.core.instrument.Counter.builder(MetricNames.ARTIFACT_BYTES)
                .description("bytes moved to and from the artifact store").tag(MetricNames.TAG_DIRECTION, "read")
                .register(registry);
    }

    @Override
    public String bucket() {
        return config.bucket();
    }

    @Override
    public ArtifactRef put(String key, Path file, String contentType) throws IOException {
        ArtifactKeys.safeName(key);
        if (Files.size(file) <= SMALL_FILE) {
            return put(key, Files.readAllBytes(file), contentType);
        }
        String sha256 = Hashing.sha256Hex(file);
        long size = Files.size(file);
        call("put " + key, () -> {
            ensureBucket();
            return client.uploadObject(UploadObjectArgs.builder()
                    .bucket(config.bucket()).object(key).filename(file.toString(), PART_SIZE)
                    .contentType(contentType).userMetadata(Map.of(SHA256_METADATA, sha256)).build());
        });
        bytesWritten.increment(size);
        return new ArtifactRef(config.bucket(), key, size, sha256);
    }

    @Override
    public ArtifactRef put(String key, byte[] content, String contentType) throws IOException {
        ArtifactKeys.safeName(key);
        String sha256 = Hashing.sha256Hex(content);
        call("put " + key, () -> {
            ensureBucket();
            bytesClient.put(config.bucket(), config.region(), key, content, contentType,
                    Map.of(SHA256_METADATA, sha256));
            return null;
        });
        bytesWritten.increment(content.length);
        return new ArtifactRef(config.bucket(), key, content.length, sha256);
    }

    @Override
    public ArtifactRef put(String key, InputStream content, String contentType) throws IOException {
        Path spool = Files.createTempFile("maskflow-upload-", ".bin");
        try {
            Files.copy(content, spool, StandardCopyOption.REPLACE_EXISTING);
            return put(key, spool, contentType);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public InputStream open(ArtifactRef ref) throws IOException {
        InputStream raw = call(ref.bucket(), "get " + ref.key(), () -> client.getObject(GetObjectArgs.builder()
                .bucket(ref.bucket()).object(ref.key()).build()));
        bytesRead.increment(ref.size());
        return new VerifyingInputStream(raw, ref);
    }

    @Override
    public void download(ArtifactRef ref, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = open(ref); OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<ArtifactRef> stat(String key) throws IOException {
        ArtifactKeys.safeName(key);
        StatObjectResponse stat;
        try {
            stat = call("stat " + key, () -> client.statObject(StatObjectArgs.builder()
                    .bucket(config.bucket()).object(key).build()));
        } catch (ArtifactNotFoundException e) {
            return Optional.empty();
        }
        String sha256 = stat.userMetadata().get(SHA256_METADATA);
        if (sha256 == null) {
            throw new ArtifactCorruptedException("s3://" + config.bucket() + "/" + key
                    + " has no SHA-256 in its metadata: it was not written by Maskflow");
        }
        return Optional.of(new ArtifactRef(config.bucket(), key, stat.size(), sha256));
    }

    @Override
    public List<ArtifactRef> list(String prefix) throws IOException {
        List<String> keys = call("list " + prefix, () -> {
            ensureBucket();
            List<String> found = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(config.bucket()).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    found.add(item.objectName());
                }
            }
            return found;
        });
        List<ArtifactRef> refs = new ArrayList<>(keys.size());
        for (String key : keys.stream().sorted().toList()) {
            stat(key).ifPresent(refs::add);
        }
        return refs;
    }

    @Override
    public List<StoredObject> listObjects(String bucket, String prefix) throws IOException {
        return call("list s3://" + bucket + "/" + prefix, () -> {
            List<StoredObject> found = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    String etag = item.etag() == null ? "" : item.etag().replace("\"", "");
                    found.add(new StoredObject(bucket, item.objectName(), item.size(), etag));
                }
            }
            found.sort(java.util.Comparator.comparing(StoredObject::key));
            return found;
        });
    }

    @Override
    public InputStream openRange(String bucket, String key, long offset, long length, String sha256)
            throws IOException {
        String uri = "s3://" + bucket + "/" + key + " bytes " + offset + "+" + length;
        if (length == 0) {
            return new VerifyingInputStream(InputStream.nullInputStream(), uri, 0, sha256);
        }
        InputStream raw = call(bucket, "get " + key + " bytes " + offset + "+" + length, () -> client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build()));
        bytesRead.increment(length);
        return new VerifyingInputStream(raw, uri, length, sha256);
    }

    @Override
    public InputStream openUnhashed(String bucket, String key, long size) throws IOException {
        InputStream raw = call(bucket, "get " + key, () -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket).object(key).build()));
        bytesRead.increment(size);
        return new VerifyingInputStream(raw, "s3://" + bucket + "/" + key, size, null);
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        List<String> all = List.copyOf(keys);
        for (String key : all) {
            ArtifactKeys.safeName(key);
        }
        // one request per 1,000 keys (the S3 limit of a multi-object delete); missing keys are no error in S3
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<DeleteObject> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH)).stream()
                    .map(DeleteObject::new).toList();
            List<String> failed = call("delete " + batch.size() + " object(s)", () -> {
                List<String> errors = new ArrayList<>();
                for (Result<DeleteError> result : client.removeObjects(RemoveObjectsArgs.builder()
                        .bucket(config.bucket()).objects(batch).build())) {
                    DeleteError error = result.get();
                    if (!"NoSuchKey".equals(error.code())) {
                        errors.add(error.objectName() + ": " + error.code() + " " + error.message());
                    }
                }
                return errors;
            });
            if (!failed.isEmpty()) {
                throw new IOException("could not delete " + failed.size() + " object(s) at " + config.endpoint()
                        + ", e.g. " + failed.get(0));
            }
        }
    }

    @Override
    public boolean isReachable() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void ensureBucket() throws Exception {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (!bucketReady) {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket())
                                .region(config.region()).build());
                    } catch (ErrorResponseException e) {
                        if (!e.errorResponse().code().startsWith("BucketAlready")) {
                            throw e;
                        }
                    }
                }
                bucketReady = true;
            }
        }
    }

    /** Runs a MinIO call on this store's bucket with retries (see the other {@code call}). */
    private <T> T call(String what, Retry.Call<T> call) throws IOException {
        return call(config.bucket(), what, call);
    }

    /**
     * Runs a MinIO call with retries and turns its many checked exceptions into IOExceptions that say what.
     *
     * @param bucket the bucket the call reads, named when the object is not there
     * @param what the call's verb and the object's key, e.g. {@code get steps/x.json}
     */
    private <T> T call(String bucket, String what, Retry.Call<T> call) throws IOException {
        try {
            return retry.run(what, call);
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchObject".equals(code)) {
                throw new ArtifactNotFoundException("s3://" + bucket + "/" + what.substring(
                        what.indexOf(' ') + 1));
            }
            throw new IOException(what + " failed at " + config.endpoint() + ": " + code + " "
                    + e.errorResponse().message(), e);
        } catch (IOException e) {
            throw new IOException(what + " failed at " + config.endpoint() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        } catch (Exception e) {
            throw new IOException(what + " failed at " + config.endpoint() + ": " + e, e);
        }
    }

    /**
     * Whether a failed call is worth another try: throttling and server-side errors, a lost connection, an I/O
     * error. A 5xx answer that is not S3's XML counts too: S3Proxy's file system store answers a listing with an
     * HTML 500 page when it meets an object file another request is writing that moment.
     */
    static boolean isTransient(Exception e) {
        if (e instanceof ErrorResponseException response) {
            // S3's codes for a busy or failing server, and any other 5xx (MinIO's own, e.g. XMinioServerNotInitialized)
            return TRANSIENT_CODES.contains(response.errorResponse().code())
                    || response.response() != null && response.response().code() >= 500;
        }
        if (e instanceof InvalidResponseException) {
            // the client keeps the status only in its message: "Non-XML response from server. Response code: 500, …"
            return String.valueOf(e.getMessage()).contains("Response code: 5");
        }
        return e instanceof ServerException || e instanceof ConnectException
                || (e instanceof IOException && !(e instanceof ArtifactNotFoundException));
    }
}
