package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The podman settings the containerised system test (scripts/container-test.sh) reads from the rendered chart,
 * and the image build's view of the services checked against the chart's.
 */
class ContainerSpecsTest {

    @Test
    void everyServiceRunsAsTheChartSaysWithAReadOnlyRootAndNoCapabilities() throws Exception {
        List<ContainerSpecs.Spec> specs = ContainerSpecs.specs(Manifests.check(Manifests.template(
                ContainerSpecs.VALUES)));
        assertThat(specs).extracting(ContainerSpecs.Spec::name).containsExactlyInAnyOrderElementsOf(
                HelmChartTest.SERVICES.stream().map(s -> "maskflow-" + s).toList());
        for (ContainerSpecs.Spec spec : specs) {
            String port = spec.env().get("QUARKUS_HTTP_PORT");
            assertThat(spec.args()).as(spec.name()).contains("--read-only", "--read-only-tmpfs=false",
                    "--cap-drop=ALL", "--security-opt=no-new-privileges", "--user=10001",
                    "--publish=127.0.0.1::" + port,
                    "--mount=type=volume,source=" + spec.name() + "-tmp,destination=/tmp")
                    .anyMatch(a -> a.matches("--memory=\\d+m"));
            assertThat(spec.image()).as(spec.name()).isEqualTo("localhost/maskflow/" + spec.name() + ":0.1.0");
            assertThat(spec.env()).as(spec.name()).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MASKFLOW_STORE_ENDPOINT",
                    "MASKFLOW_STORE_BUCKET", "MASKFLOW_STORE_ACCESS_KEY", "MASKFLOW_STORE_SECRET_KEY",
                    "JAVA_TOOL_OPTIONS");
            // a JVM out of heap can go on answering its health checks while every task fails (the orchestrator did,
            // 2026-12-06): it exits instead, and the platform starts it again; a step service reports the step
            // failed (out-of-memory, not retried) instead, which an exit would turn into a crash loop
            boolean exits = spec.name().endsWith("orchestrator") || spec.name().endsWith("serving");
            assertThat(spec.env().get("JAVA_TOOL_OPTIONS").contains("-XX:+ExitOnOutOfMemoryError")).as(spec.name())
                    .isEqualTo(exits);
            assertThat(spec.probes()).as(spec.name()).containsExactly("startup /q/health/started " + port,
                    "liveness /q/health/live " + port, "readiness /q/health/ready " + port);
        }
    }

    @Test
    void aSecuritySettingItCannotCarryOverFailsInsteadOfBeingDropped() {
        assertThatThrownBy(() -> ContainerSpecs.security("x", null, new SecurityContextBuilder()
                .withPrivileged(true).build())).hasMessageContaining("privileged");
        assertThatThrownBy(() -> ContainerSpecs.security("x", new PodSecurityContextBuilder()
                .withNewSeccompProfile().withType("Localhost").withLocalhostProfile("p.json").endSeccompProfile()
                .build(), null)).hasMessageContaining("seccomp");
    }

    /** scripts/build-images.sh builds each image with the port the chart gives its container. */
    @Test
    void theImageBuildUsesTheChartsPorts() throws Exception {
        String script = Files.readString(Manifests.ROOT.resolve("scripts/build-images.sh"));
        Map<String, String> built = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^(\\w+) (\\S+) (\\d+)$").matcher(script);
        while (line.find()) {
            built.put(line.group(1), line.group(3));
        }
        Map<String, String> chart = new LinkedHashMap<>();
        for (ContainerSpecs.Spec spec : ContainerSpecs.specs(Manifests.check(Manifests.template(
                ContainerSpecs.VALUES)))) {
            chart.put(spec.name().substring("maskflow-".length()), spec.env().get("QUARKUS_HTTP_PORT"));
        }
        assertThat(built).isEqualTo(chart);
    }
}
