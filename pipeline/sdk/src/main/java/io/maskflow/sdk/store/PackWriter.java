package io.maskflow.sdk.store;

import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.dataset.DatasetPacks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds one pack of a data set in memory: a zip file whose entries are stored as they are (photos are JPEG or PNG
 * already; deflating them gains nothing), named by their paths in the data set, and where each entry's bytes start,
 * for the data set's {@link DatasetPacks} index. Not thread-safe.
 */
public final class PackWriter {

    /** Entries carry this time, so the same photos in the same order give the same pack. */
    private static final long ENTRY_TIME = 1_577_836_800_000L;

    private final String path;
    private final ByteArrayOutputStream bytes;
    private final ZipOutputStream zip;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean finished;

    /** Where a photo's bytes are in the pack. */
    private record Entry(long offset, long size, String sha256) {
    }

    /**
     * @param path the pack's path in the data set, e.g. {@code packs/000003.zip}
     * @param expectedBytes about how large the pack will be (the buffer's first size)
     */
    public PackWriter(String path, int expectedBytes) {
        this.path = DatasetManifest.checkPath(path);
        this.bytes = new ByteArrayOutputStream(Math.max(1024, expectedBytes));
        this.zip = new ZipOutputStream(bytes);
        zip.setLevel(0);
    }

    /** Adds a file under its path in the data set. */
    public void add(String memberPath, byte[] content) {
        DatasetManifest.checkPath(memberPath);
        if (finished) {
            throw new IllegalStateException("pack " + path + " is finished");
        }
        if (entries.containsKey(memberPath)) {
            throw new IllegalArgumentException(memberPath + " is in pack " + path + " already");
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(memberPath);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTime(ENTRY_TIME);
        try {
            zip.putNextEntry(entry);
            // a stored entry's header goes straight to the buffer, so the content starts here
            long offset = bytes.size();
            zip.write(content);
            zip.closeEntry();
            entries.put(memberPath, new Entry(offset, content.length, Hashing.sha256Hex(content)));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
    }

    public String path() {
        return path;
    }

    /** How many files the pack holds. */
    public int count() {
        return entries.size();
    }

    /** About how many bytes the pack has so far (before its central directory). */
    public long size() {
        return bytes.size();
    }

    /** Ends the zip file; its bytes. */
    public byte[] finish() {
        if (!finished) {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory failed", e);
            }
            finished = true;
        }
        return bytes.toByteArray();
    }

    /** The index entries of this pack's files. */
    public Map<String, DatasetPacks.Member> members() {
        Map<String, DatasetPacks.Member> members = new LinkedHashMap<>();
        entries.forEach((memberPath, e) -> members.put(memberPath,
                new DatasetPacks.Member(path, e.offset(), e.size(), e.sha256())));
        return members;
    }
}
