package io.maskflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's README is generated from the {@code # --} comments of values.yaml; this test fails when it is
 * stale ({@code mvn -pl helm test -Dgolden.update=true} refreshes it) and when a value has no comment.
 */
class ChartReadmeTest {

    private static final Path VALUES = Manifests.CHART.resolve("values.yaml");
    private static final Path README = Manifests.CHART.resolve("README.md");

    @Test
    void theReadmeListsEveryValueWithItsComment() throws Exception {
        String generated = generate(Files.readAllLines(VALUES));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(README, generated);
        }
        assertThat(Files.readString(README)).as("helm/maskflow/README.md is stale: run mvn -pl helm test "
                + "-Dgolden.update=true").isEqualTo(generated);
    }

    @Test
    void everyLeafValueHasAComment() throws Exception {
        List<String> undocumented = new ArrayList<>();
        List<String> lines = Files.readAllLines(VALUES);
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        boolean commented = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# --")) {
                commented = true;
                continue;
            }
            if (!isKey(line)) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            String key = trimmed.substring(0, trimmed.indexOf(':'));
            boolean leaf = !trimmed.endsWith(":");
            if (leaf && !commented && !underCommentedMap(lines, line)) {
                undocumented.add(String.join(".", path) + (path.isEmpty() ? "" : ".") + key);
            }
            path.add(key);
            indents.add(indent);
            commented = false;
        }
        assertThat(undocumented).as("values without a '# --' comment").isEmpty();
    }

    /** Leaves inside a documented map (e.g. resources.requests.cpu) are covered by the map's comment. */
    private static boolean underCommentedMap(List<String> lines, String line) {
        int at = lines.indexOf(line);
        int indent = line.length() - line.stripLeading().length();
        for (int i = at - 1; i >= 0 && indent > 0; i--) {
            String l = lines.get(i);
            int li = l.length() - l.stripLeading().length();
            if (isKey(l) && li < indent) {
                if (i > 0 && lines.get(i - 1).strip().startsWith("# --")) {
                    return true;
                }
                indent = li;
            }
        }
        return false;
    }

    private static boolean isKey(String line) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith("#") && !t.startsWith("-") && t.matches("[A-Za-z0-9_.\"/-]+:.*");
    }

    /** A table of every commented key: its dotted name, its default and its comment. */
    static String generate(List<String> lines) throws Exception {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        out.append("# Maskflow Helm chart\n\n")
                .append("Installs Maskflow's six services, and optionally a Strimzi Kafka cluster and a MinIO server, ")
                .append("with GPU training nodes, an autoscaled inference Deployment and Prometheus monitoring. ")
                .append("Operations guide: `docs/operations.md`.\n\n")
                .append("This file is generated from the `# --` comments in `values.yaml` by `ChartReadmeTest` ")
                .append("(`mvn -pl helm test -Dgolden.update=true`).\n\n")
                .append("| Key | Default | Description |\n|---|---|---|\n");
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        String comment = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# --")) {
                comment = trimmed.substring(4).strip();
                continue;
            }
            if (!isKey(line)) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            path.add(trimmed.substring(0, trimmed.indexOf(':')));
            indents.add(indent);
            if (comment != null) {
                JsonNode node = values;
                for (String p : path) {
                    node = node.path(p);
                }
                String value = json.writeValueAsString(node).replace("|", "\\|");
                out.append("| `").append(String.join(".", path)).append("` | `").append(value).append("` | ")
                        .append(comment.replace("|", "\\|")).append(" |\n");
                comment = null;
            }
        }
        return out.toString();
    }
}
