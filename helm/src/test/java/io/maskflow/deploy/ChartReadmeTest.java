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

    /** One key of values.yaml: its dotted path, its {@code # --} comment (or null), whether it holds a value. */
    record Entry(List<String> path, String comment, boolean leaf) {

        String dotted() {
            return String.join(".", path);
        }
    }

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
    void everyLeafValueHasACommentOrSitsInACommentedMap() throws Exception {
        List<String> undocumented = new ArrayList<>();
        List<Entry> entries = entries(Files.readAllLines(VALUES));
        for (Entry e : entries) {
            boolean covered = e.comment() != null || entries.stream().anyMatch(parent -> parent.comment() != null
                    && parent.path().size() < e.path().size()
                    && e.path().subList(0, parent.path().size()).equals(parent.path()));
            if (e.leaf() && !covered) {
                undocumented.add(e.dotted());
            }
        }
        assertThat(undocumented).as("values without a '# --' comment").isEmpty();
    }

    /** The keys of a values file in order, with the comment line just above each. */
    static List<Entry> entries(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        String comment = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# --")) {
                comment = trimmed.substring(4).strip();
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("-")
                    || !trimmed.matches("[A-Za-z0-9_.\"/-]+:.*")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            path.add(trimmed.substring(0, trimmed.indexOf(':')));
            indents.add(indent);
            entries.add(new Entry(List.copyOf(path), comment, !trimmed.endsWith(":")));
            comment = null;
        }
        return entries;
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
        for (Entry e : entries(lines)) {
            if (e.comment() == null) {
                continue;
            }
            JsonNode node = values;
            for (String p : e.path()) {
                node = node.path(p);
            }
            String value = json.writeValueAsString(node).replace("|", "\\|");
            out.append("| `").append(e.dotted()).append("` | `").append(value).append("` | ")
                    .append(e.comment().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
