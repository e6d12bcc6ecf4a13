package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.ArtifactRef;
import java.util.Set;

/**
 * Turns the value of a {@code dataset} or {@code faces} parameter (a store key or {@code s3://bucket/prefix}) into
 * the reference steps receive, after checking that a data set of that kind is there; throws a
 * {@link DefinitionException} saying what is wrong otherwise, so a bad data set is refused before the run starts.
 */
@FunctionalInterface
public interface DatasetLocator {

    /** What a data set parameter must hold. */
    enum Kind {
        /** A data set in the competition layout ({@code train/}, optionally {@code eval/}). */
        COMPETITION,
        /** Bare face photos under {@code faces/}, to put masks on. */
        FACES
    }

    /** A locator that refuses every data set, for checks of definitions that need no store. */
    DatasetLocator NONE = (value, kind) -> {
        throw new DefinitionException("data sets cannot be looked up here");
    };

    ArtifactRef locate(String value, Kind kind);

    /**
     * A data set that was found: the reference steps receive, and the paths of its files ({@code train/train.csv},
     * {@code eval/info.csv}, ...) as its manifest lists them, or null when the locator does not know them.
     */
    record Found(ArtifactRef ref, Set<String> files) {

        /** Whether the data set is known to have no file at {@code path}; false when its files are not known. */
        public boolean lacks(String path) {
            return files != null && !files.contains(path);
        }
    }

    /**
     * {@link #locate}, with the data set's files when this locator knows them, so that a run can be checked against
     * what its data set holds (an {@code eval/} folder, drawing values) when it is submitted.
     */
    default Found find(String value, Kind kind) {
        return new Found(locate(value, kind), null);
    }
}
