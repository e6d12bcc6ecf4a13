package io.maskflow.orchestrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The API token the command line sends: {@code MASKFLOW_TOKEN} if set, else the first line of the token file
 * ({@code MASKFLOW_TOKEN_FILE}, else {@code .maskflow/token} of the project, which the local stack writes on its
 * first start). Without one, requests go out without a token and the services answer 401 saying so.
 */
record CliToken(Optional<String> token, String source) {

    static CliToken none() {
        return new CliToken(Optional.empty(), "no token");
    }

    static CliToken resolve(Map<String, String> env, Path defaultFile) {
        String fromEnv = env.get("MASKFLOW_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new CliToken(Optional.of(fromEnv.strip()), "MASKFLOW_TOKEN");
        }
        Path file = env.containsKey("MASKFLOW_TOKEN_FILE") ? Path.of(env.get("MASKFLOW_TOKEN_FILE")) : defaultFile;
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                    .map(t -> new CliToken(Optional.of(t), file.toString())).orElse(none());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token file " + file, e);
        }
    }

    /**
     * Why the token cannot go in a header (a line break, a character that is not ASCII), naming where it came from
     * and where the character is, never the token itself; empty when it can.
     */
    Optional<String> problem() {
        String value = token.orElse("");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                String what = c == '\n' || c == '\r' ? "a line break" : c > 0x7f ? "a character that is not ASCII"
                        : "a control character";
                return Optional.of((source.equals("MASKFLOW_TOKEN") ? source : "the token file " + source)
                        + " holds a character a header cannot carry (" + what + ", character " + (i + 1) + " of "
                        + value.length() + ")");
            }
        }
        return Optional.empty();
    }

    /** Adds the {@code Authorization} header when there is a token. */
    HttpRequest.Builder authorize(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
