package io.maskflow.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets of a local stack: the API tokens file the services read ({@code name:sha256-hex:role} per line, the
 * format of the SDK's {@code ApiTokens}), the tokens themselves for whoever calls the services, and the key that
 * signs model promotions.
 *
 * @param tokensFile the file given to every service as {@code maskflow.auth.tokens-file}
 * @param tokens each role's token ({@code admin}, and for tests also {@code operator} and {@code viewer})
 * @param promotionKeyFile the file given to the evaluator and serving as {@code maskflow.promotion.key-file}
 */
public record LocalSecrets(Path tokensFile, Map<String, String> tokens, Path promotionKeyFile) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The local run: the admin token in {@code <state>/token} and the promotion key in
     * {@code <state>/auth/promotion-key}, made on the first start and kept after.
     */
    public static LocalSecrets localRun(Path stateDir) {
        Path tokenFile = stateDir.resolve("token");
        Path tokensFile = stateDir.resolve("auth/tokens");
        Path keyFile = stateDir.resolve("auth/promotion-key");
        try {
            if (!Files.isRegularFile(keyFile)) {
                writePrivate(keyFile, newToken() + "\n");
            }
            String admin = Files.isRegularFile(tokenFile) ? Files.readString(tokenFile).strip() : "";
            if (admin.isEmpty() || !Files.isRegularFile(tokensFile)) {
                admin = newToken();
                writePrivate(tokenFile, admin + "\n");
                writePrivate(tokensFile, "# API tokens of the local run, made by the local stack (docs/security.md)\n"
                        + line("local-admin", admin, "admin"));
            }
            return new LocalSecrets(tokensFile, Map.of("admin", admin), keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local API token under " + stateDir, e);
        }
    }

    /** A test stack: one fresh token per role and a fresh promotion key. */
    public static LocalSecrets forTests(Path dir) {
        Map<String, String> tokens = new LinkedHashMap<>();
        StringBuilder file = new StringBuilder();
        for (String role : new String[] {"admin", "operator", "viewer"}) {
            String token = newToken();
            tokens.put(role, token);
            file.append(line("test-" + role, token, role));
        }
        Path tokensFile = dir.resolve("auth/tokens");
        Path keyFile = dir.resolve("auth/promotion-key");
        try {
            writePrivate(tokensFile, file.toString());
            writePrivate(keyFile, newToken() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalSecrets(tokensFile, Map.copyOf(tokens), keyFile);
    }

    public String token(String role) {
        String token = tokens.get(role);
        if (token == null) {
            throw new IllegalArgumentException("no token for role " + role + " (have " + tokens.keySet() + ")");
        }
        return token;
    }

    /** The promotion key itself, for tests that sign promotions as the evaluator does. */
    public String promotionKey() {
        try {
            return Files.readString(promotionKeyFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new random token: 32 bytes from a secure random source, URL-safe text with a recognisable prefix. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "mf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One line of a tokens file: the token's SHA-256, never the token. */
    public static String line(String name, String token, String roles) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return name + ":" + HexFormat.of().formatHex(hash) + ":" + roles + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file only its owner may read (on file systems that have POSIX permissions). */
    private static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
