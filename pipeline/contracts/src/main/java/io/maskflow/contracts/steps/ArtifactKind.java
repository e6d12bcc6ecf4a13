package io.maskflow.contracts.steps;

import io.maskflow.contracts.dataset.DatasetManifest;
import io.maskflow.contracts.shards.ShardIndex;
import java.util.Optional;

/**
 * What an artifact that one step hands to another is, so that a pipeline can be checked before it runs; for the
 * kinds whose artifact is a JSON record of this module, also that record's type, so every service reads it typed.
 */
public enum ArtifactKind {
    /** A data set's manifest ({@code dataset.json}, a {@link DatasetManifest}), in the competition layout beside it. */
    DATASET(DatasetManifest.class),
    /** A CSV file: a {@code train.csv}, an eval folder's {@code info.csv}, answers, pseudo-labels, a submission. */
    CSV,
    /** A preprocessed data set: the shard index ({@code index.json}, a {@link ShardIndex}) and its shards. */
    SHARDS(ShardIndex.class),
    /** The person-level split of a preprocessing ({@code split.json}). */
    SPLIT,
    /** A trained model ({@code model.zip}) or an ensemble of them ({@code ensemble.json}). */
    MODEL,
    /** A training's curve, every epoch's figures ({@code curve.json}). */
    CURVE,
    /** A report in JSON. */
    REPORT,
    /** A report as plain text. */
    TEXT,
    /** A report as an HTML page. */
    PAGE,
    /** A picture (PNG). */
    IMAGE;

    private final Class<? extends Record> record;

    ArtifactKind() {
        this(null);
    }

    ArtifactKind(Class<? extends Record> record) {
        this.record = record;
    }

    /** The record type of this kind's artifact, when it is one of this module's. */
    public Optional<Class<? extends Record>> record() {
        return Optional.ofNullable(record);
    }
}
