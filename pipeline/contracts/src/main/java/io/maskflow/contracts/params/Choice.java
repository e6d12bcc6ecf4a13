package io.maskflow.contracts.params;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A parameter value from a closed set, as an enum: the code switches over constants, while definitions, requests,
 * stored commands and reports keep the plain lower-case word ({@link #id()}), so nothing written before changes.
 *
 * <p>Each such enum marks {@link #id()} with {@code @JsonValue}, returns it from {@code toString()}, and reads a
 * word through a {@code @JsonCreator} that calls {@link #parse}, so a wrong word is refused with the parameter's
 * name and the allowed words, exactly as {@link StepParameters#oneOf} says it.
 */
public interface Choice {

    /** The word a definition or request uses for this value, e.g. {@code cross-entropy}. */
    String id();

    /**
     * The constant of {@code type} whose word is {@code id}.
     *
     * @param parameter the parameter's name, for the message
     * @throws IllegalArgumentException naming the parameter and the allowed words when there is none
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String parameter, String id) {
        for (E value : type.getEnumConstants()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException(parameter + " must be one of " + new TreeSet<>(
                Arrays.stream(type.getEnumConstants()).map(Choice::id).toList()) + ", got '" + id + "'");
    }

    /** The value, or, when it is null, the same refusal as for a wrong word (with {@code 'null'} as the word). */
    static <E extends Enum<E> & Choice> E present(E value, Class<E> type, String parameter) {
        return value != null ? value : parse(type, parameter, null);
    }
}
