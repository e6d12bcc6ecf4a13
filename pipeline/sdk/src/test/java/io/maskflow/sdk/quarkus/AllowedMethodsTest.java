package io.maskflow.sdk.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The methods a path takes, read from resource classes laid out as the orchestrator's runs and their logs. */
class AllowedMethodsTest {

    @Path("/runs")
    public static class Runs {
        @POST
        @Consumes("application/json")
        public void start() {
        }

        @GET
        public void list() {
        }

        @GET
        @Path("/{runId}")
        public void get() {
        }

        @DELETE
        @Path("/{runId}")
        public void cancel() {
        }

        @GET
        @Path("/{runId}/artifacts/{stepId}/{output}")
        public void artifact() {
        }
    }

    @Path("/runs/{runId}/logs")
    public static class Logs {
        @GET
        public void all() {
        }

        @GET
        @Path("{stepId: [a-z]+}")
        public void step() {
        }
    }

    /** Not a resource: no class-level path. */
    public static class Helper {
        @GET
        public void ignored() {
        }
    }

    private final AllowedMethods allowed = AllowedMethods.of(List.of(Runs.class, Logs.class, Helper.class));

    @Test
    void aPathTakesTheMethodsOfEveryEndpointAtIt() {
        assertThat(allowed.at("/runs")).containsExactly("GET", "HEAD", "POST");
        assertThat(allowed.at("/runs/abc")).containsExactly("DELETE", "GET", "HEAD");
        assertThat(allowed.at("/runs/abc/")).containsExactly("DELETE", "GET", "HEAD");
        assertThat(allowed.at("runs/abc/logs")).containsExactly("GET", "HEAD");
        assertThat(allowed.at("/runs/abc/artifacts/train/model")).containsExactly("GET", "HEAD");
    }

    @Test
    void aParameterIsOneSegmentOrWhatItsOwnPatternTakes() {
        assertThat(allowed.at("/runs/abc/logs/train")).containsExactly("GET", "HEAD");
        assertThat(allowed.at("/runs/abc/logs/Train1")).isEmpty();
        assertThat(allowed.at("/runs/a/b")).isEmpty();
        assertThat(allowed.at("/nothing")).isEmpty();
        assertThat(allowed.at("/runs.json")).isEmpty();
    }

    @Test
    void aMethodsBodyTakesTheTypesItsEndpointNames() {
        assertThat(allowed.consumes("POST", "/runs")).containsExactly("application/json");
        assertThat(allowed.consumes("GET", "/runs")).isEmpty();
        assertThat(allowed.consumes("POST", "/nothing")).isEmpty();
    }
}
