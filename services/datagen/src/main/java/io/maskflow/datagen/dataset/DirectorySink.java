package io.maskflow.datagen.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a data set into a local folder, in the same layout as in the store. */
public final class DirectorySink implements DatasetSink {

    private final Path root;

    public DirectorySink(Path root) {
        this.root = root;
    }

    @Override
    public void write(String path, byte[] content, String contentType) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("path escapes the data set folder: " + path);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
