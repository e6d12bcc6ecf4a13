package io.maskflow.contracts.params;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A parameter value from a closed set, as an enum: the code switches over constants, while definitions, requests,
 * stored commands and reports keep the plain lower-case word ({@link #id()}: the constant's name in lower case with
 * {@code _} as {@code -}, so {@code CROSS_ENTROPY} is {@code cross-entropy}), so nothing written before changes.
 *
 * <p>An enum needs nothing but its constants and {@code toString()} returning {@link #id()} (so that text built from
 * it reads the word too): Jackson writes and reads the word through {@link #id()}, and
 * {@link StepParameters#bind} refuses a wrong word with the parameter's name and the allowed words, exactly as
 * {@link StepParameters#oneOf} says it. A record's compact constructor refuses null with {@link #present}.
 */
public interface Choice {

    /** The enum constant's name. */
    String name();

    /** The word a definition or request uses for this value, e.g. {@code cross-entropy}. */
    @JsonValue
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The allowed words of a choice type, sorted, for messages. */
    static TreeSet<String> words(Class<?> type) {
        return new TreeSet<>(Arrays.stream(type.getEnumConstants()).map(c -> ((Choice) c).id()).toList());
    }

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
        throw refused(type, parameter, id);
    }

    /** The value, or, when it is null, the same refusal as for a wrong word (with {@code 'null'} as the word). */
    static <E extends Enum<E> & Choice> E present(E value, Class<E> type, String parameter) {
        if (value == null) {
            throw refused(type, parameter, null);
        }
        return value;
    }

    /** The refusal of a word that is not one of a choice type's. */
    static IllegalArgumentException refused(Class<?> type, String parameter, Object word) {
        return new IllegalArgumentException(parameter + " must be one of " + words(type) + ", got '" + word + "'");
    }
}
