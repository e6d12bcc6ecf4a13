package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart, rendered by real Helm in each of its main variants, and checked document by document. */
class HelmChartTest {

    static final List<String> SERVICES = List.of("orchestrator", "datagen", "preprocess", "trainer", "evaluator",
            "serving");

    static List<Arguments> variants() {
        return List.of(
                Arguments.of("default", Map.of()),
                Arguments.of("cpu-only", Map.of("gpu.enabled", false)),
                Arguments.of("external Kafka and S3", Map.of("kafka.bootstrapServers", "kafka.example:9093",
                        "kafka.strimzi.enabled", false, "kafka.existingSecret", "kafka-credentials",
                        "store.endpoint", "https://s3.example.com", "store.existingSecret", "s3-credentials",
                        "store.minio.enabled", false)),
                Arguments.of("fixed replicas", Map.of("serving.autoscaling.enabled", false, "serving.replicas", 3)),
                Arguments.of("operator monitoring, ingress, GPU serving", Map.of(
                        "monitoring.serviceMonitor.enabled", true, "monitoring.prometheusRule.enabled", true,
                        "orchestrator.ingress.enabled", true, "orchestrator.ingress.tlsSecret", "maskflow-tls",
                        "serving.gpu", true, "serving.autoscaling.inflightRequestsTarget", 20)));
    }

    @Test
    void lintsStrictlyClean() {
        LintResult result = new Helm(Manifests.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void rendersDocumentsThatFitTheKubernetesSchema(String variant, Map<String, Object> values) throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(values));
        List<Deployment> deployments = of(resources, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsAll(SERVICES.stream()
                .map(s -> "maskflow-" + s).toList());
        for (HasMetadata r : resources) {
            assertThat(r.getMetadata().getLabels()).as("labels of " + r.getKind() + " " + r.getMetadata().getName())
                    .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
                            "app.kubernetes.io/managed-by", "helm.sh/chart");
            assertThat(r.getMetadata().getNamespace()).as("no hard-coded namespace").isNull();
        }
        for (Deployment d : deployments) {
            var pod = d.getSpec().getTemplate();
            assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(d.getSpec().getSelector()
                    .getMatchLabels());
            Container c = pod.getSpec().getContainers().get(0);
            assertThat(c.getImage()).isNotBlank();
            if (!d.getMetadata().getName().endsWith("-minio")) {
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
                assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            }
            for (EnvVar env : c.getEnv()) {
                if (env.getName().matches(".*(SECRET|PASSWORD|ACCESS_KEY|USER).*")) {
                    assertThat(env.getValue()).as(env.getName() + " must come from a Secret").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
                }
            }
        }
    }

