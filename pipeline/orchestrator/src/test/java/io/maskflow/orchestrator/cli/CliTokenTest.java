package io.maskflow.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTokenTest {

    @Test
    void theEnvironmentWinsThenTheNamedFileThenTheProjectsTokenFile(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("token"), "\nmf_local\n");
        Path named = Files.writeString(dir.resolve("other"), "mf_named\n");

        assertThat(CliToken.resolve(Map.of("MASKFLOW_TOKEN", " mf_env "), local).token()).hasValue("mf_env");
        assertThat(CliToken.resolve(Map.of("MASKFLOW_TOKEN_FILE", named.toString()), local).token())
                .hasValue("mf_named");
        assertThat(CliToken.resolve(Map.of(), local).token()).hasValue("mf_local");
        assertThat(CliToken.resolve(Map.of(), dir.resolve("missing")).token()).isEmpty();
    }

    @Test
    void aRequestCarriesTheTokenOnlyWhenThereIsOne() {
        HttpRequest.Builder with = new CliToken(java.util.Optional.of("mf_x"), "test")
                .authorize(HttpRequest.newBuilder(URI.create("http://127.0.0.1/runs")));
        assertThat(with.build().headers().firstValue("Authorization")).hasValue("Bearer mf_x");
        HttpRequest.Builder without = CliToken.none().authorize(HttpRequest.newBuilder(URI.create("http://x/")));
        assertThat(without.build().headers().firstValue("Authorization")).isEmpty();
    }
}
