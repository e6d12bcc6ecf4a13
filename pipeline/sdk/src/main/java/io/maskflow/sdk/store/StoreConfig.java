package io.maskflow.sdk.store;

import io.maskflow.contracts.Require;
import java.time.Duration;

/**
 * How to reach the S3 store (MinIO in production, S3Proxy locally).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}
 * @param accessKey the access key
 * @param secretKey the secret key
 * @param bucket the bucket all artifacts go to; created on first use
 * @param region the region sent with requests
 * @param maxAttempts tries of one operation before a transient error is given up on
 * @param initialBackoff wait after the first failure; doubled after each further one
 */
public record StoreConfig(String endpoint, String accessKey, String secretKey, String bucket, String region,
        int maxAttempts, Duration initialBackoff) {

    public StoreConfig {
        Require.nonBlank(endpoint, "store endpoint");
        Require.nonBlank(accessKey, "store access key");
        Require.nonBlank(secretKey, "store secret key");
        io.maskflow.contracts.ArtifactRef.checkBucket(bucket, "store bucket");
        Require.nonBlank(region, "store region");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("store maxAttempts must be 1 or more");
        }
        Require.present(initialBackoff, "store initialBackoff");
    }

    @Override
    public String toString() {
        return "StoreConfig[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
