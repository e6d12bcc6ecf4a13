package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain manifests for users without Helm: k8s/base is rendered from the chart (this test fails when it is
 * stale), and every overlay, built by {@code kubectl kustomize}, passes the same schema check as the chart; the
 * gpu overlay puts the trainer where the chart's GPU install does.
 */
class KustomizeTest {

    private static final Path K8S = Manifests.ROOT.resolve("k8s");
    private static final String HEADER = "# Rendered from helm/maskflow with k8s/chart-values.yaml by KustomizeTest; "
            + "do not edit by hand.\n";

    @Test
    void theBaseIsTheChartRenderedWithItsValues() throws Exception {
        String rendered = HEADER + new Helm(Manifests.CHART).template().withName("maskflow")
                .withValuesFile(K8S.resolve("chart-values.yaml")).call();
        Path base = K8S.resolve("base/maskflow.yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(base, rendered);
        }
        assertThat(Files.readString(base)).as("k8s/base/maskflow.yaml is stale: run mvn -pl helm test "
                + "-Dgolden.update=true").isEqualTo(rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyOverlayBuildsIntoValidManifests(String overlay) throws Exception {
        List<HasMetadata> resources = Manifests.check(kustomize(overlay));
        assertThat(HelmChartTest.of(resources, io.fabric8.kubernetes.api.model.apps.Deployment.class))
                .extracting(d -> d.getMetadata().getName()).containsAll(HelmChartTest.SERVICES.stream()
                        .map(s -> "maskflow-" + s).toList()).contains("maskflow-minio");
    }

    @Test
    void theGpuOverlayPlacesTheTrainerAsTheChartDoes() throws Exception {
        List<HasMetadata> overlay = Manifests.check(kustomize("gpu"));
        List<HasMetadata> chart = Manifests.check(Manifests.template(Map.of()));
        PodSpec fromOverlay = HelmChartTest.deployment(overlay, "trainer").getSpec().getTemplate().getSpec();
        PodSpec fromChart = HelmChartTest.deployment(chart, "trainer").getSpec().getTemplate().getSpec();
        assertThat(fromOverlay.getNodeSelector()).isEqualTo(fromChart.getNodeSelector());
        assertThat(fromOverlay.getTolerations()).isEqualTo(fromChart.getTolerations());
        Container overlayTrainer = fromOverlay.getContainers().get(0);
        Container chartTrainer = fromChart.getContainers().get(0);
        assertThat(overlayTrainer.getResources().getLimits().get("nvidia.com/gpu"))
                .isEqualTo(chartTrainer.getResources().getLimits().get("nvidia.com/gpu"));
        assertThat(overlayTrainer.getImage()).isEqualTo(chartTrainer.getImage());
        PodSpec cpu = HelmChartTest.deployment(Manifests.check(kustomize("cpu")), "trainer").getSpec().getTemplate()
                .getSpec();
        assertThat(cpu.getNodeSelector()).isNullOrEmpty();
    }

    static String kustomize(String overlay) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString())
                .redirectErrorStream(false).start();
        String out = new String(kubectl.getInputStream().readAllBytes());
        String err = new String(kubectl.getErrorStream().readAllBytes());
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + overlay + ": " + err).isZero();
        return out;
    }
}
