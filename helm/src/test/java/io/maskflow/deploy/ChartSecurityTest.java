package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The chart's security settings, rendered by real Helm and checked against the Kubernetes model: Kafka users and
 * ACLs, NetworkPolicies, pod and container hardening, the authentication settings every service gets, and the
 * schema's refusal of an unsafe configuration.
 */
class ChartSecurityTest {

    /** Topics each service writes, as in dev's KafkaUsers (the local broker) and docs/security.md. */
    private static final Map<String, List<String>> WRITES = Map.of(
            "orchestrator", List.of("maskflow.runs.requested", "maskflow.runs.cancel", "maskflow.runs.events",
                    "maskflow.steps.datagen", "maskflow.steps.preprocess", "maskflow.steps.train",
                    "maskflow.steps.evaluate", "maskflow.deadletter"),
            "datagen", List.of("maskflow.steps.datagen", "maskflow.steps.events", "maskflow.deadletter"),
            "preprocess", List.of("maskflow.steps.preprocess", "maskflow.steps.events", "maskflow.deadletter"),
            "trainer", List.of("maskflow.steps.events", "maskflow.deadletter"),
            "evaluator", List.of("maskflow.steps.evaluate", "maskflow.steps.events", "maskflow.models.promoted",
                    "maskflow.deadletter"),
            "serving", List.of("maskflow.deadletter"));

