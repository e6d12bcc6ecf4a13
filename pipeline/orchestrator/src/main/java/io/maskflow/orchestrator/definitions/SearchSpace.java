package io.maskflow.orchestrator.definitions;

import io.maskflow.contracts.params.TrainParams;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trials of a search: each trial is a map of step parameters drawn from a space. A field of the space is
 * <ul>
 *   <li>a list of values: one of them per trial (every one, in a grid);</li>
 *   <li>{@code {uniform: [low, high]}} or {@code {logUniform: [low, high]}}: a number drawn from that range
 *       (random search only), kept to 4 significant digits, or the nearest whole number for a train parameter that
 *       takes whole numbers ({@code batchSize}, {@code epochs});</li>
 *   <li>anything else: the same value in every trial.</li>
 * </ul>
 * A {@code grid} takes every combination of the lists, the first field varying slowest; {@code random} draws
 * {@code trials} combinations with the run's seed, so the same request gives the same trials (and hits the cache).
 */
public final class SearchSpace {

    /** The train parameters that take whole numbers: a range over one of them draws whole numbers. */
    private static final Set<String> WHOLE_NUMBERS = Arrays.stream(TrainParams.class.getRecordComponents())
            .filter(c -> c.getType() == int.class || c.getType() == long.class)
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    /** The most trials one search may have, as for any repeated step. */
    static final int MAX_TRIALS = 100;

    private SearchSpace() {
    }

    /** The trials, or a {@link DefinitionException} saying what is wrong with the space or the method. */
    public static List<Map<String, Object>> trials(Object space, Object method, Object trials, Object seed) {
        if (!(space instanceof Map<?, ?> fields) || fields.isEmpty()) {
            throw new DefinitionException("a search needs a space: a map of parameter name to values, got '"
                    + ParameterDef.shown(space) + "'");
        }
        String how = String.valueOf(method).strip().toLowerCase(Locale.ROOT);
        return switch (how) {
            case "grid" -> grid(fields);
            case "random" -> random(fields, count(trials), seed instanceof Number n ? n.longValue() : 0L);
            default -> throw new DefinitionException("search method must be grid or random, got '" + method + "'");
        };
    }

    private static List<Map<String, Object>> grid(Map<?, ?> space) {
        long size = gridSize(space);
        if (size > MAX_TRIALS) {
            // counted before any is built: a few long lists must not fill the heap before they are refused
            throw new DefinitionException("the grid has " + (size == Long.MAX_VALUE ? "over " : "") + size
                    + " combinations, more than " + MAX_TRIALS + " (the most trials one search may have)");
        }
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<?, ?> field : space.entrySet()) {
            String name = String.valueOf(field.getKey());
            if (field.getValue() instanceof Map<?, ?>) {
                throw new DefinitionException("a grid search needs a list of values for '" + name + "', got the range "
                        + field.getValue() + " (ranges are for method random)");
            }
            List<?> values = field.getValue() instanceof List<?> list ? choices(name, list)
                    : List.of(field.getValue());
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object value : values) {
                    Map<String, Object> trial = new LinkedHashMap<>(partial);
                    trial.put(name, value);
                    next.add(trial);
                }
            }
            if (next.size() > MAX_TRIALS) {
                throw new DefinitionException("the grid has more than " + MAX_TRIALS + " combinations");
            }
            combinations = next;
        }
        return combinations;
    }

    /** How many combinations a grid has: the product of its lists' lengths, {@link Long#MAX_VALUE} at most. */
    private static long gridSize(Map<?, ?> space) {
        long size = 1;
        for (Object values : space.values()) {
            if (values instanceof List<?> list && !list.isEmpty()) {
                try {
                    size = Math.multiplyExact(size, list.size());
                } catch (ArithmeticException e) {
                    return Long.MAX_VALUE;
                }
            }
        }
        return size;
    }

    private static List<Map<String, Object>> random(Map<?, ?> space, int trials, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> drawn = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Map<String, Object> trial = draw(space, random);
            // a space of few choices repeats itself; a repeat is drawn again a few times, then kept
            for (int again = 0; again < 20 && drawn.contains(trial); again++) {
                trial = draw(space, random);
            }
            drawn.add(trial);
        }
        return drawn;
    }

    private static Map<String, Object> draw(Map<?, ?> space, Random random) {
        Map<String, Object> trial = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : space.entrySet()) {
            String name = String.valueOf(field.getKey());
            Object value = field.getValue();
            if (value instanceof List<?> list) {
                List<?> values = choices(name, list);
                trial.put(name, values.get(random.nextInt(values.size())));
            } else if (value instanceof Map<?, ?> range) {
                double drawn = fromRange(name, range, random);
                // a whole-number parameter (batchSize, epochs) gets the nearest whole number, not 37.42
                trial.put(name, WHOLE_NUMBERS.contains(name) ? (Object) Math.round(drawn) : (Object) drawn);
            } else {
                trial.put(name, value);
            }
        }
        return trial;
    }

    private static double fromRange(String name, Map<?, ?> range, Random random) {
        if (range.size() != 1) {
            throw new DefinitionException("the range of '" + name + "' must be {uniform: [low, high]} or "
                    + "{logUniform: [low, high]}, got " + range);
        }
        Map.Entry<?, ?> only = range.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        if (!(only.getValue() instanceof List<?> bounds) || bounds.size() != 2
                || !(bounds.get(0) instanceof Number low) || !(bounds.get(1) instanceof Number high)
                || low.doubleValue() > high.doubleValue()) {
            throw new DefinitionException("the range of '" + name + "' needs [low, high] with low ≤ high, got "
                    + only.getValue());
        }
        if (!Double.isFinite(high.doubleValue() - low.doubleValue())) {
            throw new DefinitionException("the range of '" + name + "' needs finite bounds (and a finite high - low), "
                    + "got " + only.getValue());
        }
        double u = random.nextDouble();
        double value = switch (kind) {
            case "uniform" -> low.doubleValue() + u * (high.doubleValue() - low.doubleValue());
            case "logUniform" -> {
                if (low.doubleValue() <= 0) {
                    throw new DefinitionException("a logUniform range of '" + name + "' must be above 0, got "
                            + only.getValue());
                }
                yield Math.exp(Math.log(low.doubleValue())
                        + u * (Math.log(high.doubleValue()) - Math.log(low.doubleValue())));
            }
            default -> throw new DefinitionException("the range of '" + name + "' must be uniform or logUniform, got '"
                    + kind + "'");
        };
        return new BigDecimal(value).round(new MathContext(4)).doubleValue();
    }

    private static List<?> choices(String name, List<?> values) {
        if (values.isEmpty()) {
            throw new DefinitionException("the search space gives no values for '" + name + "'");
        }
        return values;
    }

    private static int count(Object trials) {
        if (trials instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1
                && n.intValue() <= MAX_TRIALS) {
            return n.intValue();
        }
        throw new DefinitionException("a random search needs trials from 1 to " + MAX_TRIALS + ", got '" + trials
                + "'");
    }
}
