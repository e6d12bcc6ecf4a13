package io.maskflow.dev;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every Maskflow service answers, whatever it does: liveness and readiness (Kafka and the artifact store
 * reachable) and Prometheus metrics. A service's test extends this with {@code @QuarkusTest} and
 * {@code @QuarkusTestResource(LocalStackResource.class)}, so it runs against the real broker and S3 server.
 */
public abstract class ServiceContract {

    @Test
    void isLiveAndReadyWithTheRealBrokerAndStore() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'artifact-store' }.status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("maskflow_artifact_bytes_total{direction=\"written\""));
    }
}
