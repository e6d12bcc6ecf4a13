package io.maskflow.contracts.run;

import io.maskflow.contracts.Require;

/** A named output of a step, written {@code <stepId>.<output>} in step inputs (the last dot separates them). */
public record OutputRef(String stepId, String output) {

    public OutputRef {
        Require.id(stepId, "step id of an input");
        Require.id(output, "output name of an input");
    }

    public static OutputRef parse(String text) {
        int dot = text == null ? -1 : text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("an input must be written <stepId>.<output>, got '" + text + "'");
        }
        return new OutputRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return stepId + "." + output;
    }
}
