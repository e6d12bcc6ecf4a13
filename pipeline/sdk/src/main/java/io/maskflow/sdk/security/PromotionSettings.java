package io.maskflow.sdk.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The key that signs model promotions (the evaluator) and checks them (serving). */
@ConfigMapping(prefix = "maskflow.promotion")
public interface PromotionSettings {

    /** The shared secret itself ({@code MASKFLOW_PROMOTION_KEY}, from a Secret in the chart). */
    Optional<String> key();

    /** Or a file holding it (the local stack writes {@code .maskflow/auth/promotion-key}). */
    Optional<Path> keyFile();

    /**
     * Serving loads only promotions with a valid signature. On by default; off only where nobody else can write
     * to the promotion topic or the store (the single-service tests).
     */
    @WithDefault("true")
    boolean requireSignature();
}