    @Test
    void trainingGoesToGpuNodesByDefaultAndToCpusWithOneValue() throws Exception {
        Container gpu = container(Manifests.check(Manifests.template(Map.of())), "trainer");
        Deployment gpuTrainer = deployment(Manifests.check(Manifests.template(Map.of())), "trainer");
        assertThat(gpu.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(gpu.getImage()).contains("maskflow-trainer-cuda");
        assertThat(gpuTrainer.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("nvidia.com/gpu.present", "true");
        assertThat(gpuTrainer.getSpec().getTemplate().getSpec().getTolerations()).extracting(Toleration::getKey)
                .contains("nvidia.com/gpu");
        assertThat(container(Manifests.check(Manifests.template(Map.of())), "serving").getResources().getLimits())
                .doesNotContainKey("nvidia.com/gpu");

        List<HasMetadata> cpu = Manifests.check(Manifests.template(Map.of("gpu.enabled", false)));
        assertThat(container(cpu, "trainer").getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(container(cpu, "trainer").getImage()).endsWith("/maskflow-trainer:0.1.0");
        assertThat(deployment(cpu, "trainer").getSpec().getTemplate().getSpec().getNodeSelector()).isNullOrEmpty();
    }

    @Test
    void servingScalesWithAnAutoscalerAndKeepsAPodDisruptionBudget() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of(
                "serving.autoscaling.inflightRequestsTarget", 20)));
        HorizontalPodAutoscaler hpa = of(resources, HorizontalPodAutoscaler.class).get(0);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("maskflow-serving");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
                .isEqualTo(70);
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getMetric().getName())
                .isEqualTo("http_server_active_requests");
        assertThat(deployment(resources, "serving").getSpec().getReplicas()).as("the autoscaler owns it").isNull();
        assertThat(resources).anyMatch(r -> r.getKind().equals("PodDisruptionBudget"));
    }

    @Test
    void externalKafkaAndStoreComeFromValuesAndSecrets() throws Exception {
        String yaml = Manifests.template(Map.of("kafka.bootstrapServers", "kafka.example:9093",
                "kafka.existingSecret", "kafka-credentials", "store.endpoint", "https://s3.example.com",
                "store.existingSecret", "s3-credentials", "promotion.keySecret", "promotion-key"));
        List<HasMetadata> resources = Manifests.check(yaml);
        assertThat(resources).noneMatch(r -> r.getKind().equals("Kafka") || r.getKind().equals("Secret")
                || r.getMetadata().getName().endsWith("-minio"));
        assertThat(yaml).contains("KAFKA_BOOTSTRAP_SERVERS: \"kafka.example:9093\"",
                "MASKFLOW_STORE_ENDPOINT: \"https://s3.example.com\"", "name: s3-credentials",
                "name: kafka-credentials");
    }

    @Test
    void theRetentionPolicyReachesTheOrchestratorAndKeepsEverythingByDefault() throws Exception {
        String defaults = Manifests.template(Map.of());
        assertThat(defaults).contains("MASKFLOW_RETENTION_ENABLED: \"true\"", "MASKFLOW_RETENTION_INTERVAL: \"1h\"")
                .doesNotContain("MASKFLOW_RETENTION_MAX_AGE", "MASKFLOW_RETENTION_KEEP_LAST",
                        "MASKFLOW_RETENTION_PIPELINES");
        String yaml = Manifests.template(Map.of("orchestrator.retention.maxAge", "30d",
                "orchestrator.retention.keepLast", 0, "orchestrator.retention.interval", "15m",
                "orchestrator.retention.pipelines.sweep.keepLast", 5,
                "orchestrator.retention.pipelines.train-and-serve.maxAge", "90d"));
        Manifests.check(yaml);
        assertThat(yaml).contains("MASKFLOW_RETENTION_MAX_AGE: \"30d\"", "MASKFLOW_RETENTION_KEEP_LAST: \"0\"",
                "MASKFLOW_RETENTION_INTERVAL: \"15m\"", "MASKFLOW_RETENTION_PIPELINES: "
                + "\"{\\\"sweep\\\":{\\\"keepLast\\\":5},\\\"train-and-serve\\\":{\\\"maxAge\\\":\\\"90d\\\"}}\"");
        assertThat(yaml.split("MASKFLOW_RETENTION_ENABLED", -1)).as("only the orchestrator gets it").hasSize(2);
    }

    @Test
    void alertRulesLoadInPromtool() throws Exception {
        String yaml = Manifests.template(Map.of("monitoring.prometheusRule.enabled", true));
        Map<String, Object> rule = Manifests.documents(yaml).stream().filter(d -> "PrometheusRule".equals(
                d.get("kind"))).findFirst().orElseThrow();
        Path file = Files.createTempFile("rules", ".yaml");
        Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).writeValueAsString(rule.get("spec")));
        Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true)
                .start();
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 4 rules found");
    }

    static <T> List<T> of(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Deployment deployment(List<HasMetadata> resources, String service) {
        return of(resources, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("maskflow-"
                + service)).findFirst().orElseThrow();
    }

    static Container container(List<HasMetadata> resources, String service) {
        return deployment(resources, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
