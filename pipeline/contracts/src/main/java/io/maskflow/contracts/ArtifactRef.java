package io.maskflow.contracts;

/**
 * Where an artifact lives in the object store and what it is: events carry these, never the bytes.
 *
 * @param bucket the bucket
 * @param key the object key inside the bucket
 * @param size the size in bytes
 * @param sha256 the lower-case hex SHA-256 of the content
 */
public record ArtifactRef(String bucket, String key, long size, String sha256) {

    public ArtifactRef {
        Require.nonBlank(bucket, "artifact bucket");
        Require.nonBlank(key, "artifact key");
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("artifact key must not start with '/': " + key);
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact size must not be negative: " + size);
        }
        Require.sha256(sha256, "artifact sha256");
    }

    /** {@code s3://bucket/key}, for logs and reports. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
