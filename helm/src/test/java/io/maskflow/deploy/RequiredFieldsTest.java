package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered manifests against the Kubernetes OpenAPI schemas with the npm package kubernetes-models
 * (helm/src/test/node, installed by scripts/install-test-tools.sh), which, unlike the fabric8 model, knows which
 * fields are required.
 */
class RequiredFieldsTest {

    private static final Path NODE = Manifests.ROOT.resolve("helm/src/test/node");

    static List<Map<String, Object>> variants() {
        return HelmChartTest.variants().stream().map(a -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) a.get()[1];
            return values;
        }).toList();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyRenderedDocumentHasItsRequiredFields(Map<String, Object> values) throws Exception {
        String report = validate(Manifests.template(values), 0);
        assertThat(report).contains("0 problem(s)");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cpu", "gpu"})
    void everyKustomizeOverlayHasItsRequiredFields(String overlay) throws Exception {
        assertThat(validate(KustomizeTest.kustomize(overlay), 0)).contains("0 problem(s)");
    }

    @Test
    void aDocumentMissingRequiredFieldsIsCaught() throws Exception {
        String report = validate("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n"
                + "  template:\n    spec:\n      containers:\n        - image: x\n", 1);
        assertThat(report).contains("required property selector", "required property name");
    }

    private static String validate(String yaml, int expectedExit) throws Exception {
        assertThat(Files.isDirectory(NODE.resolve("node_modules/kubernetes-models"))).as("kubernetes-models is "
                + "missing: run scripts/install-test-tools.sh (npm ci in helm/src/test/node)").isTrue();
        Process node = new ProcessBuilder("node", "validate.mjs").directory(NODE.toFile()).redirectErrorStream(true)
                .start();
        node.getOutputStream().write(yaml.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isEqualTo(expectedExit);
        return out;
    }
}
