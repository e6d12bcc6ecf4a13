package io.maskflow.orchestrator.datasets;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.sdk.store.DatasetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A data set in the store as one zip of the plain competition layout: every file under its path, photos taken out
 * of their packs (the packs and their index are left out), entries stored as they are. What {@code maskflow
 * download --layout} unpacks into a folder.
 */
public final class LayoutZip {

    private final DatasetFiles files;
    private final List<String> paths;

    private LayoutZip(DatasetFiles files, List<String> paths) {
        this.files = files;
        this.paths = paths;
    }

    /**
     * The data set's files without its packs.
     *
     * @throws IllegalArgumentException naming what is missing, when they are not a data set in the competition
     *     layout or a set of face photos
     */
    public static LayoutZip of(DatasetFiles files) {
        List<String> paths = files.list("").stream()
                .filter(p -> !p.startsWith(DatasetPacks.FOLDER) && !p.equals(DatasetPacks.FILE_NAME)).toList();
        List<String> problems = CompetitionLayout.layoutProblems(paths);
        if (!problems.isEmpty() && paths.stream().noneMatch(p -> p.startsWith(CompetitionLayout.FACES))) {
            throw new IllegalArgumentException(files.name() + " is not a data set in the competition layout: "
                    + String.join("; ", problems));
        }
        return new LayoutZip(files, paths);
    }

    /** How many files the zip has. */
    public int count() {
        return paths.size();
    }

    /** The bytes of its files (not counting the zip's headers). */
    public long bytes() {
        return paths.stream().mapToLong(p -> files.file(p).orElseThrow().size()).sum();
    }

    /** Writes the zip; every file is checked as it is read (see {@link DatasetFiles}). */
    public void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(0);
        for (String path : paths) {
            zip.putNextEntry(new ZipEntry(path));
            try (InputStream in = files.open(path)) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
