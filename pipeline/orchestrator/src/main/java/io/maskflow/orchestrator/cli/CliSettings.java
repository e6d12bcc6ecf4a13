package io.maskflow.orchestrator.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/** The command line's settings from its environment: the services' addresses and the other variables. */
final class CliSettings {

    /** The orchestrator of the local stack, when {@code MASKFLOW_URL} is not set. */
    static final String ORCHESTRATOR = "http://127.0.0.1:8080";
    /** Serving of the local stack, when {@code MASKFLOW_SERVING_URL} is not set. */
    static final String SERVING = "http://127.0.0.1:8085";

    private CliSettings() {
    }

    /**
     * An environment variable's value, or the fallback when it is unset or empty: {@code MASKFLOW_URL= ./maskflow runs}
     * (a variable emptied rather than unset) means the default, as it does for most command-line tools.
     */
    static String setting(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Why {@code url}, the value of {@code variable}, cannot be asked: not an http(s) URL with a host. */
    static Optional<String> urlProblem(String variable, String url, String example) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // said below
        }
        return Optional.of(variable + " '" + url + "' is not an http(s) URL (like " + example + ")");
    }
}
