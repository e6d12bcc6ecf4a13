package io.maskflow.orchestrator.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A small OpenID Connect provider for tests: discovery document and signing keys over HTTP on loopback, and RS256
 * tokens signed with its key (or with a key it does not publish, for forgeries). Started before the service, which
 * is configured to trust it.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    static final String AUDIENCE = "maskflow";
    private static final String KEY_ID = "test-key";

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/maskflow";
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                + "\",\"n\":\"" + b64.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        serve("/realms/maskflow/.well-known/openid-configuration", discovery);
        serve("/realms/maskflow/keys", jwks);
        server.start();
        return Map.of("maskflow.auth.enabled", "true",
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", "maskflow",
                "quarkus.oidc.token.audience", AUDIENCE,
                "quarkus.oidc.roles.role-claim-path", "maskflow_roles");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token from this provider for the audience, with these roles, valid for five minutes. */
    static String token(String subject, List<String> roles) {
        return token(subject, roles, AUDIENCE, Instant.now().plusSeconds(300), KEYS.getPrivate());
    }

    /** A token with these claims, signed with {@code key} (null: the key this provider publishes). */
    static String token(String subject, List<String> roles, String audience, Instant expires, PrivateKey key) {
        return Jwt.issuer(issuer).subject(subject).audience(audience).claim("maskflow_roles", roles)
                .issuedAt(Instant.now().minusSeconds(10)).expiresAt(expires).jws().keyId(KEY_ID)
                .sign(key == null ? KEYS.getPrivate() : key);
    }

    static PrivateKey otherKey() {
        return OTHER_KEYS.getPrivate();
    }

    private void serve(String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
