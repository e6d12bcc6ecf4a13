package io.maskflow.preprocess.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded zip of the competition layout safely: no absolute paths, no {@code ..}, no links; at most
 * so many entries and bytes; no entry that inflates more than {@link #MAX_RATIO} times (zip bombs); only
 * {@code train/} and {@code eval/} files are kept, and one folder wrapping everything is taken off.
 */
public final class ZipUnpacker {

    /** What the zip held. */
    public record Unpacked(List<String> files, List<String> skipped) {
    }

    /** Receives each accepted file. */
    @FunctionalInterface
    public interface Target {
        void put(String path, byte[] content) throws IOException;
    }

    static final int MAX_RATIO = 200;
    private final int maxEntries;
    private final long maxTotalBytes;
    private final long maxEntryBytes;

    public ZipUnpacker(int maxEntries, long maxTotalBytes, long maxEntryBytes) {
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    public Unpacked unpack(Path zip, Target target) throws IOException {
        List<String> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > maxEntries) {
                throw new IllegalArgumentException("the zip has " + file.size() + " entries; at most " + maxEntries
                        + " are accepted");
            }
            String wrapper = wrapper(file);
            long total = 0;
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                checkName(name);
                if (entry.isDirectory()) {
                    continue;
                }
                String path = wrapper.isEmpty() ? name : name.substring(wrapper.length());
                String base = path.substring(path.lastIndexOf('/') + 1);
                if (!(path.startsWith("train/") || path.startsWith("eval/")) || base.startsWith(".")) {
                    skipped.add(name);
                    continue;
                }
                byte[] content = read(file, entry);
                total += content.length;
                if (total > maxTotalBytes) {
                    throw new IllegalArgumentException("the zip unpacks to more than " + maxTotalBytes + " bytes");
                }
                target.put(path, content);
                files.add(path);
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("not a readable zip: " + e.getMessage());
        }
        return new Unpacked(files, skipped);
    }

    /**
     * The content of one entry, inflated a chunk at a time so that a bomb is refused as soon as it shows (by its
     * declared size or while it inflates), before it fills the heap.
     */
    private byte[] read(ZipFile file, ZipEntry entry) throws IOException {
        long packed = Math.max(1, entry.getCompressedSize());
        checkSize(entry.getName(), Math.max(0, entry.getSize()), packed);
        try (InputStream in = file.getInputStream(entry)) {
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                content.write(chunk, 0, n);
                checkSize(entry.getName(), content.size(), packed);
            }
            return content.toByteArray();
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

    /** The one top-level folder all entries share (e.g. {@code data/}), or empty. */
    private static String wrapper(ZipFile file) {
        String first = null;
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            String top = slash < 0 ? "" : name.substring(0, slash + 1);
            if (top.isEmpty() || top.equals("train/") || top.equals("eval/") || top.equals("__MACOSX/")) {
                if (!top.equals("__MACOSX/")) {
                    return "";
                }
                continue;
            }
            if (first == null) {
                first = top;
            } else if (!first.equals(top)) {
                return "";
            }
        }
        return first == null ? "" : first;
    }

    private static void checkName(String name) {
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.equals("..")
                || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
            throw new IllegalArgumentException("unsafe path in the zip: '" + name + "'");
        }
    }
}
