package io.maskflow.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The local broker with SASL and ACLs: who may log in, and what each service principal may do. */
class KafkaSecurityTest {

    private final LocalStack stack = LocalStack.shared();

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, String> client = new HashMap<>(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
        // the broker drops a connection that does not start with a SASL handshake: the client never gets metadata
        assertThatThrownBy(() -> send(client, KafkaUsers.RUNS_REQUESTED))
                .hasRootCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aClientWithAWrongPasswordIsRefused() {
        Map<String, String> client = new HashMap<>(stack.kafkaClientProperties("orchestrator"));
        client.put("sasl.jaas.config", KafkaUsers.scramJaas("orchestrator", "not-the-password"));
        assertThatThrownBy(() -> send(client, KafkaUsers.RUNS_EVENTS))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);

        Map<String, String> unknown = new HashMap<>(stack.kafkaClientProperties("orchestrator"));
        unknown.put("sasl.jaas.config", KafkaUsers.scramJaas("mallory", "anything"));
        assertThatThrownBy(() -> send(unknown, KafkaUsers.RUNS_EVENTS))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceCannotWriteToAnotherServicesTopic() {
        // the trainer must not promote a model, nor the datagen service command the trainer
        assertThatThrownBy(() -> send(stack.kafkaClientProperties("trainer"), KafkaUsers.MODELS_PROMOTED))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(stack.kafkaClientProperties("datagen"), KafkaUsers.command("train")))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // serving only listens (and dead-letters what it cannot read); the submitter only asks for runs
        assertThatThrownBy(() -> send(stack.kafkaClientProperties("serving"), KafkaUsers.STEPS_EVENTS))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(stack.kafkaClientProperties("submitter"), KafkaUsers.RUNS_EVENTS))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aServiceCannotReadAnotherServicesTopicOrJoinItsGroup() {
        assertThatThrownBy(() -> poll(stack.kafkaClientProperties("serving"), KafkaUsers.command("train"),
                "maskflow-serving-" + UUID.randomUUID())).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(stack.kafkaClientProperties("trainer"), KafkaUsers.command("train"),
                "maskflow-evaluator")).isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void eachServiceMayDoItsOwnWork() throws Exception {
        assertThat(send(stack.kafkaClientProperties("evaluator"), KafkaUsers.MODELS_PROMOTED).offset())
                .isNotNegative();
        assertThat(send(stack.kafkaClientProperties("trainer"), KafkaUsers.STEPS_EVENTS).offset()).isNotNegative();
        assertThat(send(stack.kafkaClientProperties("orchestrator"), KafkaUsers.command("train")).offset())
                .isNotNegative();
        assertThat(send(stack.kafkaClientProperties("submitter"), KafkaUsers.RUNS_REQUESTED).offset())
                .isNotNegative();
        poll(stack.kafkaClientProperties("serving"), KafkaUsers.MODELS_PROMOTED,
                "maskflow-serving-" + UUID.randomUUID());
        poll(stack.kafkaClientProperties("trainer"), KafkaUsers.command("train"), "maskflow-trainer");
    }

    @Test
    void aTestsWatcherLogsInAsTheSuperUserOfTheStackAtItsAddress() {
        try (TopicWatcher watcher = new TopicWatcher(stack.kafkaBootstrap(), KafkaUsers.DEAD_LETTER)) {
            String marker = "watcher-" + UUID.randomUUID();
            watcher.send(KafkaUsers.DEAD_LETTER, "k", marker);
            assertThat(watcher.await(KafkaUsers.DEAD_LETTER, marker::equals, 1, Duration.ofSeconds(30))).hasSize(1);
        }
        assertThatThrownBy(() -> new TopicWatcher("127.0.0.1:1", KafkaUsers.DEAD_LETTER))
                .hasMessageContaining("wants a login");
    }

    @Test
    void everyPrincipalsClientSettingsAreWrittenForTheOwnerOnly() throws Exception {
        for (String principal : KafkaUsers.principals()) {
            Path file = stack.kafkaClientsDir().resolve(principal + ".properties");
            assertThat(Files.readString(file)).contains("username=\"" + principal + "\"");
            assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        }
    }

    private static RecordMetadata send(Map<String, String> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put("max.block.ms", "5000");
        config.put("delivery.timeout.ms", "10000");
        config.put("request.timeout.ms", "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, "security-test", "{}")).get(20, TimeUnit.SECONDS);
        }
    }

    /** Joins {@code group}, subscribes to {@code topic} and polls until assigned (or an authorization error). */
    private static void poll(Map<String, String> client, String topic, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("group.id", group);
        config.put("auto.offset.reset", "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(200));
                assertThat(System.nanoTime()).as("assigned within 30 s").isLessThan(deadline);
            }
            consumer.commitSync();
        }
    }
}
