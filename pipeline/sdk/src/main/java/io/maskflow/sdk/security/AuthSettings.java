package io.maskflow.sdk.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Who may call a service's HTTP API. */
@ConfigMapping(prefix = "maskflow.auth")
public interface AuthSettings {

    /**
     * On by default. Off only for a machine nobody else reaches (and the unit tests): every caller then has every
     * role, and each service says so in its log at start.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The API tokens file ({@code name:sha256:roles} per line; see {@link ApiTokens}); read again when it changes,
     * so a token is added or revoked without a restart. Without it, only OpenID Connect tokens are accepted (when
     * {@code quarkus.oidc.tenant-enabled} is on) and every other request is refused.
     */
    Optional<Path> tokensFile();
}
