package io.maskflow.contracts.params;

/**
 * How the {@code evaluate} step combines several input models ({@link EvaluateParams#ensemble()}): {@code soft}
 * averages their probabilities, {@code hard} counts their votes, {@code best} keeps the member with the highest macro
 * F1 on its own validation fold, {@code per-head} answers each of mask, gender and age with the member best at that
 * head. Written and read as those words, so definitions and stored commands stay as they are.
 */
public enum Ensembling implements Choice {
    SOFT, HARD, BEST, PER_HEAD;

    @Override
    public String toString() {
        return id();
    }
}
