package io.maskflow.sdk.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The artifact store a service uses; see {@code io.maskflow.sdk.store.StoreConfig}. */
@ConfigMapping(prefix = "maskflow.store")
public interface StoreSettings {

    /** S3 endpoint: MinIO, S3 or the local stack's S3 server. */
    @WithDefault("http://127.0.0.1:9000")
    String endpoint();

    /** Access key; in Kubernetes it comes from a Secret. */
    @WithDefault("maskflow")
    String accessKey();

    /** Secret key; in Kubernetes it comes from a Secret. */
    @WithDefault("maskflow-local")
    String secretKey();

    /** Bucket of all artifacts, created on first use. */
    @WithDefault("maskflow")
    String bucket();

    /** Region sent with requests. */
    @WithDefault("us-east-1")
    String region();

    /** Tries of one store operation before a transient error is given up on. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed try, doubled after each further one. */
    @WithDefault("200ms")
    Duration initialBackoff();
}
