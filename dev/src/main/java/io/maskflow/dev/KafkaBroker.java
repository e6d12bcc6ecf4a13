package io.maskflow.dev;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from the jars of
 * Maven Central. The storage is formatted on the first start only, so a restart keeps every topic.
 */
final class KafkaBroker extends LocalServer {

    private static final String READY_LINE = "Kafka Server started";

    KafkaBroker(StackConfig config) {
        super("Kafka broker", config, "kafka");
    }

    @Override
    void prepare() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(properties(), serverProperties());
        try (InputStream log4j = KafkaBroker.class.getResourceAsStream("kafka-log4j2.xml")) {
            Files.copy(log4j, dir.resolve("log4j2.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format();
        }
    }

    @Override
    List<String> command() {
        return java("kafka.Kafka", properties().toString());
    }

    @Override
    boolean isReady(ManagedProcess process) {
        return process.logContains(READY_LINE);
    }

    @Override
    String logName() {
        return "broker.log";
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    private void format() {
        List<String> command = java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                properties().toString());
        ManagedProcess formatter = ManagedProcess.start("Kafka storage format", command, dir,
                dir.resolve("format.log"));
        int exit = formatter.awaitExit(Duration.ofSeconds(90));
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed with code " + exit + ":\n"
                    + formatter.tail());
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"),
                "-cp", config.home().resolve("kafka").toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties() {
        return String.join("\n",
                "# Written by Maskflow's local stack at every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + config.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                        + config.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=2",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
