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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from the jars of
 * Maven Central. The storage is formatted on the first start only, so a restart keeps every topic.
 *
 * <p>Clients must log in: the client listener takes SASL over plain TCP on loopback, SCRAM-SHA-512 for the
 * services' principals and PLAIN for the {@value KafkaUsers#ADMIN} super user (whose password is in this file's
 * configuration, so it works before any SCRAM user exists); the controller listener takes PLAIN for the super user
 * only. The StandardAuthorizer refuses whatever no ACL allows. Passwords are generated once and kept in
 * {@code users.properties} next to the broker's data, readable by the owner only.
 */
final class KafkaBroker extends LocalServer {

    private static final String READY_LINE = "Kafka Server started";

    private Map<String, String> passwords;

    KafkaBroker(StackConfig config) {
        super("Kafka broker", config, "kafka");
    }

    /** The password of every principal, generated on the first start and kept in {@code users.properties}. */
    synchronized Map<String, String> passwords() {
        if (passwords == null) {
            passwords = KafkaUsers.passwords(dir.resolve("users.properties"));
        }
        return passwords;
    }

    /** The settings a Kafka client logs in with as {@code principal}, bootstrap servers included. */
    Map<String, String> clientProperties(String principal) {
        String password = passwords().get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal '" + principal + "'");
        }
        Map<String, String> client = new LinkedHashMap<>();
        client.put("bootstrap.servers", config.kafkaBootstrap());
        client.put("security.protocol", "SASL_PLAINTEXT");
        if (principal.equals(KafkaUsers.ADMIN)) {
            client.put("sasl.mechanism", "PLAIN");
            client.put("sasl.jaas.config", plainJaas(password));
        } else {
            client.put("sasl.mechanism", KafkaUsers.MECHANISM);
            client.put("sasl.jaas.config", KafkaUsers.scramJaas(principal, password));
        }
        return client;
    }

    @Override
    void prepare() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        KafkaUsers.writePrivate(properties(), serverProperties());
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

    private String plainJaas(String password) {
        return KafkaUsers.jaasConfig("org.apache.kafka.common.security.plain.PlainLoginModule", KafkaUsers.ADMIN,
                password);
    }

    private String serverProperties() {
        String admin = passwords().get(KafkaUsers.ADMIN);
        // the broker logs in to itself and to the controller as the super user; the PLAIN login module checks
        // clients against the user_<name> entries
        String plain = plainJaas(admin).replace(";", " user_" + KafkaUsers.ADMIN + "=\"" + admin + "\";");
        return String.join("\n",
                "# Written by Maskflow's local stack at every start. Holds the super user's password: owner only.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + config.controllerPort(),
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                        + config.controllerPort(),
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + config.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + KafkaUsers.MECHANISM + ",PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + plain,
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + plain,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaUsers.ADMIN,
                "allow.everyone.if.no.acl.found=false",
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
