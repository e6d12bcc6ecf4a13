package io.maskflow.datagen.dataset;

import java.io.IOException;

/** Where a generated data set goes, file by file: the artifact store in the service, a folder in tests. */
public interface DatasetSink {

    /**
     * Writes one file of the data set. Called from several threads at once.
     *
     * @param path the path inside the data set, e.g. {@code train/images/000001_female_Asian_45/mask1.jpg}
     */
    void write(String path, byte[] content, String contentType) throws IOException;
}
