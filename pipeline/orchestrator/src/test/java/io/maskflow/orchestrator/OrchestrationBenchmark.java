package io.maskflow.orchestrator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.KafkaUsers;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.ServiceProcess;
import io.maskflow.dev.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Orchestration overhead: how long the orchestrator takes from a run request to the first command, and from a
 * step's SUCCEEDED event to the next step's command, over a pipeline of no-op steps that the benchmark answers at
 * once. Starts the local stack and the packaged orchestrator as separate processes, as in production.
 *
 * <p>Run after {@code mvn -q install -DskipTests}: {@code mvn -q -pl pipeline/orchestrator test-compile exec:java
 * -Dexec.mainClass=io.maskflow.orchestrator.OrchestrationBenchmark [-Dexec.args="runs steps"]}
 */
public final class OrchestrationBenchmark {

    private OrchestrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int chain = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path definitions = Files.createTempDirectory("noop-pipelines");
        Files.writeString(definitions.resolve("noop-chain.yaml"), noopChain(chain));
        try (LocalStack stack = LocalStack.start(StackConfig.forTests());
                ServiceProcess orchestrator = OrchestratorProcess.start(stack, OrchestratorProcess.freePort(),
                        definitions)) {
            System.out.println("orchestrator log: " + orchestrator.log());
            measure(stack.kafkaClientProperties(KafkaUsers.ADMIN), runs, chain);
        }
    }

    private static void measure(Map<String, String> client, int runs, int chain) {
        EventCodec codec = EventCodec.instance();
        Properties p = new Properties();
        p.putAll(client);
        p.put("linger.ms", "0");
        Properties c = new Properties();
        c.putAll(client);
        c.put("group.id", "bench-" + UUID.randomUUID());
        c.put("auto.offset.reset", "latest");
        c.put("fetch.max.wait.ms", "10");
        List<Double> toFirst = new ArrayList<>();
        List<Double> toNext = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(StepType.DATAGEN.commandTopic()));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = -3; i < runs; i++) {
                String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.RUNS_REQUESTED, runId, codec.encode(
                        new RunRequestedEvent(1, runId, null, null, "noop-chain", Map.of(), "bench", null))));
                producer.flush();
                Map<String, Long> answeredAt = new HashMap<>();
                int seen = 0;
                while (seen < chain) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        StepCommand command = codec.decode(r.value(), StepCommand.class);
                        if (!command.runId().equals(runId)) {
                            continue;
                        }
                        if (i >= 0) {
                            if (seen == 0) {
                                toFirst.add((now - sent) / 1e6);
                            } else {
                                toNext.add((now - answeredAt.get("last")) / 1e6);
                            }
                        }
                        seen++;
                        ArtifactRef out = new ArtifactRef("maskflow", "noop/" + command.stepId(), 0, "0".repeat(64));
                        answeredAt.put("last", System.nanoTime());
                        producer.send(new ProducerRecord<>(Topics.STEPS_EVENTS, runId, codec.encode(
                                StepStatusEvent.succeeded(command, Map.of("dataset", out), Map.of(), false, "bench"))));
                        producer.flush();
                    }
                }
            }
        }
        System.out.printf("orchestration overhead over %d runs of a %d-step chain of no-op steps (real broker)%n",
                runs, chain);
        System.out.printf("  request published -> first command received     median %6.1f ms [%.1f - %.1f]"
                + "   p99 %6.1f ms   (%d)%n", percentile(toFirst, 50), percentile(toFirst, 0), percentile(toFirst, 100),
                percentile(toFirst, 99), toFirst.size());
        System.out.printf("  step event published -> next command received   median %6.1f ms [%.1f - %.1f]"
                + "   p99 %6.1f ms   (%d)%n", percentile(toNext, 50), percentile(toNext, 0), percentile(toNext, 100),
                percentile(toNext, 99), toNext.size());
        System.out.printf("  goal: p50 under 50 ms%n");
    }

    private static String noopChain(int steps) {
        StringBuilder yaml = new StringBuilder("name: noop-chain\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            yaml.append("  - id: s").append(i).append("\n    service: datagen\n    cache: false\n");
            yaml.append("    parameters:\n      seed: ").append(i).append('\n');
            if (i > 0) {
                yaml.append("    inputs:\n      previous: s").append(i - 1).append(".dataset\n");
            }
        }
        return yaml.toString();
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, Math.min(sorted.size() - 1,
                (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
