package io.maskflow.preprocess.shards;

import io.maskflow.contracts.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;

/** Where a preprocessing job puts its files: the step's output prefix in the store, or a folder in tests. */
public interface Outputs {

    ArtifactRef put(String name, Path file, String contentType) throws IOException;

    ArtifactRef put(String name, byte[] content, String contentType) throws IOException;
}
