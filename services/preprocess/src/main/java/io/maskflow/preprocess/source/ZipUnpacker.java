package io.maskflow.preprocess.source;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetZips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip of the competition layout safely: no absolute paths, no {@code ..}, no links; at most
 * so many entries and bytes; no entry that inflates more than {@link #MAX_RATIO} times (zip bombs); only
 * {@code train/} and {@code eval/} files are kept, less hidden and system files
 * ({@link CompetitionLayout#isHiddenOrSystem}), and the folders wrapping them are taken off
 * ({@link CompetitionLayout#root}). Names are read as UTF-8, or as CP949 when they are not ({@link DatasetZips}).
 */
public final class ZipUnpacker {

    /** What the zip held. */
    public record Unpacked(List<String> files, List<String> skipped) {
    }

    /** Receives each accepted file. */
    @FunctionalInterface
    public interface Target {
        void put(String path, byte[] content) throws IOException;

        /**
         * A file larger than {@link #IN_MEMORY_BYTES}, inflated into a temporary file that is deleted once this
         * returns. Reads it whole by default; a target that can send a file as it is (the store) should.
         */
        default void put(String path, Path file) throws IOException {
            put(path, Files.readAllBytes(file));
        }
    }

    /**
     * Entries up to this size are inflated in memory, larger ones into a temporary file: inflated into a growing
     * array (copied as it grows, then copied once more to be handed on), a 190 MB entry ran a 384 MB heap out.
     */
    public static final int IN_MEMORY_BYTES = 8 << 20;

    static final int MAX_RATIO = 200;
    private final int maxEntries;
    private final long maxTotalBytes;
    private final long maxEntryBytes;

    public ZipUnpacker(int maxEntries, long maxTotalBytes, long maxEntryBytes) {
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    /**
     * Unpacks {@code zip} into {@code target}. Every name, every declared size and the presence of {@code required}
     * are checked against the zip's directory first, so a zip that is refused has written nothing.
     *
     * @param required a path (after the wrapping folder is taken off) the zip must hold, e.g. {@code train/train.csv}
     */
    public Unpacked unpack(Path zip, String required, Target target) throws IOException {
        try (ZipFile file = DatasetZips.open(zip)) {
            if (file.size() > maxEntries) {
                throw new IllegalArgumentException("the zip has " + file.size() + " entries; at most " + maxEntries
                        + " are accepted");
            }
            List<String> skipped = new ArrayList<>();
            Map<String, ZipEntry> kept = plan(file, skipped);
            if (!kept.containsKey(required)) {
                throw new IllegalArgumentException("the zip has no " + required + " (it has " + kept.size()
                        + " files under train/ and eval/)");
            }
            long total = 0;
            for (Map.Entry<String, ZipEntry> entry : kept.entrySet()) {
                Path spool = null;
                try {
                    byte[] content;
                    try {
                        ByteArrayOutputStream memory = new ByteArrayOutputStream();
                        spool = read(file, entry.getValue(), memory);
                        content = spool == null ? memory.toByteArray() : null;
                    } catch (IOException e) {
                        // the zip is a local file: an entry that does not inflate is a broken upload, not an outage
                        throw new IllegalArgumentException("the zip is broken: its entry " + entry.getValue().getName()
                                + " cannot be unpacked (" + e.getMessage() + ")", e);
                    }
                    total += content != null ? content.length : Files.size(spool);
                    if (total > maxTotalBytes) {
                        throw new IllegalArgumentException("the zip unpacks to more than " + maxTotalBytes + " bytes");
                    }
                    if (content != null) {
                        target.put(entry.getKey(), content);
                    } else {
                        target.put(entry.getKey(), spool);
                    }
                } finally {
                    if (spool != null) {
                        Files.deleteIfExists(spool);
                    }
                }
            }
            return new Unpacked(List.copyOf(kept.keySet()), skipped);
        } catch (DatasetZips.UnreadableNames e) {
            throw new IllegalArgumentException("the zip cannot be unpacked: " + e.getMessage());
        } catch (ZipException e) {
            throw new IllegalArgumentException("not a readable zip: " + DatasetZips.reason(e));
        }
    }

    /**
     * The files to unpack by their path in the layout, in the zip's order, from its directory alone: unsafe names,
     * entries declared too large or as bombs, and a declared total over the limit are refused here.
     */
    private Map<String, ZipEntry> plan(ZipFile file, List<String> skipped) {
        String wrapper = wrapper(file);
        Map<String, ZipEntry> kept = new LinkedHashMap<>();
        long declared = 0;
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = path(entry);
            checkName(name);
            if (entry.isDirectory() || name.endsWith("/")) {
                continue;
            }
            if (!name.startsWith(wrapper)) {
                // outside the wrapping folder: only what wrapper() passes over (__MACOSX/) can be
                skipped.add(name);
                continue;
            }
            String path = name.substring(wrapper.length());
            boolean inLayout = path.startsWith("train/") || path.startsWith("eval/");
            if (!inLayout || CompetitionLayout.isHiddenOrSystem(path)) {
                skipped.add(name);
                continue;
            }
            long size = Math.max(0, entry.getSize());
            checkSize(name, size, Math.max(1, entry.getCompressedSize()));
            declared += size;
            if (declared > maxTotalBytes) {
                throw new IllegalArgumentException("the zip unpacks to more than " + maxTotalBytes + " bytes");
            }
            if (kept.put(path, entry) != null) {
                throw new IllegalArgumentException("the zip holds " + name + " twice: which one is meant?");
            }
        }
        return kept;
    }

    /**
     * Inflates one entry a chunk at a time, so that a bomb whose declared size lies is refused as soon as it shows,
     * and checks it against its CRC-32 ({@link ZipFile} does not). Up to {@link #IN_MEMORY_BYTES} the content goes
     * to {@code memory} and null is returned; past that, all of it goes to a temporary file, which is returned (the
     * caller deletes it; it is deleted here when the entry fails).
     */
    private Path read(ZipFile file, ZipEntry entry, ByteArrayOutputStream memory) throws IOException {
        long packed = Math.max(1, entry.getCompressedSize());
        Path spool = null;
        OutputStream out = memory;
        try (InputStream in = file.getInputStream(entry)) {
            CRC32 crc = new CRC32();
            byte[] chunk = new byte[1 << 16];
            long size = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                size += n;
                checkSize(entry.getName(), size, packed);
                if (spool == null && size > IN_MEMORY_BYTES) {
                    spool = Files.createTempFile("unzipped-", ".bin");
                    out = Files.newOutputStream(spool);
                    memory.writeTo(out);
                    memory.reset();
                }
                out.write(chunk, 0, n);
                crc.update(chunk, 0, n);
            }
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new ZipException("its CRC-32 does not match its content");
            }
            out.close();
            return spool;
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
            } finally {
                if (spool != null) {
                    Files.deleteIfExists(spool);
                }
            }
            throw e;
        }
    }

    private void checkSize(String name, long size, long packed) {
        if (size > 1_000_000 && size / packed > MAX_RATIO) {
            throw new IllegalArgumentException(name + " inflates " + size / packed
                    + " times or more: refused as a zip bomb");
        }
        if (size > maxEntryBytes) {
            throw new IllegalArgumentException(name + " unpacks to more than " + maxEntryBytes + " bytes");
        }
    }

    /** The folder that holds the layout ({@code data/}, {@code a/b/data/}), or empty: its root. */
    private static String wrapper(ZipFile file) {
        return CompetitionLayout.root(file.stream().map(ZipUnpacker::path).toList());
    }

    /**
     * An entry's path with '/' between its folders: some Windows tools write '\' there, against the zip format,
     * and such a zip was refused as "unsafe path in the zip" (a file's name in the layout never holds a '\').
     */
    static String path(ZipEntry entry) {
        return entry.getName().replace('\\', '/');
    }

    private static void checkName(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.equals("..")
                || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
            throw new IllegalArgumentException("unsafe path in the zip: '" + name + "'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            // a NUL ends the name on many file systems and tools; no layout's name holds a control character
            StringBuilder shown = new StringBuilder();
            name.chars().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                    : String.valueOf((char) c)));
            throw new IllegalArgumentException("unsafe path in the zip: '" + shown + "' has a control character");
        }
    }
}
