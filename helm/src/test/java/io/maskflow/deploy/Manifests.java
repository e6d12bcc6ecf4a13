package io.maskflow.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the chart with real Helm and checks every document offline against the Kubernetes model of fabric8:
 * known kinds only, every field known to the model (nothing left in {@code additionalProperties}), values of the
 * right types (Jackson refuses a string where a number belongs). Custom resources of operators the chart may
 * use (Strimzi, Prometheus Operator) are checked for their envelope only.
 */
final class Manifests {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/maskflow");
    static final Set<String> CUSTOM_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser",
            "ServiceMonitor", "PrometheusRule");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("run-local.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the Maskflow repository");
        }
        return dir;
    }

    /** {@code helm template maskflow helm/maskflow --set k=v ...}. */
    static String template(Map<String, Object> values) {
        TemplateCommand command = new Helm(CHART).template().withName("maskflow").withNamespace("ml");
        values.forEach(command::set);
        return command.call();
    }

    /** The documents of a multi-document YAML text, each as a map (empty documents skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String part : yaml.split("(?m)^---\\s*$")) {
            if (part.isBlank() || part.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            out.add(YAML.readValue(part, Map.class));
        }
        return out;
    }

    /** Checks every document; returns the typed resources (custom kinds as generic ones). */
    static List<HasMetadata> check(String yaml) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : documents(yaml)) {
            String kind = String.valueOf(doc.get("kind"));
            Object metadata = doc.get("metadata");
            String where = kind + " " + (metadata instanceof Map<?, ?> m ? m.get("name") : "?");
            if (doc.get("apiVersion") == null || !(metadata instanceof Map<?, ?> m2) || m2.get("name") == null) {
                problems.add(where + ": apiVersion, kind and metadata.name are required");
                continue;
            }
            String text = YAML.writeValueAsString(doc);
            HasMetadata resource;
            try {
                resource = Serialization.unmarshal(text);
            } catch (RuntimeException e) {
                problems.add(where + ": does not fit the Kubernetes model: " + e.getMessage());
                continue;
            }
            if (CUSTOM_KINDS.contains(kind)) {
                if (doc.get("spec") == null) {
                    problems.add(where + ": a custom resource without spec");
                }
            } else if (resource instanceof GenericKubernetesResource) {
                problems.add(where + ": unknown kind " + doc.get("apiVersion") + "/" + kind);
            } else {
                unknownFields(resource, where, problems);
            }
            resources.add(resource);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("rendered manifests fail the schema check:\n  " + String.join("\n  ", problems));
        }
        return resources;
    }

    /** Walks a fabric8 model object; any field the model does not know lands in additionalProperties. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                unknownFields(child, path + "." + field, problems);
            }
        }
    }
}