    @Test
    void eachServiceHasItsOwnKafkaUserAllowedOnlyItsOwnTopics() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of()));
        Map<String, GenericKubernetesResource> users = HelmChartTest.of(resources, GenericKubernetesResource.class)
                .stream().filter(r -> r.getKind().equals("KafkaUser"))
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
        assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(Stream.concat(HelmChartTest.SERVICES
                .stream(), Stream.of("submitter")).map(s -> "maskflow-" + s).toList());
        assertThat(acls(users.get("maskflow-submitter"))).singleElement().satisfies(a -> {
            assertThat(resource(a)).containsEntry("name", "maskflow.runs.requested");
            assertThat(a.get("operations").toString()).contains("Write");
        });
        for (String service : HelmChartTest.SERVICES) {
            GenericKubernetesResource user = users.get("maskflow-" + service);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "maskflow-kafka");
            assertThat((String) user.get("spec", "authentication", "type")).isEqualTo("scram-sha-512");
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
            List<String> written = acls.stream().filter(a -> ((List<?>) a.get("operations")).contains("Write"))
                    .map(a -> (String) resource(a).get("name")).toList();
            assertThat(written).as(service + " writes").containsExactlyInAnyOrderElementsOf(WRITES.get(service));
            assertThat(acls).as(service + ": literal names, no wildcard").allSatisfy(a -> {
                assertThat((String) resource(a).get("name")).doesNotContain("*");
                assertThat(List.of("literal", "prefix")).contains((String) resource(a).get("patternType"));
            });
            // the service logs in with its user's JAAS line from the Secret Strimzi writes
            Container c = HelmChartTest.container(resources, service);
            EnvVar jaas = env(c, "KAFKA_SASL_JAAS_CONFIG").orElseThrow();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo("maskflow-" + service);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
        }
        assertThat(acls(users.get("maskflow-evaluator"))).anySatisfy(a -> {
            assertThat(resource(a)).containsEntry("name", "maskflow.models.promoted");
            assertThat(a.get("operations").toString()).contains("Write");
        });
        GenericKubernetesResource kafka = HelmChartTest.of(resources, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("Kafka")).findFirst().orElseThrow();
        assertThat((String) kafka.get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).allSatisfy(l -> assertThat(l).containsKey("authentication"));
        assertThat((Map<String, Object>) kafka.get("spec", "entityOperator")).containsKey("userOperator");
        assertThat(Manifests.template(Map.of())).contains("KAFKA_SECURITY_PROTOCOL: SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM: SCRAM-SHA-512");
    }

    @Test
    void anExternalKafkaTakesPerServiceCredentialsFromSecrets() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of("kafka.bootstrapServers",
                "kafka.example:9093", "kafka.strimzi.enabled", false, "kafka.existingSecret", "kafka-shared",
                "kafka.userSecrets.serving", "kafka-serving")));
        assertThat(resources).noneMatch(r -> r.getKind().startsWith("Kafka"));
        Container serving = HelmChartTest.container(resources, "serving");
        assertThat(env(serving, "KAFKA_SASL_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("kafka-serving");
        assertThat(env(HelmChartTest.container(resources, "trainer"), "KAFKA_SASL_PASSWORD").orElseThrow()
                .getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-shared");
    }

    @Test
    void networkPoliciesLetOnlyTheIngressReachTheApisAndServicesReachOnlyKafkaAndTheStore() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of()));
        Map<String, NetworkPolicy> policies = HelmChartTest.of(resources, NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        assertThat(policies).containsKeys("maskflow-minio");
        for (String service : HelmChartTest.SERVICES) {
            NetworkPolicy policy = policies.get("maskflow-" + service);
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", service);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            List<Map<String, String>> from = policy.getSpec().getIngress().stream()
                    .map(NetworkPolicyIngressRule::getFrom).flatMap(List::stream)
                    .map(peer -> peer.getNamespaceSelector().getMatchLabels()).toList();
            boolean exposed = service.equals("orchestrator") || service.equals("serving");
            assertThat(from).as(service + " is reached from").containsExactlyInAnyOrderElementsOf(exposed
                    ? List.of(Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                            Map.of("kubernetes.io/metadata.name", "monitoring"))
                    : List.of(Map.of("kubernetes.io/metadata.name", "monitoring")));
            List<Integer> egressPorts = policy.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream())
                    .map(p -> p.getPort().getIntVal()).distinct().toList();
            assertThat(egressPorts).as(service + " connects to DNS, Kafka and MinIO only")
                    .containsExactlyInAnyOrder(53, 9092, 9000);
        }
        NetworkPolicy minio = policies.get("maskflow-minio");
        assertThat(minio.getSpec().getEgress()).isEmpty();
        assertThat(minio.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions())
                .anySatisfy(e -> assertThat(e.getValues()).containsExactlyInAnyOrderElementsOf(Stream.concat(
                        HelmChartTest.SERVICES.stream(), Stream.of("minio-setup")).toList()));

        assertThat(HelmChartTest.of(Manifests.check(Manifests.template(Map.of("networkPolicy.enabled", false))),
                NetworkPolicy.class)).isEmpty();
    }

    @Test
    void eachServiceUsesItsOwnStoreKeyWhosePolicyCoversOnlyItsPrefixes() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of("store.serviceSecrets.serving",
                "s3-serving")));
        for (String service : HelmChartTest.SERVICES) {
            EnvVar key = env(HelmChartTest.container(resources, service), "MASKFLOW_STORE_ACCESS_KEY").orElseThrow();
            assertThat(key.getValueFrom().getSecretKeyRef().getName()).as(service)
                    .isEqualTo(service.equals("serving") ? "s3-serving" : "maskflow-store-" + service);
        }
        ConfigMap policies = HelmChartTest.of(resources, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("maskflow-minio-setup")).findFirst().orElseThrow();
        JsonNode serving = new ObjectMapper().readTree(policies.getData().get("serving.json"));
        assertThat(serving.toString()).doesNotContain("s3:PutObject", "s3:DeleteObject")
                .contains("arn:aws:s3:::maskflow/models/*");
        JsonNode trainer = new ObjectMapper().readTree(policies.getData().get("trainer.json"));
        JsonNode writes = StreamSupport.stream(trainer.get("Statement").spliterator(), false)
                .filter(st -> st.get("Action").toString().contains("s3:PutObject")).findFirst().orElseThrow()
                .get("Resource");
        // of the runs' records, only its attempts' logs
        assertThat(writes.toString()).contains("maskflow/steps/train/*", "maskflow/runs/*/logs/*")
                .doesNotContain("models/", "steps/evaluate/", "maskflow/runs/*\"", "state.json");
        Job setup = HelmChartTest.of(resources, Job.class).get(0);
        assertThat(setup.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                .getReadOnlyRootFilesystem()).isTrue();

        List<HasMetadata> shared = Manifests.check(Manifests.template(Map.of("store.minio.serviceKeys", false)));
        assertThat(env(HelmChartTest.container(shared, "trainer"), "MASKFLOW_STORE_ACCESS_KEY").orElseThrow()
                .getValueFrom().getSecretKeyRef().getName()).isEqualTo("maskflow-store");
        assertThat(HelmChartTest.of(shared, Job.class)).isEmpty();
    }

    @Test
    void everyPodRunsAsNonRootOnAReadOnlyFileSystemWithoutCapabilities() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of()));
        List<Deployment> deployments = HelmChartTest.of(resources, Deployment.class);
        assertThat(deployments).hasSize(HelmChartTest.SERVICES.size() + 1);
        for (Deployment d : deployments) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = d.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(c.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(c.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
                assertThat(c.getVolumeMounts()).as(name + " writes to /tmp only").anyMatch(m -> m.getMountPath()
                        .equals("/tmp"));
            }
        }
    }

    @Test
    void everyServiceGetsTheAuthenticationSettingsAndOnlyEvaluatorAndServingThePromotionKey() throws Exception {
        List<HasMetadata> resources = Manifests.check(Manifests.template(Map.of("auth.tokensSecret", "api-tokens",
                "auth.oidc.enabled", true, "auth.oidc.issuer", "https://id.example.com/realms/ml",
                "auth.oidc.clientId", "maskflow", "auth.oidc.audience", "maskflow-api")));
        for (String service : HelmChartTest.SERVICES) {
            Container c = HelmChartTest.container(resources, service);
            assertThat(value(c, "MASKFLOW_AUTH_ENABLED")).as(service).isEqualTo("true");
            assertThat(value(c, "MASKFLOW_AUTH_TOKENS_FILE")).isEqualTo("/etc/maskflow/auth/tokens");
            assertThat(value(c, "QUARKUS_OIDC_TENANT_ENABLED")).isEqualTo("true");
            assertThat(value(c, "QUARKUS_OIDC_AUTH_SERVER_URL")).isEqualTo("https://id.example.com/realms/ml");
            assertThat(value(c, "QUARKUS_OIDC_CLIENT_ID")).isEqualTo("maskflow");
            assertThat(value(c, "QUARKUS_OIDC_TOKEN_AUDIENCE")).isEqualTo("maskflow-api");
            assertThat(value(c, "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH")).isEqualTo("groups");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/etc/maskflow/auth");
                assertThat(m.getReadOnly()).isTrue();
            });
            Optional<EnvVar> key = env(c, "MASKFLOW_PROMOTION_KEY");
            if (service.equals("evaluator") || service.equals("serving")) {
                assertThat(key.orElseThrow().getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("maskflow-promotion");
            } else {
                assertThat(key).as(service + " has no business with the promotion key").isEmpty();
            }
            // probes stay on the open health paths
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).startsWith("/q/health");
        }
        assertThat(HelmChartTest.deployment(resources, "serving").getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("api-tokens"));
    }

    @Test
    void theSchemaRefusesAuthenticationOffUnlessInsecureIsSet() throws Exception {
        assertThatThrownBy(() -> Manifests.template(Map.of("auth.enabled", false)))
                .hasMessageContaining("auth");
        List<HasMetadata> insecure = Manifests.check(Manifests.template(Map.of("auth.enabled", false,
                "insecure", true)));
        assertThat(value(HelmChartTest.container(insecure, "orchestrator"), "MASKFLOW_AUTH_ENABLED"))
                .isEqualTo("false");
        assertThatThrownBy(() -> Manifests.template(Map.of("securityContext.readOnlyRootFilesystem", false)))
                .hasMessageContaining("readOnlyRootFilesystem");
        assertThatThrownBy(() -> Manifests.template(Map.of("auth.oidc.enabled", true)))
                .as("OIDC without an issuer").hasMessageContaining("issuer");
    }

    @Test
    void theIngressServesTlsFromCertManagerOrAGivenSecretAndPlainHttpOnlyWhenInsecure() throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("orchestrator.ingress.enabled", true,
                "orchestrator.ingress.certManagerIssuer", "letsencrypt"));
        Ingress ingress = HelmChartTest.of(Manifests.check(Manifests.template(values)), Ingress.class).get(0);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer",
                "letsencrypt");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("maskflow-orchestrator-tls");

        assertThatThrownBy(() -> Manifests.template(Map.of("orchestrator.ingress.enabled", true)))
                .hasMessageContaining("needs TLS");
        Ingress plain = HelmChartTest.of(Manifests.check(Manifests.template(Map.of("orchestrator.ingress.enabled",
                true, "insecure", true))), Ingress.class).get(0);
        assertThat(plain.getSpec().getTls()).isNullOrEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(Map<String, Object> acl) {
        return (Map<String, Object>) acl.get("resource");
    }

    private static List<Map<String, Object>> acls(GenericKubernetesResource user) {
        return user.get("spec", "authorization", "acls");
    }

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static String value(Container c, String name) {
        return env(c, name).orElseThrow(() -> new AssertionError(name + " is not set")).getValue();
    }
}
