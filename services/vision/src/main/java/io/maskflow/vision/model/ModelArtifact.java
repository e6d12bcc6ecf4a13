package io.maskflow.vision.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model artifact: one zip of {@code model.json} (the {@link ModelDescriptor}) and {@code model-0000.params}
 * (DJL's parameter file). A model loads back from the zip alone.
 */
public final class ModelArtifact {

    static final String NAME = "model";
    static final String DESCRIPTOR = "model.json";
    /** The most an artifact may unpack to: Maskflow's networks unpack to a few megabytes. */
    static final long MAX_UNPACKED_BYTES = 2L << 30;
    static final int MAX_ENTRIES = 64;
    private static final int MAX_DESCRIPTOR_BYTES = 1 << 20;

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

    /**
     * The descriptor of an artifact, read straight from the zip's directory: the parameters are neither unpacked
     * nor inflated, and the network is not built.
     */
    public static ModelDescriptor describe(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > MAX_ENTRIES) {
                throw new IOException(zip + " is not a Maskflow model artifact: " + file.size() + " entries");
            }
            ZipEntry entry = file.getEntry(DESCRIPTOR);
            if (entry == null) {
                throw new IOException(zip + " is not a Maskflow model artifact (no " + DESCRIPTOR + ")");
            }
            byte[] json;
            try (InputStream in = file.getInputStream(entry)) {
                json = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
            }
            if (json.length > MAX_DESCRIPTOR_BYTES) {
                throw new IOException("the " + DESCRIPTOR + " of " + zip + " is over " + MAX_DESCRIPTOR_BYTES
                        + " bytes");
            }
            return EventCodec.instance().mapper().readValue(json, ModelDescriptor.class);
        }
    }

    /**
     * Reads an artifact as it streams by (from the store, say) and gives back its {@code model.json}'s bytes,
     * keeping nothing else and writing nothing: the checks of {@link #unzip} (the entries it unpacks, at most
     * {@code maxBytes} inflated) and of a whole artifact (a descriptor of at most 1 MiB, network parameters). The
     * network is not built.
     *
     * @throws IOException saying why the bytes are not a model artifact ("it has no model.json"), or the stream's
     *         own failure
     */
    public static byte[] descriptorOf(InputStream zip, long maxBytes) throws IOException {
        byte[] descriptor = null;
        boolean parameters = false;
        long inflated = 0;
        int entries = 0;
        ZipInputStream z = new ZipInputStream(zip);
        byte[] buffer = new byte[1 << 16];
        for (ZipEntry entry = z.getNextEntry(); entry != null; entry = z.getNextEntry()) {
            String name = unpackable(entry, ++entries);
            if (name.equals(DESCRIPTOR)) {
                descriptor = z.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
                if (descriptor.length > MAX_DESCRIPTOR_BYTES) {
                    throw new IOException("its " + DESCRIPTOR + " is over " + MAX_DESCRIPTOR_BYTES + " bytes");
                }
                inflated += descriptor.length;
            }
            parameters |= name.endsWith(".params");
            for (int n = z.read(buffer); n >= 0 && inflated <= maxBytes; n = z.read(buffer)) {
                inflated += n;
            }
            if (inflated > maxBytes) {
                throw new IOException("it inflates to over " + maxBytes + " bytes");
            }
        }
        if (descriptor == null) {
            throw new IOException("it has no " + DESCRIPTOR);
        }
        if (!parameters) {
            throw new IOException("it has no network parameters (*.params)");
        }
        return descriptor;
    }

    /**
     * The most an artifact of {@code storedBytes} may inflate to when it is checked before use: 64 bytes per stored
     * byte (network parameters barely compress), and at least 64 MiB; more is a zip bomb, refused before it has
     * cost more than that.
     */
    public static long inflationBound(long storedBytes) {
        return Math.max(storedBytes, 1L << 20) * 64;
    }

    /**
     * {@link #descriptorOf} and the descriptor read and checked as loading needs it: JSON of a
     * {@link ModelDescriptor} naming a known network, its heads, image size and the channels' mean and deviation.
     *
     * @throws IOException saying why the bytes are not a model artifact that loads, or the stream's own failure
     */
    public static ModelDescriptor describe(InputStream zip, long maxBytes) throws IOException {
        byte[] json = descriptorOf(zip, maxBytes);
        ModelDescriptor descriptor;
        try {
            descriptor = EventCodec.instance().mapper().readValue(json, ModelDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new IOException("its " + DESCRIPTOR + " is not a model descriptor: " + EventCodec.reason(e));
        }
        String problem = null;
        if (descriptor == null) {
            problem = "its " + DESCRIPTOR + " is null";
        } else if (!Architectures.NAMES.contains(descriptor.architecture())) {
            problem = "its " + DESCRIPTOR + " names the network '" + descriptor.architecture() + "', not one of "
                    + Architectures.NAMES;
        } else if (descriptor.heads() == null) {
            problem = "its " + DESCRIPTOR + " gives no heads";
        } else if (descriptor.imageSize() <= 0) {
            problem = "its " + DESCRIPTOR + " gives the image size " + descriptor.imageSize();
        } else if (descriptor.mean() == null || descriptor.mean().length != 3 || descriptor.std() == null
                || descriptor.std().length != 3) {
            problem = "its " + DESCRIPTOR + " does not give the three channels' mean and std";
        }
        if (problem != null) {
            throw new IOException(problem);
        }
        return descriptor;
    }

    /**
     * The name of an entry {@link #unzip} unpacks into its folder: refused when it would land elsewhere or hidden
     * (a folder, a path, a dot file) or is one entry too many.
     */
    private static String unpackable(ZipEntry entry, int entries) throws IOException {
        String name = entry.getName();
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("it has the entry '" + name + "' (an artifact's entries are files of its own "
                    + "folder)");
        }
        if (entries > MAX_ENTRIES) {
            throw new IOException("it has more than " + MAX_ENTRIES + " entries");
        }
        return name;
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
        return unzip(zip, MAX_UNPACKED_BYTES);
    }

    /**
     * Unpacks an artifact into a new temp folder, at most {@code maxBytes} in all: a zip of a few kilobytes can
     * unpack to terabytes, and an artifact comes from the store, where anyone with write access can put one. The
     * folder is deleted when the zip is refused.
     */
    static Path unzip(Path zip, long maxBytes) throws IOException {
        Path dir = Files.createTempDirectory("model-load");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            long left = maxBytes;
            int entries = 0;
            for (ZipEntry entry = z.getNextEntry(); entry != null; entry = z.getNextEntry()) {
                String name;
                try {
                    name = unpackable(entry, ++entries);
                } catch (IOException e) {
                    throw new IOException(zip + " is not a Maskflow model artifact: " + e.getMessage(), e);
                }
                left -= copyAtMost(z, dir.resolve(name), left, maxBytes, zip);
            }
            if (!Files.exists(dir.resolve(DESCRIPTOR))) {
                throw new IOException(zip + " is not a Maskflow model artifact (no " + DESCRIPTOR + ")");
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** Copies one entry to {@code file}; refuses it past {@code limit} bytes. Returns the bytes copied. */
    private static long copyAtMost(InputStream entry, Path file, long limit, long max, Path zip) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            for (int n = entry.read(buffer); n >= 0; n = entry.read(buffer)) {
                copied += n;
                if (copied > limit) {
                    throw new IOException(zip + " unpacks to more than a model artifact may (" + max
                            + " bytes in all)");
                }
                out.write(buffer, 0, n);
            }
        }
        return copied;
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
