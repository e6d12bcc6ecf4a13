package io.maskflow.contracts.params;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the {@code evaluate} step combines several input models ({@link EvaluateParams#ensemble()}): {@code soft}
 * averages their probabilities, {@code hard} counts their votes, {@code best} keeps the member with the highest macro
 * F1 on its own validation fold, {@code per-head} answers each of mask, gender and age with the member best at that
 * head. Written and read as those words, so definitions and stored commands stay as they are.
 */
public enum Ensembling implements Choice {
    SOFT("soft"), HARD("hard"), BEST("best"), PER_HEAD("per-head");

    private final String id;

    Ensembling(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    @JsonCreator
    public static Ensembling of(String id) {
        return Choice.parse(Ensembling.class, "ensemble", id);
    }
}
