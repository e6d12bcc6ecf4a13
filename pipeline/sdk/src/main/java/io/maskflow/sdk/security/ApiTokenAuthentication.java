package io.maskflow.sdk.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Bearer-token authentication against the API tokens file ({@link AuthSettings#tokensFile()}). It runs before
 * OpenID Connect: a token found in the file is an identity with that entry's roles (and the roles they include);
 * any other bearer token is left to OpenID Connect when that is on, and refused when it is not.
 */
@ApplicationScoped
public class ApiTokenAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ApiTokenAuthentication.class);
    private static final String BEARER = "bearer ";
    private static final long RELOAD_CHECK_NANOS = 1_000_000_000L;

    private final AuthSettings settings;
    private final boolean oidcEnabled;
    private volatile ApiTokens tokens = ApiTokens.none();
    private volatile FileTime loadedVersion;
    private volatile long nextCheck;

    ApiTokenAuthentication(AuthSettings settings,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidcEnabled) {
        this.settings = settings;
        this.oidcEnabled = oidcEnabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.warn("HTTP authentication is OFF (maskflow.auth.enabled=false): every caller may do everything");
            return;
        }
        reloadIfChanged();
        LOG.infof("HTTP APIs need a bearer token: %d API tokens from %s%s", tokens.size(),
                settings.tokensFile().map(Path::toString).orElse("(no tokens file)"),
                oidcEnabled ? ", and OpenID Connect tokens" : "");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!settings.enabled()) {
            return Uni.createFrom().item(identity("anonymous (authentication off)", Roles.ADMIN));
        }
        java.util.List<String> headers = context.request().headers().getAll("Authorization");
        if (headers.size() > 1) {
            // which one was meant? the first and the last can name different callers
            return Uni.createFrom().failure(new AuthenticationFailedException("the request has " + headers.size()
                    + " Authorization headers; send one"));
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        if (header != null && header.length() > BEARER.length() - 1
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length() - 1)
                && !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && Character.isWhitespace(header.charAt(BEARER.length() - 1))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("write 'Bearer', one space, then the "
                    + "token (a tab or a line break was found after 'Bearer')"));
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        reloadIfChanged();
        Optional<ApiTokens.Holder> holder = tokens.find(header.substring(BEARER.length()).strip());
        if (holder.isPresent()) {
            return Uni.createFrom().item(identity(holder.get().name(), holder.get().roles().toArray(String[]::new)));
        }
        if (oidcEnabled) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unknown API token"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"maskflow\""));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    private static SecurityIdentity identity(String name, String... roles) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name));
        for (String role : roles) {
            builder.addRoles(Roles.implied(role));
        }
        return builder.build();
    }

    /** Reads the tokens file again when its modification time changed; checked at most once a second. */
    private void reloadIfChanged() {
        Optional<Path> file = settings.tokensFile();
        long now = System.nanoTime();
        if (file.isEmpty() || now - nextCheck < 0) {
            return;
        }
        nextCheck = now + RELOAD_CHECK_NANOS;
        try {
            FileTime version = Files.getLastModifiedTime(file.get());
            if (!version.equals(loadedVersion)) {
                tokens = ApiTokens.read(file.get());
                loadedVersion = version;
                LOG.infof("read %d API tokens from %s", tokens.size(), file.get());
            }
        } catch (IOException | IllegalArgumentException e) {
            // keep the tokens read last; a file being rewritten is read again on the next check
            LOG.warnf("cannot read the API tokens file %s (%s); keeping the %d tokens read before", file.get(),
                    e.getMessage(), tokens.size());
        }
    }
}
