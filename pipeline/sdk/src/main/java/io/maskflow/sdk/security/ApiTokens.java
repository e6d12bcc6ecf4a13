package io.maskflow.sdk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API tokens a service accepts, read from a tokens file: one token per line,
 * {@code name:sha256-hex-of-the-token:role[,role...]}; blank lines and lines starting with {@code #} are skipped.
 * Only the hash is stored, so the file (a Kubernetes Secret, or {@code .maskflow/auth/tokens} locally) does not
 * hold the tokens themselves.
 */
public final class ApiTokens {

    /** A known token: who holds it and what it may do (the roles as written, not yet expanded). */
    public record Holder(String name, Set<String> roles) {
    }

    private record Entry(Holder holder, byte[] hash) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: every bearer token is refused. */
    public static ApiTokens none() {
        return new ApiTokens(List.of());
    }

    public static ApiTokens read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a tokens file's text.
     *
     * @throws IllegalArgumentException naming the line that is not {@code name:hash:roles}
     */
    public static ApiTokens parse(String text, String source) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank() || !parts[1].matches("[0-9a-fA-F]{64}")
                    || parts[2].isBlank()) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected name:sha256-hex:role[,role...]");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : parts[2].split(",")) {
                String r = role.strip();
                if (!Roles.ALL.contains(r)) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": unknown role '" + r
                            + "' (roles: " + String.join(", ", Roles.ALL) + ")");
                }
                roles.add(r);
            }
            entries.add(new Entry(new Holder(parts[0].strip(), Set.copyOf(roles)),
                    HexFormat.of().parseHex(parts[1].toLowerCase())));
        }
        return new ApiTokens(entries);
    }

    /**
     * The holder of a presented token. Every entry is compared in constant time, so the answer's timing does not
     * tell how much of a guess was right.
     */
    public Optional<Holder> find(String token) {
        byte[] hash = sha256(token);
        Holder found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
                found = entry.holder();
            }
        }
        Arrays.fill(hash, (byte) 0);
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    /** The line of a tokens file for a token (the hash is written, never the token). */
    public static String line(String name, String token, Set<String> roles) {
        return name + ":" + HexFormat.of().formatHex(sha256(token)) + ":" + String.join(",", roles);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
