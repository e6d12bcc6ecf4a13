package io.maskflow.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A command's arguments, read strictly against what the command takes: an option it does not take, an option
 * without its value (at the end, or followed by another option), an option given twice (for {@code -p}: the same
 * name twice) or an argument too many is an {@link IllegalArgumentException}, a usage error, before anything is
 * sent. {@code --name=value} is {@code --name value}; a switch takes {@code =true} or {@code =false}; {@code --} ends
 * the options. Before, an unknown option, a {@code --name=value} and an extra argument were ignored, so that
 * {@code delete RUN --dry-run=true} deleted the run.
 */
final class CliArgs {

    /** What a command takes: its arguments (at least, at most) and its options. */
    private record Spec(int min, int max, String needs, List<String> options) {
    }

    private static final int ANY = Integer.MAX_VALUE;
    private static final String[] FOLLOW = {"--follow", "--stall V", "--plain", "--live", "--cpu"};
    /** An option is a switch, takes a value ({@code " V"}) or {@code name=value} pairs ({@code " k=v"}, repeated). */
    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        spec("pipelines", 0, 0, "");
        spec("submit", 1, 1, "a pipeline name", concat(FOLLOW, "-p k=v", "--run-id V"));
        spec("runs", 0, 0, "", "--status V", "--pipeline V", "--all");
        spec("run", 1, 1, "a run id", FOLLOW);
        spec("cancel", 1, 1, "a run id");
        spec("compare", 2, ANY, "two or more run ids");
        spec("delete", 1, 1, "a run id", "--dry-run");
        spec("retention", 0, 0, "", "--apply", "--max-age V", "--keep-last V", "--pipeline V");
        spec("logs", 1, 2, "a run id", "--attempt V");
        spec("predict", 1, 1, "an image file");
        spec("upload", 0, 1, "a folder or a zip", "--abandon V");
        spec("download", 2, 2, "a run id and an output name", "-o V", "--layout V");
        spec("schedule list", 0, 0, "");
        spec("schedule create", 1, 1, "a schedule name", "--pipeline V", "--cron V", "--time-zone V", "--param k=v",
                "-p k=v", "--paused");
        for (String verb : List.of("show", "pause", "resume", "delete")) {
            spec("schedule " + verb, 1, 1, "a schedule name");
        }
        spec("help", 0, 1, "");
    }

    private static void spec(String command, int min, int max, String needs, String... options) {
        SPECS.put(command, new Spec(min, max, needs, List.of(options)));
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(more));
        all.addAll(Arrays.asList(first));
        return all.toArray(String[]::new);
    }

    private static final ObjectMapper VALUES = new ObjectMapper();
    private static final BigDecimal LONG_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE);

    private final String command;
    private final List<String> positionals = new ArrayList<>();
    /** The options given: a switch's {@code true}/{@code false}, an option's value. */
    private final Map<String, String> values = new LinkedHashMap<>();
    /** The {@code name=value} pairs as typed: the text after {@code =}, by name. */
    private final Map<String, String> pairs = new LinkedHashMap<>();

    private CliArgs(String command) {
        this.command = command;
    }

    /** The command ({@code schedule create} for a schedule's) and its arguments; a usage error when they are wrong. */
    static CliArgs parse(String... args) {
        String command = args[0].equals("--help") || args[0].equals("-h") ? "help" : args[0];
        int from = 1;
        if (command.equals("schedule")) {
            command = "schedule " + (args.length > 1 ? args[1] : "");
            from = 2;
            if (!SPECS.containsKey(command)) {
                throw new IllegalArgumentException("schedule takes create, list, show, pause, resume or delete");
            }
        }
        Spec spec = SPECS.get(command);
        if (spec == null) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        CliArgs parsed = new CliArgs(command);
        parsed.read(spec, Arrays.asList(args).subList(from, args.length));
        return parsed;
    }

    private void read(Spec spec, List<String> args) {
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (options && arg.equals("--")) {
                options = false;
            } else if (options && isOption(arg)) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String kind = spec.options().stream().filter(o -> o.equals(name) || o.startsWith(name + " "))
                        .map(o -> o.substring(name.length()).strip()).findFirst().orElseThrow(() ->
                                new IllegalArgumentException(unknown(name, spec.options())));
                String value = eq >= 0 ? arg.substring(eq + 1) : null;
                if (kind.isEmpty()) {
                    putSwitch(name, value);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size() || isOption(args.get(i + 1))) {
                        throw new IllegalArgumentException(name + " needs a value" + (kind.equals("k=v")
                                ? " (name=value)" : "") + (i + 1 < args.size() ? " ('" + args.get(i + 1) + "' is an "
                                + "option; a value that starts with '-' goes as " + name + "=VALUE)" : ""));
                    }
                    value = args.get(++i);
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs a value, not an empty one");
                }
                if (kind.equals("k=v")) {
                    putPair(name, value);
                } else if (values.containsKey(name)) {
                    throw new IllegalArgumentException(name + " is given twice ('" + values.get(name) + "' and '"
                            + value + "'); give it once");
                } else {
                    values.put(name, value);
                }
            } else if (arg.isEmpty()) {
                throw new IllegalArgumentException(command + " got an empty argument");
            } else {
                positionals.add(arg);
            }
        }
        if (positionals.size() > spec.max()) {
            List<String> extra = positionals.subList(spec.max(), positionals.size());
            throw new IllegalArgumentException((extra.size() == 1 ? "an extra argument" : "extra arguments") + " for "
                    + command + ": " + extra.stream().map(e -> "'" + e + "'").collect(Collectors.joining(", "))
                    + " (it takes " + List.of("no arguments", "one argument", "two arguments").get(spec.max()) + ")");
        }
        if (positionals.size() < spec.min()) {
            throw new IllegalArgumentException(command + " needs " + spec.needs());
        }
        if (spec.max() == ANY) {
            // compare: the same run twice would be two columns under one name
            Set<String> seen = new HashSet<>();
            for (String positional : positionals) {
                if (!seen.add(positional)) {
                    throw new IllegalArgumentException(command + " got '" + positional + "' twice: it needs "
                            + spec.needs() + ", each once");
                }
            }
        }
    }

    /** An option: a word that starts with '-' and a letter or a second '-' ({@code -1} and {@code -} are not). */
    private static boolean isOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && (arg.charAt(1) == '-' || Character.isLetter(arg.charAt(1)));
    }

    private void putSwitch(String name, String value) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + " is a switch: give it alone, or as " + name + "=true or "
                    + name + "=false, not '" + name + "=" + value + "'");
        }
        if (values.containsKey(name)) {
            throw new IllegalArgumentException(name + " is given twice; give it once");
        }
        values.put(name, value == null ? "true" : value);
    }

    private void putPair(String flag, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(flag + " takes name=value, got '" + pair + "'");
        }
        String name = pair.substring(0, eq);
        if (pairs.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is given twice ('" + pairs.get(name)
                    + "' and '" + pair.substring(eq + 1) + "'); give it once");
        }
        pairs.put(name, pair.substring(eq + 1));
    }

    /** "unknown option '--dryrun' for delete; it takes --dry-run", the closest first when one is close. */
    private String unknown(String option, List<String> options) {
        List<String> names = options.stream().map(o -> o.split(" ")[0]).toList();
        String message = "unknown option '" + option + "' for " + command;
        if (names.isEmpty()) {
            return message + "; it takes none (an argument that starts with '-' goes after --)";
        }
        String closest = names.stream().min((a, b) -> distance(option, a) - distance(option, b)).orElseThrow();
        int distance = distance(option, closest);
        String takes = "it takes " + String.join(", ", names);
        return names.size() > 1 && distance <= Math.max(2, closest.length() / 3)
                ? message + "; did you mean " + closest + "? (" + takes + ")" : message + "; " + takes;
    }

    /** The Levenshtein distance between two words. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** {@code submit}, {@code schedule create}, ... */
    String command() {
        return command;
    }

    List<String> positionals() {
        return positionals;
    }

    /** The {@code i}th argument, or null when there are fewer. */
    String positional(int i) {
        return i < positionals.size() ? positionals.get(i) : null;
    }

    /** Whether a switch is on ({@code --dry-run}, {@code --dry-run=true}). */
    boolean has(String option) {
        return "true".equals(values.get(option));
    }

    /** Whether a switch or option was given at all ({@code --plain=false} too). */
    boolean given(String option) {
        return values.containsKey(option);
    }

    /** An option's value, or null when it was not given. */
    String value(String option) {
        return values.get(option);
    }

    /** The {@code -p name=value} pairs, each value as {@link #parameterValue} reads it. */
    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        pairs.forEach((name, text) -> parameters.put(name, parameterValue(text)));
        return parameters;
    }

    /**
     * A server's refusal with the values of the parameters as typed: the server says what it got the way Java
     * prints it ({@code got '{a=1}'} for {@code -p 'persons={"a":1}'}); a value within one is shown as JSON.
     */
    String shown(String message) {
        String shown = message;
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            int at = shown.indexOf("parameter '" + pair.getKey() + "'");
            int got = at < 0 ? -1 : shown.indexOf("got '", at);
            if (got < 0) {
                continue;
            }
            got += "got '".length();
            Object value = parameterValue(pair.getValue());
            Map<String, String> forms = new LinkedHashMap<>();
            forms.put(String.valueOf(value), pair.getValue());
            inner(value, forms);
            for (Map.Entry<String, String> form : forms.entrySet()) {
                if (shown.startsWith(form.getKey() + "'", got)) {
                    shown = shown.substring(0, got) + form.getValue() + shown.substring(got + form.getKey().length());
                    break;
                }
            }
        }
        return shown;
    }

    /** The values inside a map or list, each as Java prints it and as JSON. */
    private static void inner(Object value, Map<String, String> forms) {
        Collection<?> inside = value instanceof Map<?, ?> map ? map.values()
                : value instanceof List<?> list ? list : List.of();
        for (Object item : inside) {
            try {
                forms.putIfAbsent(String.valueOf(item), VALUES.writeValueAsString(item));
            } catch (JsonProcessingException e) {
                forms.putIfAbsent(String.valueOf(item), String.valueOf(item));
            }
            inner(item, forms);
        }
    }

    /**
     * A {@code -p name=value}'s value: JSON when it parses as JSON ({@code 3}, {@code 0.01}, {@code true},
     * {@code [1,2]}), a number when it reads as one in another way ({@code .001}, {@code 1.}, {@code +3},
     * {@code 007}: the services refuse a number sent as text), else the text.
     */
    static Object parameterValue(String value) {
        try {
            return VALUES.readValue(value, Object.class);
        } catch (JsonProcessingException e) {
            try {
                BigDecimal number = new BigDecimal(value.strip());
                return number.stripTrailingZeros().scale() <= 0 && number.abs().compareTo(LONG_LIMIT) < 0
                        ? (Object) number.longValueExact() : (Object) number.doubleValue();
            } catch (NumberFormatException | ArithmeticException notANumber) {
                return value;
            }
        }
    }

    /**
     * The lines of {@code usage} about {@code command} (for {@code schedule pause}, those of {@code schedule
     * show|pause|...}; all of {@code schedule}'s for another word), or null when none is.
     */
    static String usageOf(String usage, String command) {
        String[] words = command.split(" ");
        List<String> lines = lines(usage, words[0], words.length > 1 ? words[1] : null);
        if (lines.isEmpty() && words.length > 1) {
            lines = lines(usage, words[0], null);
        }
        return lines.isEmpty() || words[0].equals("help") ? null : "usage: maskflow\n" + String.join("\n", lines);
    }

    private static List<String> lines(String usage, String word, String verb) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : usage.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                String[] first = line.strip().split(" +");
                in = first[0].equals(word) && (verb == null || first.length > 1
                        && Arrays.asList(first[1].split("\\|")).contains(verb));
            } else if (!line.startsWith("   ")) {
                in = false;
            }
            if (in) {
                lines.add(line);
            }
        }
        return lines;
    }
}
