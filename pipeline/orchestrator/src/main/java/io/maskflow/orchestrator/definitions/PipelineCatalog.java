package io.maskflow.orchestrator.definitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The pipelines a run can name: the shipped definitions, plus any YAML files of an extra folder. */
public final class PipelineCatalog {

    /** The definitions shipped in {@code pipeline/definitions/}. */
    public static final List<String> SHIPPED = List.of("train-and-serve", "train-on-dataset", "kfold-ensemble", "sweep",
            "search", "per-head", "pseudo-label", "mask-faces");

    private final Map<String, PipelineDefinition> pipelines = new TreeMap<>();

    private PipelineCatalog() {
    }

    /** The shipped definitions, and those of {@code extraDir} when given; a bad file fails with its name. */
    public static PipelineCatalog load(Optional<Path> extraDir) {
        PipelineCatalog catalog = new PipelineCatalog();
        for (String name : SHIPPED) {
            catalog.add(name + ".yaml", shipped(name));
        }
        extraDir.ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    catalog.add(file.toString(), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pipeline definitions in " + dir, e);
            }
        });
        return catalog;
    }

    /** The YAML text of a shipped definition. */
    public static String shipped(String name) {
        try (InputStream in = PipelineCatalog.class.getResourceAsStream("/definitions/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("shipped definition " + name + ".yaml is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String file, String yaml) {
        PipelineDefinition definition;
        try {
            definition = DefinitionLoader.parse(yaml);
        } catch (DefinitionException e) {
            throw new DefinitionException(file + ": " + e.getMessage(), e);
        }
        pipelines.put(definition.name(), definition);
    }

    public Optional<PipelineDefinition> find(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    public PipelineDefinition get(String name) {
        return find(name).orElseThrow(() -> new DefinitionException("no pipeline '" + name + "'; known: "
                + pipelines.keySet()));
    }

    public Collection<PipelineDefinition> all() {
        return pipelines.values();
    }
}
