package io.maskflow.orchestrator.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator with authentication on and both kinds of token: API tokens from the tokens file (re-read when it
 * changes) and OpenID Connect tokens from a provider it trusts, with the roles from the provider's claim.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(value = TestIssuer.class, restrictToAnnotatedClass = true)
class AuthenticationIT {

    private static final String NOT_A_RUN_REQUEST = "{\"pipeline\":\"no-such-pipeline\"}";

    @Test
    void anOpenIdConnectTokenCarriesItsRoles() {
        String viewer = TestIssuer.token("vera", List.of("viewer"));
        String operator = TestIssuer.token("otto", List.of("operator"));
        given().auth().oauth2(viewer).get("/pipelines").then().statusCode(200);
        given().auth().oauth2(viewer).contentType("application/json").body(NOT_A_RUN_REQUEST).post("/runs").then()
                .statusCode(403).body("error", containsString("'vera'"), "error", containsString("operator"));
        // authorised: the request itself is then judged (an unknown pipeline is a 4xx, not a 401/403)
        given().auth().oauth2(operator).contentType("application/json").body(NOT_A_RUN_REQUEST).post("/runs")
                .then().statusCode(400);
        // admin includes operator
        given().auth().oauth2(TestIssuer.token("ada", List.of("admin"))).contentType("application/json")
                .body(NOT_A_RUN_REQUEST).post("/runs").then().statusCode(400);
    }

    @Test
    void aTokenForAnotherAudienceExpiredOrSignedByAnotherKeyIsRefused() {
        Instant later = Instant.now().plusSeconds(300);
        for (String token : List.of(
                TestIssuer.token("eve", List.of("admin"), "some-other-service", later, null),
                TestIssuer.token("eve", List.of("admin"), TestIssuer.AUDIENCE, Instant.now().minusSeconds(120), null),
                TestIssuer.token("eve", List.of("admin"), TestIssuer.AUDIENCE, later, TestIssuer.otherKey()),
                "not.a.jwt")) {
            given().auth().oauth2(token).get("/pipelines").then().statusCode(401);
        }
        given().get("/pipelines").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void apiTokensWorkBesideOpenIdConnectAndARevokedOneStopsWorking() throws Exception {
        String viewer = LocalStack.shared().tokens().token("viewer");
        given().auth().oauth2(viewer).get("/pipelines").then().statusCode(200);
        given().auth().oauth2(viewer).contentType("application/json").body(NOT_A_RUN_REQUEST).post("/runs").then()
                .statusCode(403);

        Path file = LocalStack.shared().tokens().tokensFile();
        String before = Files.readString(file, StandardCharsets.UTF_8);
        try {
            Files.writeString(file, before.lines().filter(line -> !line.startsWith("test-viewer:"))
                    .reduce("", (a, b) -> a + b + "\n"), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    given().auth().oauth2(viewer).get("/pipelines").statusCode() == 401);
        } finally {
            Files.writeString(file, before, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
        }
    }
}
