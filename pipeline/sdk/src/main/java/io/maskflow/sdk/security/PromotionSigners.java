package io.maskflow.sdk.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The promotion signer of a service, from its {@link PromotionSettings}. */
@ApplicationScoped
public class PromotionSigners {

    @Produces
    @Singleton
    PromotionSigner signer(PromotionSettings settings) {
        return PromotionSigner.from(settings);
    }
}
