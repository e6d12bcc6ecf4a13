package io.maskflow.preprocess.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.Charset;
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
        return zip(dir, entries, StandardCharsets.UTF_8);
    }

    /** A zip whose names are written in {@code names}: another charset than UTF-8 leaves the UTF-8 flag unset. */
    static Path zip(Path dir, Map<String, byte[]> entries, Charset names) throws Exception {
        Path file = dir.resolve("upload-" + entries.hashCode() + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out, names)) {
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

    /**
     * A zip of a download folder wraps the layout in two or more folders, often with a file beside them; only a
     * zip with one folder around everything was read ("there is no train/train.csv").
     */
    @Test
    void findsTheLayoutWrappedInSeveralFoldersWithFilesBesideThem(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("Downloads/mask-data/train/train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("Downloads/mask-data/train/images/000001_female_Asian_25/mask1.jpg", new byte[] {1, 2, 3});
        entries.put("README.txt", "hello".getBytes());
        Map<String, byte[]> out = new TreeMap<>();
        ZipUnpacker.Unpacked unpacked = unpacker.unpack(zip(dir, entries), CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(unpacked.skipped()).containsExactly("README.txt");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("a/train/train.csv", new byte[1],
                "b/train/train.csv", new byte[1])), CSV, (p, c) -> { })).hasMessageContaining("send one at a time");
    }

    /** Some Windows tools write '\' between folders; such a zip was refused as "unsafe path in the zip". */
    @Test
    void readsAZipWhoseFoldersAreSeparatedByBackslashes(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("data\\train\\train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("data\\train\\images\\000001_female_Asian_25\\mask1.jpg", new byte[] {1, 2, 3});
        Map<String, byte[]> out = new TreeMap<>();
        unpacker.unpack(zip(dir, entries), CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("train\\..\\..\\etc\\passwd", new byte[1])),
                CSV, (p, c) -> { })).hasMessageContaining("unsafe path");
    }

    /**
     * A zip compressed with bzip2 (method 12) was refused with the JDK's words, "not a readable zip: invalid CEN
     * header (bad compression method: 12)" (a probe of the running stack, 2026-12-07); now it says what to do.
     */
    @Test
    void aZipOfAnotherCompressionMethodIsRefusedSayingHowToZipItAgain(@TempDir Path dir) throws Exception {
        byte[] zip = Files.readAllBytes(zip(dir, Map.of("train/train.csv", "id\n".getBytes())));
        // the method of the local header (offset 8) and of the central directory's entry (offset 10), as bzip2
        for (int p = 0; p + 4 <= zip.length; p++) {
            int signature = (zip[p] & 0xFF) | (zip[p + 1] & 0xFF) << 8 | (zip[p + 2] & 0xFF) << 16
                    | (zip[p + 3] & 0xFF) << 24;
            if (signature == 0x04034b50) {
                zip[p + 8] = 12;
            } else if (signature == 0x02014b50) {
                zip[p + 10] = 12;
            }
        }
        Path bzip2 = Files.write(dir.resolve("bzip2.zip"), zip);
        assertThatThrownBy(() -> unpacker.unpack(bzip2, CSV, (p, c) -> { })).isInstanceOf(
                IllegalArgumentException.class).hasMessageStartingWith("not a readable zip: its entries are "
                + "compressed with method 12 (bzip2); only stored and deflated entries are read: zip it again with "
                + "deflate");
    }

    @Test
    void refusesUnsafePathsBombsAndWhatIsNotAZip(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("train/../../etc/passwd", new byte[1])),
                CSV, (p, c) -> { })).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("/train/train.csv", new byte[1])),
                CSV, (p, c) -> { })).hasMessageContaining("unsafe path");
        // a NUL or another control character in a name (a probe of the running stack, 2026-12-07, stored
        // "n\0ormal.jpg")
        assertThatThrownBy(() -> unpacker.unpack(zip(dir, Map.of("train/train.csv", new byte[1],
                "train/images/000001_female_Asian_25/n\0ormal.jpg", new byte[1])), CSV, (p, c) -> { }))
                .hasMessage("unsafe path in the zip: 'train/images/000001_female_Asian_25/n\\u0000ormal.jpg' has a "
                        + "control character");
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

    /**
     * Finder's metadata beside a wrapping folder is skipped: a file entry under {@code __MACOSX/} shorter than the
     * folder's name was cut by the folder's length and failed the upload with a 500.
     */
    @Test
    void skipsMacMetadataBesideAWrappingFolder(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("my_dataset/train/train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("my_dataset/train/images/000001_female_Asian_25/mask1.jpg", new byte[] {1, 2, 3});
        entries.put("__MACOSX/a", new byte[] {0});
        entries.put("__MACOSX/my_dataset/train/._train.csv", new byte[] {0});
        Map<String, byte[]> out = new TreeMap<>();
        ZipUnpacker.Unpacked unpacked = unpacker.unpack(zip(dir, entries), CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(unpacked.skipped()).containsExactlyInAnyOrder("__MACOSX/a", "__MACOSX/my_dataset/train/._train.csv");
    }

    /**
     * A zip from an older Korean Windows zip tool names its files in CP949 without the flag that says UTF-8; it was
     * refused whole, "not a readable zip: invalid CEN header (bad entry name)".
     */
    @Test
    void readsAZipWithKoreanWindowsNames(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("마스크 데이터/train/train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("마스크 데이터/train/images/000001_female_Asian_25/mask1.jpg", new byte[] {1, 2, 3});
        entries.put("마스크 데이터/읽어보기.txt", new byte[] {1});
        Path zip = zip(dir, entries, Charset.forName("x-windows-949"));
        Map<String, byte[]> out = new TreeMap<>();
        ZipUnpacker.Unpacked unpacked = unpacker.unpack(zip, CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(unpacked.skipped()).containsExactly("마스크 데이터/읽어보기.txt");
    }

    /** Names in neither UTF-8 nor CP949: the refusal says so and what to do, not "invalid CEN header". */
    @Test
    void refusesAZipWhoseNamesAreInNoKnownEncodingSayingHowToRezipIt(@TempDir Path dir) throws Exception {
        Path zip = zip(dir, Map.of("train/train.csv", new byte[1], "train/images/\u00ff\u00ff.jpg", new byte[1]),
                StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> unpacker.unpack(zip, CSV, (p, c) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-8").hasMessageContaining("re-zip").hasMessageNotContaining("CEN");
    }

    /** Windows Explorer's Thumbs.db, desktop.ini and ehthumbs.db were kept, then counted as extra files. */
    @Test
    void skipsWindowsExplorerFilesAsHiddenFilesAre(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("data/train/train.csv", "id,gender,race,age,path\n".getBytes());
        entries.put("data/train/images/000001_female_Asian_25/mask1.jpg", new byte[] {1, 2, 3});
        entries.put("data/train/images/000001_female_Asian_25/Thumbs.db", new byte[] {0});
        entries.put("data/train/images/000001_female_Asian_25/DESKTOP.INI", new byte[] {0});
        entries.put("data/train/images/ehthumbs.db", new byte[] {0});
        entries.put("data/train/.git/config", new byte[] {0});
        Map<String, byte[]> out = new TreeMap<>();
        ZipUnpacker.Unpacked unpacked = unpacker.unpack(zip(dir, entries), CSV, out::put);
        assertThat(out).containsOnlyKeys("train/train.csv", "train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(unpacked.skipped()).hasSize(4);
    }

    /**
     * An entry larger than {@link ZipUnpacker#IN_MEMORY_BYTES} reaches the target as a temporary file with its exact
     * content, deleted once the target has it; one that fails its CRC-32 half way leaves no temporary file either.
     * (Entries were inflated into growing arrays: a 200 MB one took more heap than preprocess has.)
     */
    @Test
    void aLargeEntryGoesToTheTargetAsAFileThatIsThenDeleted(@TempDir Path dir) throws Exception {
        byte[] large = new byte[ZipUnpacker.IN_MEMORY_BYTES + 123_457];
        new java.util.Random(3).nextBytes(large);
        byte[] csv = "id,gender,race,age,path\n".getBytes();
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(CSV, csv);
        entries.put("train/images/000001_female_Asian_25/mask1.jpg", large);
        Map<String, byte[]> inMemory = new TreeMap<>();
        Map<String, byte[]> asFiles = new TreeMap<>();
        java.util.List<Path> files = new java.util.ArrayList<>();
        ZipUnpacker.Target target = new ZipUnpacker.Target() {
            @Override
            public void put(String path, byte[] content) {
                inMemory.put(path, content);
            }

            @Override
            public void put(String path, Path file) throws java.io.IOException {
                files.add(file);
                asFiles.put(path, Files.readAllBytes(file));
            }
        };
        unpacker.unpack(zip(dir, entries), CSV, target);
        assertThat(inMemory).containsOnlyKeys(CSV);
        assertThat(inMemory.get(CSV)).isEqualTo(csv);
        assertThat(asFiles).containsOnlyKeys("train/images/000001_female_Asian_25/mask1.jpg");
        assertThat(asFiles.get("train/images/000001_female_Asian_25/mask1.jpg")).isEqualTo(large);
        assertThat(files).hasSize(1).allSatisfy(file -> assertThat(file).doesNotExist());

        // one byte changed in the middle of the large entry (random bytes are stored as they are): it inflates
        // into the temporary file to its end, then fails its CRC-32
        Path broken = zip(dir, Map.of(CSV, csv, "train/big.bin", large));
        byte[] bytes = Files.readAllBytes(broken);
        int at = bytes.length / 2;
        bytes[at] ^= 0x5a;
        Files.write(broken, bytes);
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<Path>> spools = () -> {
            try (java.util.stream.Stream<Path> list = Files.list(temp)) {
                return list.filter(f -> f.getFileName().toString().startsWith("unzipped-"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.Set<Path> before = spools.get();
        assertThatThrownBy(() -> unpacker.unpack(broken, CSV, target)).hasMessageContaining("the zip is broken");
        assertThat(spools.get()).isEqualTo(before);
    }

    /** A CSV of {@code rows} rows that deflate to some kilobytes. */
    private static byte[] csvRows(int rows) {
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < rows; i++) {
            csv.append(String.format("%06d,female,Asian,%d,%06d_female_Asian_%d%n", random.nextInt(999_999),
                    random.nextInt(90), random.nextInt(999_999), random.nextInt(90)));
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Where the zip's only central directory header is. */
    private static int centralHeader(byte[] zip) {
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2) {
                return i;
            }
        }
        throw new AssertionError("no central directory header");
    }

    /**
     * An entry whose deflated data ends early (the inflater's "Unexpected end of ZLIB input stream", an
     * IOException) or whose data was overwritten is a broken upload: refused as bad input naming the entry, not
     * answered 503 as if the store were down, nor unpacked as wrong bytes.
     */
    @Test
    void refusesAnEntryWhoseDataIsCutShortOrDamagedAsBadInput(@TempDir Path dir) throws Exception {
        Path zip = zip(dir, Map.of(CSV, csvRows(3000)));
        byte[] intact = Files.readAllBytes(zip);
        java.nio.ByteBuffer directory = java.nio.ByteBuffer.wrap(intact).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int compressed = directory.getInt(centralHeader(intact) + 20);
        assertThat(compressed).isGreaterThan(10_000);

        // the directory says the data ends halfway: the inflater runs out of input
        byte[] cut = intact.clone();
        java.nio.ByteBuffer.wrap(cut).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(centralHeader(cut) + 20, compressed / 2);
        Files.write(zip, cut);
        Map<String, byte[]> written = new TreeMap<>();
        assertThatThrownBy(() -> unpacker.unpack(zip, CSV, written::put))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the zip is broken: its entry train/train.csv cannot be unpacked")
                .hasMessageContaining("Unexpected end of ZLIB input stream");

        // bytes in the middle of the deflated data overwritten: whatever the inflater makes of them, it is refused
        byte[] damaged = intact.clone();
        int data = 30 + CSV.length();
        for (int i = data + compressed / 2; i < data + compressed / 2 + 64; i++) {
            damaged[i] = (byte) (i * 31);
        }
        Files.write(zip, damaged);
        assertThatThrownBy(() -> unpacker.unpack(zip, CSV, written::put))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the zip is broken: its entry train/train.csv cannot be unpacked");
        assertThat(written).isEmpty();
    }
}
