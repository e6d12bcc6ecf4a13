package io.maskflow.vision.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model artifact: one zip of {@code model.json} (the {@link ModelDescriptor}) and {@code model-0000.params}
 * (DJL's parameter file). A model loads back from the zip alone.
 */
public final class ModelArtifact {

    static final String NAME = "model";
    static final String DESCRIPTOR = "model.json";

    private ModelArtifact() {
    }

    /** Writes {@code model}'s parameters and the descriptor into {@code zip}. */
    public static void save(Model model, ModelDescriptor descriptor, Path zip) throws IOException {
        Path dir = Files.createTempDirectory("model-save");
        try {
            model.save(dir, NAME);
            Files.write(dir.resolve(DESCRIPTOR), EventCodec.instance().mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(descriptor));
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                    Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    ZipEntry entry = new ZipEntry(file.getFileName().toString());
                    entry.setTime(0);
                    z.putNextEntry(entry);
                    Files.copy(file, z);
                    z.closeEntry();
                }
            }
        } finally {
            delete(dir);
        }
    }

    /** The descriptor of an artifact, without loading the network. */
    public static ModelDescriptor describe(Path zip) throws IOException {
        Path dir = unzip(zip);
        try {
            return EventCodec.instance().mapper().readValue(dir.resolve(DESCRIPTOR).toFile(), ModelDescriptor.class);
        } finally {
            delete(dir);
        }
    }

    /** Builds the network the descriptor names and loads the parameters; the caller closes the model. */
    public static Model load(Path zip, Device device) throws IOException {
        return load(zip, device, false);
    }

    /**
     * As {@link #load}, for answering only (serving, the evaluator): the network's forward pass rewritten by
     * {@link InferenceNetwork} where it can be, the same answers up to float rounding, faster.
     */
    public static Model loadForInference(Path zip, Device device) throws IOException {
        return load(zip, device, true);
    }

    private static Model load(Path zip, Device device, boolean forInference) throws IOException {
        Path dir = unzip(zip);
        try {
            ModelDescriptor descriptor = EventCodec.instance().mapper().readValue(dir.resolve(DESCRIPTOR).toFile(),
                    ModelDescriptor.class);
            Model model = Model.newInstance(NAME, device, "PyTorch");
            Shape input = new Shape(1, 3, descriptor.imageSize(), descriptor.imageSize());
            model.setBlock(Architectures.build(descriptor.architecture(), descriptor.heads(),
                    descriptor.imageSize()));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, input);
            model.load(dir, NAME);
            if (forInference) {
                model.setBlock(InferenceNetwork.of(descriptor.architecture(), model.getBlock(),
                        model.getNDManager(), input));
            }
            return model;
        } catch (MalformedModelException e) {
            throw new IOException("the model artifact " + zip + " does not fit its descriptor: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Loads an artifact's parameters into a model that already has the same network, e.g. to resume from a
     * checkpoint or to start training from a previous model; a mismatched network is refused with the cause.
     */
    public static void loadParameters(Model model, Path zip) throws IOException {
        Path dir = unzip(zip);
        try {
            model.load(dir, NAME);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException("the parameters in " + zip + " do not fit this network: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private static Path unzip(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("model-load");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry entry = z.getNextEntry(); entry != null; entry = z.getNextEntry()) {
                String name = entry.getName();
                if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw new IOException("unexpected entry '" + name + "' in model artifact " + zip);
                }
                Files.copy(z, dir.resolve(name));
            }
        }
        if (!Files.exists(dir.resolve(DESCRIPTOR))) {
            delete(dir);
            throw new IOException(zip + " is not a Maskflow model artifact (no " + DESCRIPTOR + ")");
        }
        return dir;
    }

    /** Deletes a directory and everything in it (a no-op when it is gone). */
    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
