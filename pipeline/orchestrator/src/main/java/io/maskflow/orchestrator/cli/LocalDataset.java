package io.maskflow.orchestrator.cli;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetZips;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A data set in the competition layout on the user's disk: a folder or a zip. Only files under {@code train/},
 * {@code eval/} (and {@code faces/}, for a set of face photos to put masks on) are taken; hidden files, macOS
 * resource forks and Windows Explorer's files are left out and counted ({@link CompetitionLayout#isHiddenOrSystem});
 * one folder wrapping them all ({@code data/train/...}) is looked through, and in a zip as many as wrap them
 * ({@link CompetitionLayout#root}). Files are read where they are, never copied; symbolic links are followed (a
 * link that leads nowhere, or back to a folder it is in, is an error naming it).
 */
final class LocalDataset implements AutoCloseable {

    /** Opens a file's content. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** One file: its path inside the data set, its size, and how to read it. */
    record Entry(String path, long size, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final ZipFile zip;
    private final String name;

    private LocalDataset(String name, ZipFile zip) {
        this.name = name;
        this.zip = zip;
    }

    static LocalDataset open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        if (Files.isRegularFile(path)) {
            return zip(path);
        }
        throw new IllegalArgumentException("no such folder or zip: " + path);
    }

    private static LocalDataset folder(Path dir) throws IOException {
        Path root = dir;
        if (!Files.isDirectory(root.resolve("train")) && !Files.isDirectory(root.resolve("eval"))
                && !Files.isDirectory(root.resolve("faces"))) {
            try (Stream<Path> children = Files.list(dir)) {
                List<Path> folders = children.filter(Files::isDirectory).filter(c -> Files.isDirectory(c.resolve(
                        "train"))).toList();
                if (folders.size() == 1) {
                    root = folders.get(0);
                }
            }
        }
        LocalDataset data = new LocalDataset(dir.toString(), null);
        Path base = root;
        for (Path file : walk(root)) {
            String path = base.relativize(file).toString().replace('\\', '/');
            if (Files.isDirectory(file) || !data.take(path)) {
                continue;
            }
            if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                throw new FileSystemException(file.toString(), null, "a symbolic link to "
                        + Files.readSymbolicLink(file) + ", which does not exist; remove the link or point it at "
                        + "the file or folder it stands for");
            }
            if (Files.isRegularFile(file)) {
                data.entries.add(new Entry(path, Files.size(file), () -> Files.newInputStream(file)));
            }
        }
        return data;
    }

    /**
     * Every path under a folder, sorted, following symbolic links (a data set put together from links to files or
     * folders elsewhere is sent as the files they lead to); a link that leads back to a folder it is in is named
     * rather than followed forever.
     */
    private static List<Path> walk(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return files.sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                Path link = Path.of(loop.getFile());
                throw new FileSystemException(loop.getFile(), null, "a symbolic link "
                        + (Files.isSymbolicLink(link) ? "to " + Files.readSymbolicLink(link) + " " : "")
                        + "that leads back to a folder it is in (a loop); remove it or point it elsewhere");
            }
            throw e.getCause();
        }
    }

    /**
     * A zip, its names read as UTF-8 or CP949 ({@link DatasetZips}). One that cannot be read is a file the command
     * could not read ("cannot read x.zip: ..."), not a usage error: the usage was printed after it.
     */
    private static LocalDataset zip(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString());
        }
        ZipFile zip;
        try {
            zip = DatasetZips.open(file);
        } catch (DatasetZips.UnreadableNames e) {
            throw new FileSystemException(file.toString(), null, e.getMessage());
        } catch (IOException e) {
            throw new FileSystemException(file.toString(), null, "neither a folder nor a readable zip ("
                    + e.getMessage() + ")");
        }
        LocalDataset data = new LocalDataset(file.toString(), zip);
        String wrapper;
        try {
            wrapper = wrapper(zip);
        } catch (IllegalArgumentException e) {
            zip.close(); // two data sets side by side: nothing of it is read
            throw e;
        }
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = path(entry);
            if (entry.isDirectory() || name.endsWith("/")) {
                continue;
            }
            String path = name.startsWith(wrapper) ? name.substring(wrapper.length()) : name;
            if (!data.take(path)) {
                continue;
            }
            if (!seen.add(path)) {
                // the upload stopped on it after proposing the data set, reported as an orchestrator out of reach
                zip.close();
                throw new FileSystemException(file.toString(), null, "holds " + path + " twice (two entries for one "
                        + "path); a data set has one file for each: zip it again from the folder");
            }
            data.entries.add(new Entry(path, entry.getSize(), () -> new CrcChecked(zip.getInputStream(entry),
                    entry.getCrc(), path)));
        }
        return data;
    }

    /**
     * An entry's bytes, checked against the CRC-32 the zip records for it once they are read to the end:
     * {@code ZipFile} does not check it, and a damaged photo was uploaded as it was, where preprocess refuses the
     * same zip as broken. The JDK's {@link CheckedInputStream} sums what is read (and skipped); this says when the sum
     * is wrong.
     */
    private static final class CrcChecked extends CheckedInputStream {

        private final long expected;
        private final String path;

        CrcChecked(InputStream in, long expected, String path) {
            super(in, new CRC32());
            this.expected = expected;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                check();
            }
            return n;
        }

        private void check() throws ZipException {
            long sum = getChecksum().getValue();
            if (expected != -1 && sum != expected) {
                throw new ZipException(path + " is damaged in the zip: its bytes do not match the CRC-32 the zip "
                        + "records for it (" + Long.toHexString(sum) + " against " + Long.toHexString(expected)
                        + "); zip the data set again from the folder");
            }
        }
    }

    /**
     * An entry's path with '/' between its folders: some Windows tools write '\' there, against the zip format,
     * and such a zip's files were all left out ("has no files under train/").
     */
    private static String path(ZipEntry entry) {
        return entry.getName().replace('\\', '/');
    }

    /** The folder that holds the layout ({@code data/}, {@code a/b/data/}), or empty: its root. */
    private static String wrapper(ZipFile zip) {
        return CompetitionLayout.root(zip.stream().map(LocalDataset::path).toList());
    }

    /** Whether a path is part of the layout; records why not otherwise. */
    private boolean take(String path) {
        boolean hidden = CompetitionLayout.isHiddenOrSystem(path);
        boolean inLayout = path.startsWith("train/") || path.startsWith("eval/") || path.startsWith("faces/");
        if (hidden || !inLayout || path.contains("..") || path.contains("\\")) {
            skipped.add(path);
            return false;
        }
        return true;
    }

    String name() {
        return name;
    }

    List<Entry> entries() {
        return entries;
    }

    List<String> skipped() {
        return skipped;
    }

    /** The top folders present, as "train/ and eval/". */
    String folders() {
        List<String> tops = entries.stream().map(e -> e.path().substring(0, e.path().indexOf('/') + 1)).distinct()
                .sorted(java.util.Comparator.comparing(t -> List.of("train/", "eval/", "faces/").indexOf(t)))
                .toList();
        return tops.size() <= 1 ? String.join("", tops) : String.join(", ", tops.subList(0, tops.size() - 1))
                + " and " + tops.get(tops.size() - 1);
    }

    long bytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    /** SHA-256 of one file, streamed. */
    static String sha256(Entry entry) {
        try (InputStream in = entry.open()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.path() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Path to {@code {size, sha256}} for every file, hashed on {@code threads} threads, in path order. */
    Map<String, Map<String, Object>> manifest(ProgressBar progress) {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        long[] bytes = {0};
        int[] count = {0};
        List<String> hashes = entries.parallelStream().map(e -> {
            String hash = sha256(e);
            synchronized (bytes) {
                bytes[0] += e.size();
                count[0]++;
                progress.update(bytes[0], count[0]);
            }
            return hash;
        }).toList();
        for (int i = 0; i < entries.size(); i++) {
            files.put(entries.get(i).path(), Map.of("size", entries.get(i).size(), "sha256", hashes.get(i)));
        }
        progress.done(bytes[0], count[0]);
        return files;
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
