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
        checkBucket(bucket, "artifact bucket");
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("artifact key must not start with '/': " + shown(key));
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("artifact key is longer than a store's " + MAX_KEY_BYTES + " bytes: '"
                    + shown(key) + "'");
        }
        for (String part : key.split("/", -1)) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("artifact key must not have '.' or '..' parts: '" + shown(key)
                        + "'");
            }
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact size must not be negative: " + size);
        }
        Require.sha256(sha256, "artifact sha256");
    }

    /** The longest key an S3 store takes, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** What an S3 bucket's name is made of (its finer rules are the store's to check). */
    private static final java.util.regex.Pattern BUCKET = java.util.regex.Pattern.compile("[a-z0-9.-]{1,63}");

    /**
     * Refuses what no S3 store takes as a bucket's name (its finer rules are the store's to check); the store's own
     * configured bucket is checked with it at start-up, so that a bucket every reference would refuse is named then.
     */
    public static String checkBucket(String bucket, String what) {
        Require.nonBlank(bucket, what);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException(what + " '" + shown(bucket) + "' is no bucket name (1 to 63 "
                    + "lower-case letters, digits, '.' and '-')");
        }
        return bucket;
    }

    /** A value as a reason shows it: at most 200 characters. */
    private static String shown(String value) {
        return Texts.cut(value, 200);
    }

    /** {@code s3://bucket/key}, for logs and reports. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
