package io.maskflow.preprocess.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipUnpackerTest {

    private static final String CSV = "train/train.csv";
    private final ZipUnpacker unpacker = new ZipUnpacker(1000, 50_000_000, 20_000_000);

    static Path zip(Path dir, Map<String, byte[]> entries) throws Exception {
        Path file = dir.resolve("upload-" + entries.hashCode() + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void unpacksTheLayoutAndTakesOffAWrappingFolder(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("data/train/train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("data/train/images/000001_female_Asian_25/mask1.jpg", new byte[] {1, 2, 3});
        entries.put("data/README.txt", "hello".getBytes());
        entries.put("data/train/images/.DS_Store", new byte[] {0});
        Map<String, byte[]> out = new TreeMap<>();
        ZipUnpacker.Unpacked unpacked = unpacker.unpack(zip(dir, entries), CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(unpacked.skipped()).containsExactlyInAnyOrder("data/README.txt", "data/train/images/.DS_Store");
    }

    @Test
    void refusesUnsafePathsBombsAndWhatIsNotAZip(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("train/../../etc/passwd", new byte[1])),
                CSV, (p, c) -> { })).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("/train/train.csv", new byte[1])),
                CSV, (p, c) -> { })).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("train/zeros.bin", new byte[15_000_000])),
                CSV, (p, c) -> { })).hasMessageContaining("zip bomb");
        assertThatThrownBy(() -> new ZipUnpacker(1000, 50_000_000, 1000).unpack(zip(dir,
                Map.of("train/big.bin", new byte[5000])), CSV, (p, c) -> { }))
                .hasMessageContaining("more than 1000 bytes");
        Path notZip = Files.writeString(dir.resolve("x.zip"), "this is not a zip");
        assertThatThrownBy(() -> unpacker.unpack(notZip, CSV, (p, c) -> { }))
                .hasMessageContaining("not a readable zip");
    }

    /** A bomb larger than an entry may be is refused as a bomb while it inflates, not read up to the limit first. */
    @Test
    void refusesABombBeforeReadingItUpToTheEntryLimit(@TempDir Path dir) throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(bomb); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("train/train.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThatThrownBy(() -> new ZipUnpacker(1000, 1L << 30, 50_000_000).unpack(bomb, CSV, (p, c) -> { }))
                .hasMessageContaining("zip bomb");
    }

    /**
     * A zip that is refused writes nothing: the missing train.csv and an unsafe name among the last entries are
     * seen in the zip's directory before the first file goes to the store.
     */
    @Test
    void writesNothingFromAZipItRefuses(@TempDir Path dir) throws Exception {
        Map<String, byte[]> noCsv = new TreeMap<>();
        Map<String, byte[]> unsafeLast = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            noCsv.put("train/images/p" + i + "/mask1.jpg", new byte[0]);
            unsafeLast.put("train/images/p" + i + "/mask1.jpg", new byte[0]);
        }
        unsafeLast.put(CSV, "id,gender,race,age,path\n".getBytes());
        unsafeLast.put("train/zz/../../../escape.txt", new byte[1]);
        Map<String, byte[]> written = new TreeMap<>();
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, noCsv), CSV, written::put))
                .hasMessageContaining("no train/train.csv (it has 50 files");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, unsafeLast), CSV, written::put))
                .hasMessageContaining("unsafe path");
        assertThat(written).isEmpty();
    }

    /** A zip with one name twice (other tools write them; the JDK does not) is ambiguous, so it is refused. */
    @Test
    void refusesANameThatIsThereTwice(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(CSV, "id,gender,race,age,path\n".getBytes());
        entries.put("train/trainXcsv", "other".getBytes());
        Path zip = zip(dir, entries);
        byte[] bytes = Files.readAllBytes(zip);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("trainXcsv", "train.csv");
        Files.write(zip, latin.getBytes(StandardCharsets.ISO_8859_1));
        Map<String, byte[]> written = new TreeMap<>();
        assertThatThrownBy(() -> unpacker.unpack(zip, CSV, written::put))
                .hasMessageContaining("the zip holds train/train.csv twice");
        assertThat(written).isEmpty();
    }
}
