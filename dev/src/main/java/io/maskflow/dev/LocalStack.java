package io.maskflow.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack: a real Kafka broker and a real S3-compatible server, each its own process on loopback, started
 * together. Used by the laptop run ({@link #main}) and by the tests ({@link #shared()}, {@link LocalStackResource}).
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The stacks started in this JVM, by Kafka bootstrap address. */
    private static final Map<String, LocalStack> RUNNING = new ConcurrentHashMap<>();
    private static LocalStack shared;

    private final StackConfig config;
    private final KafkaBroker kafka;
    private final S3Server s3;
    private final boolean deleteDataOnClose;
    private final LocalSecrets tokens;
    private Duration kafkaStartTime = Duration.ZERO;
    private Duration s3StartTime = Duration.ZERO;

    private LocalStack(StackConfig config, boolean deleteDataOnClose, LocalSecrets tokens) {
        this.config = config;
        this.tokens = tokens;
        this.kafka = new KafkaBroker(config);
        this.s3 = new S3Server(config);
        this.deleteDataOnClose = deleteDataOnClose;
    }

    /** Starts both servers at the same time and returns when both answer; the services get fresh test tokens. */
    public static LocalStack start(StackConfig config) {
        return start(config, false, LocalSecrets.forTests(config.dataDir()));
    }

    private static LocalStack start(StackConfig config, boolean deleteDataOnClose, LocalSecrets tokens) {
        LocalStack stack = new LocalStack(config, deleteDataOnClose, tokens);
        try {
            CompletableFuture<Duration> kafkaStarted = CompletableFuture.supplyAsync(() -> timed(
                    () -> {
                        stack.kafka.start(START_TIMEOUT);
                        stack.provisionKafka();
                    }));
            CompletableFuture<Duration> s3Started = CompletableFuture.supplyAsync(() -> timed(
                    () -> stack.s3.start(START_TIMEOUT)));
            stack.kafkaStartTime = kafkaStarted.join();
            stack.s3StartTime = s3Started.join();
            RUNNING.put(config.kafkaBootstrap(), stack);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * One stack for the whole test JVM, in a temporary folder on free ports, started on first use and stopped
     * (and its data deleted) when the JVM exits.
     */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            StackConfig config = StackConfig.forTests();
            shared = start(config, true, LocalSecrets.forTests(config.dataDir()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-stack-stop"));
        }
        return shared;
    }

    public StackConfig config() {
        return config;
    }

    /**
     * The API tokens the services started on this stack accept (admin, and for tests operator and viewer) and the
     * promotion key.
     */
    public LocalSecrets tokens() {
        return tokens;
    }

    public String kafkaBootstrap() {
        return config.kafkaBootstrap();
    }

    public String s3Endpoint() {
        return config.s3Endpoint();
    }

    /**
     * The settings a Kafka client needs to log in as {@code principal} ({@link KafkaUsers#ADMIN} or one of
     * {@link KafkaUsers#SERVICES}): {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism}
     * and {@code sasl.jaas.config}.
     */
    public Map<String, String> kafkaClientProperties(String principal) {
        return kafka.clientProperties(principal);
    }

    /**
     * The super user's client settings of the stack started in this JVM whose broker listens at {@code bootstrap};
     * fails when no such stack runs here.
     */
    static Map<String, String> adminClientProperties(String bootstrap) {
        LocalStack stack = RUNNING.get(bootstrap);
        if (stack == null) {
            throw new IllegalArgumentException("no local stack of this JVM listens at " + bootstrap
                    + "; its broker wants a login: pass the client settings instead");
        }
        return stack.kafkaClientProperties(KafkaUsers.ADMIN);
    }

    /** Where the client settings of each principal are kept as {@code <principal>.properties}, owner-readable. */
    public Path kafkaClientsDir() {
        return config.dataDir().resolve("kafka/clients");
    }

    /**
     * The configuration the Maskflow service logging in to Kafka as {@code principal} needs to use this stack, as
     * Quarkus / MicroProfile properties ({@code kafka.*} for every channel, {@code maskflow.store.*}).
     */
    public Map<String, String> serviceProperties(String principal) {
        Map<String, String> properties = new LinkedHashMap<>();
        kafkaClientProperties(principal).forEach((k, v) -> properties.put("kafka." + k, v));
        properties.put("maskflow.store.endpoint", s3Endpoint());
        properties.put("maskflow.store.access-key", config.accessKey());
        properties.put("maskflow.store.secret-key", config.secretKey());
        properties.put("maskflow.auth.tokens-file", tokens.tokensFile().toString());
        properties.put("maskflow.promotion.key-file", tokens.promotionKeyFile().toString());
        return properties;
    }

    /**
     * Publishes messages with Kafka's own console producer (a separate process), one per line, as a user would
     * from a shell, logged in as {@code submitter} (who may write run requests only); returns when the producer
     * has exited.
     */
    public void consoleProduce(String topic, String... lines) {
        List<String> command = List.of(ManagedProcess.javaBinary(), "-cp",
                config.home().resolve("kafka").toAbsolutePath() + "/*", "org.apache.kafka.tools.ConsoleProducer",
                "--bootstrap-server", kafkaBootstrap(), "--topic", topic, "--producer.config",
                kafkaClientsDir().resolve("submitter.properties").toString());
        try {
            Process producer = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = producer.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(producer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!producer.waitFor(60, TimeUnit.SECONDS) || producer.exitValue() != 0) {
                throw new IllegalStateException("kafka console producer failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the kafka console producer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Restarts the broker on the same data, as an operator or a crash would. */
    public void restartKafka() {
        kafka.close();
        kafka.start(START_TIMEOUT);
        provisionKafka();
    }

    /** Creates the users, topics and ACLs and writes each principal's client settings to {@link #kafkaClientsDir}. */
    private void provisionKafka() {
        KafkaProvisioner.provision(kafkaClientProperties(KafkaUsers.ADMIN), kafka.passwords());
        try {
            for (String principal : KafkaUsers.principals()) {
                StringBuilder file = new StringBuilder("# Kafka client settings of " + principal
                        + ", written by the local stack at every start.\n");
                kafkaClientProperties(principal).forEach((k, v) -> file.append(k).append('=').append(v)
                        .append('\n'));
                KafkaUsers.writePrivate(kafkaClientsDir().resolve(principal + ".properties"), file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka client settings to " + kafkaClientsDir(), e);
        }
    }

    /** A readable summary: endpoints, start times and resident memory of each process. */
    public String describe() {
        return String.format("Kafka broker  %s  pid %d  started in %.1f s  %d MiB resident  log %s%n"
                        + "Kafka users   SASL %s per service, ACLs per topic; client settings in %s%n"
                        + "S3 server     %s  pid %d  started in %.1f s  %d MiB resident  log %s%n"
                        + "S3 access key %s  secret key %s  data in %s",
                kafkaBootstrap(), kafka.process().pid(), kafkaStartTime.toMillis() / 1000.0,
                kafka.process().residentMiB(), kafka.process().log(), KafkaUsers.MECHANISM, kafkaClientsDir(),
                s3Endpoint(), s3.process().pid(), s3StartTime.toMillis() / 1000.0, s3.process().residentMiB(),
                s3.process().log(), config.accessKey(), config.secretKey(), config.dataDir());
    }

    @Override
    public void close() {
        RUNNING.remove(config.kafkaBootstrap(), this);
        CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(kafka::close);
        s3.close();
        kafkaStopped.join();
        if (deleteDataOnClose) {
            deleteRecursively(config.dataDir());
        }
    }

    /**
     * Runs the stack in the foreground for a laptop: prints the endpoints and a ready line, and stops both
     * servers cleanly on Ctrl-C. Data is kept under {@code .maskflow/stack}, so a second start finds it again.
     *
     * @param args optional project directory (default: the current directory)
     */
    public static void main(String[] args) throws InterruptedException {
        Path project = Path.of(args.length > 0 ? args[0] : "").toAbsolutePath();
        StackConfig config = StackConfig.localRun(project);
        LocalStack stack = start(config, false, LocalSecrets.localRun(project.resolve(".maskflow")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            System.out.println("Local stack stopped; data kept in " + stack.config.dataDir());
        }, "local-stack-stop"));
        System.out.println(stack.describe());
        System.out.println("API token     " + project.resolve(".maskflow/token")
                + " (admin; the CLI and ./run-local.sh use it, other clients send it as 'Authorization: Bearer')");
        System.out.println("Local stack ready");
        Thread.currentThread().join();
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
