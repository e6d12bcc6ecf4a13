package io.maskflow.preprocess.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A data set in the competition layout, read file by file: a prefix of the artifact store, or a folder. */
public interface DatasetSource {

    /** A short name for reports, e.g. the store prefix. */
    String name();

    /** Paths (relative to the data set's root) of every file under {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    boolean exists(String path) throws IOException;

    InputStream open(String path) throws IOException;

    default byte[] read(String path) throws IOException {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }
}
