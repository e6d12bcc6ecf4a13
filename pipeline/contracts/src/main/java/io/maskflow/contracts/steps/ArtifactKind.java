package io.maskflow.contracts.steps;

/** What an artifact that one step hands to another is, so that a pipeline can be checked before it runs. */
public enum ArtifactKind {
    /** A data set's manifest ({@code dataset.json}), in the competition layout beside it. */
    DATASET,
    /** A CSV file: a {@code train.csv}, an eval folder's {@code info.csv}, answers, pseudo-labels, a submission. */
    CSV,
    /** A preprocessed data set: the shard index ({@code index.json}) and its shards. */
    SHARDS,
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
    IMAGE
}
