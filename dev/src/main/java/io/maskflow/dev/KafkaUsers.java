package io.maskflow.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Kafka principals of Maskflow and what each may do: one SCRAM-SHA-512 user per service, each allowed to read
 * and write only its own topics and consumer groups, plus {@value #ADMIN}, the super user the local stack and the
 * tests use to set the broker up. The same table is in the Helm chart ({@code templates/kafka-users.yaml}) and in
 * {@code docs/security.md}; the topic names are those of {@code io.maskflow.contracts.Topics}.
 */
public final class KafkaUsers {

    /** The super user: creates topics, users and ACLs; the tests' own clients use it. */
    public static final String ADMIN = "admin";
    /** The SASL mechanism of every service principal. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    static final String RUNS_REQUESTED = "maskflow.runs.requested";
    static final String RUNS_CANCEL = "maskflow.runs.cancel";
    static final String RUNS_EVENTS = "maskflow.runs.events";
    static final String STEPS_EVENTS = "maskflow.steps.events";
    static final String MODELS_PROMOTED = "maskflow.models.promoted";
    static final String DEAD_LETTER = "maskflow.deadletter";

    /** Every topic of the contracts; the local stack creates them, as services may not. */
    public static final List<String> TOPICS = List.of(RUNS_REQUESTED, RUNS_CANCEL, RUNS_EVENTS, command("datagen"),
            command("preprocess"), command("train"), command("evaluate"), STEPS_EVENTS, MODELS_PROMOTED, DEAD_LETTER);

    /**
     * What one principal may do.
     *
     * @param principal the user name ({@code User:<principal>} to the broker)
     * @param reads topics it consumes
     * @param writes topics it produces to
     * @param groups consumer groups it may join, by exact name
     * @param groupPrefixes consumer groups it may join, by name prefix (serving: one group per replica)
     */
    public record Access(String principal, List<String> reads, List<String> writes, List<String> groups,
            List<String> groupPrefixes) {
    }

    /** The principals of the services, and {@code submitter}: whoever asks for runs from a shell. */
    public static final List<Access> SERVICES = List.of(
            // the orchestrator forwards run and cancel requests to the replica that owns the run (docs/operations.md)
            new Access("orchestrator", List.of(RUNS_REQUESTED, RUNS_CANCEL, STEPS_EVENTS),
                    List.of(RUNS_REQUESTED, RUNS_CANCEL, RUNS_EVENTS, command("datagen"), command("preprocess"),
                            command("train"), command("evaluate"), DEAD_LETTER),
                    List.of("maskflow-orchestrator"), List.of()),
            // datagen, preprocess and evaluator also accept step requests over HTTP and queue them on their own
            // command topic
            new Access("datagen", List.of(command("datagen")), List.of(command("datagen"), STEPS_EVENTS, DEAD_LETTER),
                    List.of("maskflow-datagen"), List.of()),
            new Access("preprocess", List.of(command("preprocess")),
                    List.of(command("preprocess"), STEPS_EVENTS, DEAD_LETTER), List.of("maskflow-preprocess"),
                    List.of()),
            new Access("trainer", List.of(command("train")), List.of(STEPS_EVENTS, DEAD_LETTER),
                    List.of("maskflow-trainer"), List.of()),
            new Access("evaluator", List.of(command("evaluate")),
                    List.of(command("evaluate"), STEPS_EVENTS, MODELS_PROMOTED, DEAD_LETTER),
                    List.of("maskflow-evaluator", "maskflow-evaluator-promotions"), List.of()),
            // serving writes only the dead letters of promotions it cannot read
            new Access("serving", List.of(MODELS_PROMOTED), List.of(DEAD_LETTER), List.of(),
                    List.of("maskflow-serving-")),
            new Access("submitter", List.of(), List.of(RUNS_REQUESTED), List.of(), List.of()));

    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaUsers() {
    }

    static String command(String step) {
        return "maskflow.steps." + step;
    }

    /** The access of {@code principal}; fails for a name that is not in {@link #SERVICES}. */
    public static Access access(String principal) {
        return SERVICES.stream().filter(a -> a.principal().equals(principal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka principal '" + principal + "'; known: "
                        + SERVICES.stream().map(Access::principal).collect(Collectors.joining(", "))));
    }

    /** Every principal name: {@value #ADMIN} first, then the services'. */
    static List<String> principals() {
        List<String> names = new ArrayList<>(List.of(ADMIN));
        SERVICES.forEach(a -> names.add(a.principal()));
        return names;
    }

    /**
     * The passwords of every principal, kept in {@code file} (readable by the owner only): read when it exists,
     * else generated at random and written. A principal missing from an older file gets a new password.
     */
    static Map<String, String> passwords(Path file) {
        try {
            Map<String, String> passwords = new LinkedHashMap<>();
            if (Files.exists(file)) {
                try (Stream<String> lines = Files.lines(file)) {
                    lines.filter(l -> !l.isBlank() && !l.startsWith("#") && l.contains("="))
                            .forEach(l -> passwords.put(l.substring(0, l.indexOf('=')).trim(),
                                    l.substring(l.indexOf('=') + 1).trim()));
                }
            }
            boolean changed = false;
            for (String principal : principals()) {
                if (!passwords.containsKey(principal)) {
                    passwords.put(principal, randomPassword());
                    changed = true;
                }
            }
            if (changed) {
                writePrivate(file, "# Kafka SCRAM passwords of the local stack, one per principal; generated once.\n"
                        + passwords.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(Collectors.joining()));
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the Kafka passwords in " + file, e);
        }
    }

    /** The JAAS line a client logs in with. */
    public static String jaasConfig(String loginModule, String principal, String password) {
        return loginModule + " required username=\"" + principal + "\" password=\"" + password + "\";";
    }

    static String scramJaas(String principal, String password) {
        return jaasConfig("org.apache.kafka.common.security.scram.ScramLoginModule", principal, password);
    }

    /** Writes a file only its owner may read (where the file system has POSIX permissions). */
    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
