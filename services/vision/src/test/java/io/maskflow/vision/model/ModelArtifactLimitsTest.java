package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model artifact comes from the store, where anything can be put: reading its descriptor does not unpack it,
 * unpacking it stops at a bound, and a refused one leaves no temp folder behind.
 */
class ModelArtifactLimitsTest {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** A real artifact of the compact CNN at 16 px. */
    private static Path saved(Path dir) throws IOException {
        Path zip = dir.resolve("model.zip");
        try (Model model = Model.newInstance("test", Device.cpu(), "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.THREE, 16));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            float[] mean = {0.5f, 0.5f, 0.5f};
            float[] std = {0.25f, 0.25f, 0.25f};
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", Heads.THREE, 16, mean, std, 30, 60, null,
                    Map.of(), Map.of(), Map.of(), Map.of(), null), zip);
        }
        return zip;
    }

    /** {@code zip}'s entries, then one more entry named {@code name} of {@code bytes} zero bytes. */
    private static Path withEntry(Path zip, String name, int bytes, Path out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                z.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(new byte[bytes]);
            z.closeEntry();
        }
        return out;
    }

    private static Set<Path> loadFolders() {
        Set<Path> folders = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(TEMP, "model-load*")) {
            stream.forEach(folders::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders;
    }

    @Test
    void theDescriptorIsReadWithoutUnpackingTheParameters(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        // a parameters entry that does not inflate: unpacking the artifact would fail on it
        Path damaged = dir.resolve("damaged.zip");
        byte[] bytes = Files.readAllBytes(zip);
        int params = indexOf(bytes, "model-0000.params".getBytes()) + "model-0000.params".length();
        for (int i = params + 8; i < params + 200; i++) {
            bytes[i] = (byte) 0xff;
        }
        Files.write(damaged, bytes);

        assertThat(ModelArtifact.describe(damaged).architecture()).isEqualTo("compact-cnn");
        assertThatThrownBy(() -> ModelArtifact.load(damaged, Device.cpu())).isInstanceOf(IOException.class);
    }

    @Test
    void unpackingStopsAtItsBoundAndARefusedArtifactLeavesNoTempFolder(@TempDir Path dir) throws Exception {
        Path zip = saved(dir);
        Path large = withEntry(zip, "padding", 2 << 20, dir.resolve("large.zip"));
        Set<Path> before = loadFolders();

        assertThatThrownBy(() -> ModelArtifact.unzip(large, 1 << 20)).isInstanceOf(IOException.class)
                .hasMessageContaining("unpacks to more than");
        Path folder = ModelArtifact.unzip(large, 4 << 20);
        ModelArtifact.deleteTree(folder);

        Path odd = withEntry(zip, "../elsewhere", 10, dir.resolve("odd.zip"));
        assertThatThrownBy(() -> ModelArtifact.load(odd, Device.cpu())).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a Maskflow model artifact: it has the entry '../elsewhere'");
        assertThat(loadFolders()).as("temp folders left by refused artifacts").isSubsetOf(before);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
