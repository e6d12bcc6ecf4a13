package io.maskflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.system.Endpoints.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may call what, against the six packaged services with authentication on, as deployed: every endpoint the
 * services have (found from their classes, so a new one is checked without touching this test) answers 401 without
 * a token and with an unknown one, 403 to a token with too little role, and lets the right role through; health and
 * metrics stay open for Kubernetes and Prometheus.
 */
class SecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> ROLES = List.of("viewer", "operator", "admin");

    @RegisterExtension
    static final SystemServices.Shared SYSTEM = new SystemServices.Shared();

    private static LocalStack stack;
    private static Map<String, ServiceProcess> running;

    @BeforeAll
    static void findTheServices() {
        stack = SYSTEM.stack();
        running = SYSTEM.services();
    }

    @Test
    void everyEndpointRefusesACallerWithoutAValidToken() throws Exception {
        int checked = 0;
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.role() == null) {
                continue;
            }
            for (String token : new String[] {null, "mf_not-a-token-anyone-was-given"}) {
                HttpResponse<String> response = send(endpoint, token);
                assertThat(response.statusCode()).as(describe(endpoint, token == null ? "no token" : "unknown token",
                        response)).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(endpoint.where())
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(JSON.readTree(response.body()).path("error").asText()).as(endpoint.where())
                        .contains("token");
                checked++;
            }
        }
        System.out.printf("401 without or with an unknown token: %d requests%n", checked);
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void aTokenWithTooLittleRoleIsForbidden() throws Exception {
        int checked = 0;
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.role() == null) {
                continue;
            }
            for (String lower : ROLES.subList(0, ROLES.indexOf(endpoint.role()))) {
                HttpResponse<String> response = send(endpoint, stack.tokens().token(lower));
                assertThat(response.statusCode()).as(describe(endpoint, lower, response)).isEqualTo(403);
                assertThat(JSON.readTree(response.body()).path("error").asText()).as(endpoint.where())
                        .contains("needs the role " + endpoint.role());
                checked++;
            }
        }
        System.out.printf("403 with too little role: %d requests%n", checked);
        assertThat(checked).isGreaterThan(15);
    }

    /**
     * Two Authorization headers (the first was used, whichever came last) and a tab after "Bearer" (refused as if
     * no token had been sent) are 401s that say so, on every service.
     */
    @Test
    void anAmbiguousOrMisspacedAuthorizationIsRefusedWithTheReason() throws Exception {
        String admin = stack.tokens().token("admin");
        Map<String, String> readable = new TreeMap<>();
        for (Endpoint endpoint : Endpoints.all()) {
            if ("viewer".equals(endpoint.role()) && endpoint.verb().equals("GET")) {
                readable.putIfAbsent(endpoint.service(), endpoint.samplePath());
            }
        }
        assertThat(readable).hasSizeGreaterThanOrEqualTo(4);
        for (Map.Entry<String, String> service : readable.entrySet()) {
            URI url = URI.create(running.get(service.getKey()).url() + service.getValue());
            HttpResponse<String> two = HTTP.send(HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + admin).header("Authorization", "Bearer mf_someone-else")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(two.statusCode()).as(url + ": " + two.body()).isEqualTo(401);
            assertThat(JSON.readTree(two.body()).path("error").asText()).contains("2 Authorization headers");
            HttpResponse<String> tab = HTTP.send(HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer\t" + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tab.statusCode()).as(url + ": " + tab.body()).isEqualTo(401);
            assertThat(JSON.readTree(tab.body()).path("error").asText()).contains("one space, then the token");
        }
    }

    @Test
    void theRoleAnEndpointNamesAndEveryHigherOneGetThrough() throws Exception {
        Map<String, Integer> statuses = new TreeMap<>();
        for (Endpoint endpoint : Endpoints.all()) {
            if (endpoint.role() == null) {
                continue;
            }
            for (String role : ROLES.subList(ROLES.indexOf(endpoint.role()), ROLES.size())) {
                HttpResponse<String> response = send(endpoint, stack.tokens().token(role));
                // 503 is serving's "no model promoted yet"; a 500 would be a bug
                assertThat(response.statusCode()).as(describe(endpoint, role, response)).isNotIn(401, 403, 500);
                statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
            }
        }
        System.out.println("answers to the right role (sample bodies, so mostly 4xx for bad input): " + statuses);
    }

    @Test
    void anOperatorStartsAndCancelsARunThatAViewerCanRead() throws Exception {
        String operator = stack.tokens().token("operator");
        HttpResponse<String> started = send("orchestrator", "POST", "/runs", "application/json",
                "{\"pipeline\":\"train-and-serve\",\"parameters\":{\"persons\":20,\"epochs\":1}}", operator);
        assertThat(started.statusCode()).as(started.body()).isBetween(200, 299);
        String runId = JSON.readTree(started.body()).path("runId").asText();

        HttpResponse<String> read = send("orchestrator", "GET", "/runs/" + runId, null, null,
                stack.tokens().token("viewer"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(send("orchestrator", "DELETE", "/runs/" + runId, null, null, stack.tokens().token("viewer"))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> cancelled = send("orchestrator", "DELETE", "/runs/" + runId, null, null, operator);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isBetween(200, 299);
        JsonNode list = JSON.readTree(send("orchestrator", "GET", "/runs", null, null, stack.tokens().token("viewer"))
                .body());
        assertThat(list.path("runs").toString()).contains(runId);
    }

    @Test
    void healthAndMetricsStayOpenForKubernetesAndPrometheus() throws Exception {
        for (String service : running.keySet()) {
            for (String path : List.of("/q/health/live", "/q/metrics")) {
                assertThat(send(service, "GET", path, null, null, null).statusCode()).as(service + path)
                        .isEqualTo(200);
            }
        }
        assertThat(send("serving", "GET", "/v2/health/live", null, null, null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(Endpoint endpoint, String token) throws Exception {
        String type = endpoint.consumes();
        String body = null;
        if (type != null) {
            body = type.contains("json") ? "{}" : type.startsWith("multipart") ? "--x--\r\n" : "not an image";
            type = type.startsWith("multipart") ? type + "; boundary=x" : type;
        } else if (!endpoint.verb().equals("GET") && !endpoint.verb().equals("DELETE")) {
            body = "";
        }
        return send(endpoint.service(), endpoint.verb(), endpoint.samplePath(), type, body, token);
    }

    private static HttpResponse<String> send(String service, String verb, String path, String type, String body,
            String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.get(service).url() + path))
                .timeout(Duration.ofSeconds(60))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String describe(Endpoint endpoint, String who, HttpResponse<String> response) {
        return endpoint.service() + " " + endpoint.verb() + " " + endpoint.path() + " as " + who + " -> "
                + response.statusCode() + " " + response.body().lines().findFirst().orElse("");
    }
}
