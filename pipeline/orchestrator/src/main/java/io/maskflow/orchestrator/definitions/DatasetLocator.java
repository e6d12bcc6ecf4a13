package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.ArtifactRef;

/**
 * Turns the value of a {@code dataset} parameter (a store key or {@code s3://bucket/prefix}) into the reference
 * steps receive, after checking that a data set in the competition layout is there; throws a
 * {@link DefinitionException} saying what is wrong otherwise, so a bad data set is refused before the run starts.
 */
@FunctionalInterface
public interface DatasetLocator {

    /** A locator that refuses every data set, for checks of definitions that need no store. */
    DatasetLocator NONE = value -> {
        throw new DefinitionException("data sets cannot be looked up here");
    };

    ArtifactRef locate(String value);
}
