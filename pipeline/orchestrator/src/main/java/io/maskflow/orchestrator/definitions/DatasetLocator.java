package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.ArtifactRef;

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
}
