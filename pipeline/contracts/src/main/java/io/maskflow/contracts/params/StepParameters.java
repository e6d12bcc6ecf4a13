package io.maskflow.contracts.params;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.json.EventCodec;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Binds the free-form parameter map of a command to a step's typed parameter record: given values override the
 * record's defaults, unknown names are refused, and the record's own checks run.
 */
public final class StepParameters {

    private StepParameters() {
    }

    @SuppressWarnings("unchecked")
    public static <P extends Record> P bind(Map<String, Object> given, P defaults) {
        ObjectMapper mapper = EventCodec.instance().mapper();
        Class<P> type = (Class<P>) defaults.getClass();
        Map<String, Object> merged = new LinkedHashMap<>(mapper.convertValue(defaults, Map.class));
        if (given != null) {
            for (Map.Entry<String, Object> parameter : given.entrySet()) {
                merged.put(parameter.getKey(), exactWord(type, parameter.getKey(), parameter.getValue()));
            }
        }
        try {
            return mapper.convertValue(merged, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidParametersException(describe(e), e);
        }
    }

    /**
     * The value to bind for one given parameter (a whole number written as 4.0 as 4). Refuses an unknown parameter, a
     * fraction for a whole-number parameter (the mapper would cut it), a string for a number or a yes/no parameter
     * (the mapper would read {@code "1"} as 1), and a
     * closed-set parameter's word that is not exactly one of its words: the shared mapper reads enums without regard
     * to case or surrounding spaces, but a command keeps the word as given (its cache key hashes it), so
     * {@code Focal} must not pass for {@code focal}.
     */
    private static Object exactWord(Class<?> type, String name, Object value) {
        RecordComponent component = Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidParametersException("unknown parameter '" + name + "'", null));
        Class<?> kind = component.getType();
        boolean whole = kind == int.class || kind == long.class || kind == Integer.class || kind == Long.class;
        if (whole && value instanceof Number number && !(value instanceof Integer || value instanceof Long)
                && number.doubleValue() != Math.rint(number.doubleValue())) {
            // the mapper would cut 1.5 to 1
            throw new InvalidParametersException(name + " must be a whole number, got " + value, null);
        }
        boolean small = kind == int.class || kind == Integer.class;
        if (whole && value instanceof Number number && !fits(number, small)) {
            // the mapper's own refusal ("Numeric value (...) out of range of int") does not name the parameter
            throw new InvalidParametersException(name + " must be a whole number from "
                    + (small ? Integer.MIN_VALUE : Long.MIN_VALUE) + " to "
                    + (small ? Integer.MAX_VALUE : Long.MAX_VALUE) + ", got " + value, null);
        }
        boolean numeric = whole || kind == double.class || kind == float.class || kind == Double.class
                || kind == Float.class;
        boolean truth = kind == boolean.class || kind == Boolean.class;
        if (value instanceof String text && (numeric || truth)) {
            // the mapper would read "1" as 1 and "true" as true
            throw new InvalidParametersException(name + " must be " + (truth ? "true or false" : "a number")
                    + ", not the string '" + text + "'", null);
        }
        if (value instanceof String word && Choice.class.isAssignableFrom(component.getType())
                && !Choice.words(component.getType()).contains(word)) {
            throw new InvalidParametersException(Choice.refused(component.getType(), name, word).getMessage(), null);
        }
        if (whole && value instanceof Number number && !(value instanceof Integer || value instanceof Long)
                && Math.abs(number.doubleValue()) < 0x1p63) {
            // 4.0 for a whole number is 4 (the strict mapper refuses any number written with a fraction part)
            return number.longValue();
        }
        return value;
    }

    /** Whether a whole number fits an int ({@code small}) or a long. */
    private static boolean fits(Number number, boolean small) {
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            return false;
        }
        BigDecimal value = new BigDecimal(number.toString());
        return value.compareTo(BigDecimal.valueOf(small ? Integer.MIN_VALUE : Long.MIN_VALUE)) >= 0
                && value.compareTo(BigDecimal.valueOf(small ? Integer.MAX_VALUE : Long.MAX_VALUE)) <= 0;
    }

    /** The parameter record, with its defaults, of a step type. */
    public static Record defaultsOf(StepType step) {
        return switch (step) {
            case DATAGEN -> DatagenParams.DEFAULTS;
            case PREPROCESS -> PreprocessParams.DEFAULTS;
            case TRAIN -> TrainParams.DEFAULTS;
            case EVALUATE -> EvaluateParams.DEFAULTS;
        };
    }

    /** Checks parameters for a step type without keeping the result; throws naming the bad parameter. */
    public static void check(StepType step, Map<String, Object> given) {
        bind(given, defaultsOf(step));
    }

    /** Asks for a value from a fixed set, naming the allowed ones when it is not. */
    public static String oneOf(String value, String name, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + new java.util.TreeSet<>(allowed)
                    + ", got '" + value + "'");
        }
        return value;
    }

    /** Asks for a number within a closed range. */
    public static double within(double value, String name, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + number(min) + " and " + number(max)
                    + ", got " + number(value));
        }
        return value;
    }

    /** 3 for 3.0, 0.25 for 0.25: parameters that are whole numbers read as whole numbers. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String describe(IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                && mismatch.getPath().get(0).getFieldName() != null) {
            String field = mismatch.getPath().get(0).getFieldName();
            if (cause instanceof InvalidFormatException invalid && Choice.class.isAssignableFrom(
                    mismatch.getTargetType())) {
                return Choice.refused(mismatch.getTargetType(), field, invalid.getValue()).getMessage();
            }
            String value = cause instanceof InvalidFormatException invalid ? " '" + invalid.getValue() + "'" : "";
            return "parameter '" + field + "' has the wrong type" + value + ": expected "
                    + mismatch.getTargetType().getSimpleName();
        }
        if (cause instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return invalid.getCause().getMessage();
        }
        return cause == null ? e.getMessage() : cause.getMessage().lines().findFirst().orElse("invalid value");
    }
}
