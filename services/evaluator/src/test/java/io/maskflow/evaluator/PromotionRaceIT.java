package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.dev.LocalStack;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two gates, as on two evaluator replicas (each its own {@link Promoter} and its own member of the lock's consumer
 * group), promote different candidates at the same moment, round after round, through the real S3 server and the
 * real broker: the promoted-model record always ends on the better candidate, and the other gate either lost and
 * was told to which model, or was promoted first and then beaten by the better one.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PromotionRaceIT {

    private static final int ROUNDS = 20;

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    PromotionSigner signer;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @ConfigProperty(name = "maskflow.store.bucket", defaultValue = "maskflow")
    String bucket;

    /** One gate's candidate and what it ended with. */
    private record Gate(ArtifactRef model, double f1, Promoter.Outcome outcome) {
    }

    @Test
    void twoGatesAtOnceAlwaysLeaveTheBetterModelPromotedAndTellTheLoser() throws Exception {
        Optional<byte[]> before = store.stat(ArtifactKeys.promotedModel()).map(this::read);
        String topic = Topics.STEP_COMMANDS_PREFIX + "evaluate";
        List<Promoter> replicas = List.of(
                new Promoter(store, events, signer, new PromotionLock(kafka, topic, Duration.ofMinutes(1))),
                new Promoter(store, events, signer, new PromotionLock(kafka, topic, Duration.ofMinutes(1))));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int racesLost = 0;
        int losersTold = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ArtifactRef base = null;
                if (round % 2 == 0) {
                    remove(ArtifactKeys.promotedModel());
                } else {
                    base = model(round, "base");
                    store.put(ArtifactKeys.promotedModel(), EventCodec.instance().mapper().writeValueAsBytes(
                            new PromotedModel(Promoter.modelId(base), base, null, 0.1, "base-" + round,
                                    Instant.now(), null)), "application/json");
                }
                double[] f1 = round % 4 < 2 ? new double[] {0.5, 0.6} : new double[] {0.6, 0.5};
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Gate>> gates = new ArrayList<>();
                for (int g = 0; g < 2; g++) {
                    Promoter promoter = replicas.get(g);
                    ArtifactRef model = model(round, "candidate-" + g);
                    double figure = f1[g];
                    String runId = "race-" + round + "-" + g;
                    gates.add(pool.submit(() -> {
                        start.await();
                        return new Gate(model, figure, promoter.promoteIfBetter(model, figure, runId, "evaluate",
                                current -> recordedFigureRule(figure, current), decision -> null));
                    }));
                }
                Gate first = gates.get(0).get();
                Gate second = gates.get(1).get();
                Gate better = first.f1() > second.f1() ? first : second;
                Gate worse = better == first ? second : first;

                PromotedModel promoted = EventCodec.instance().mapper().readValue(read(store.stat(
                        ArtifactKeys.promotedModel()).orElseThrow()), PromotedModel.class);
                assertThat(promoted.model()).as("round %d: the promoted model", round).isEqualTo(better.model());
                assertThat(promoted.macroF1()).isEqualTo(better.f1());
                assertThat(better.outcome().promotion().promoted()).isTrue();
                if (worse.outcome().promotion().promoted()) {
                    // promoted first, then beaten: the better gate decided against it
                    assertThat(better.outcome().promotion().previousModel()).as("round %d", round)
                            .isEqualTo(worse.model());
                } else {
                    assertThat(worse.outcome().promotion().reason()).as("round %d: the loser's reason", round)
                            .contains(Promoter.modelId(better.model()));
                    assertThat(worse.outcome().promotion().previousModel()).isEqualTo(better.model());
                    losersTold++;
                }
                racesLost += first.outcome().racesLost() + second.outcome().racesLost();
            }
        } finally {
            pool.shutdownNow();
            restore(before);
        }
        System.out.printf("promotion race: %d rounds of 2 gates, %d compare-and-swap races lost and decided again,"
                + " %d gates ended not promoted and named the winner%n", ROUNDS, racesLost, losersTold);
        // both gates read the record before either writes (the rule takes 200 ms), so nearly every round races
        assertThat(racesLost).isGreaterThanOrEqualTo(ROUNDS / 2);
    }

    /** The gate's rule on recorded figures (margin 0); as slow as a small evaluation, so both gates read first. */
    private static EvaluateStep.Promotion recordedFigureRule(double f1, PromotedModel current) {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (current == null) {
            return new EvaluateStep.Promotion(true, "no model was promoted yet", null, null);
        }
        boolean better = f1 > current.macroF1();
        return new EvaluateStep.Promotion(better, "candidate macro F1 " + f1 + (better ? " > " : " <= ")
                + current.modelId() + "'s " + current.macroF1(), current.model(), current.macroF1());
    }

    private ArtifactRef model(int round, String name) throws IOException {
        return store.put("it/race/" + UUID.randomUUID() + "/" + name + "/model.zip", (round + name + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8), "application/zip");
    }

    private byte[] read(ArtifactRef ref) {
        try {
            return store.read(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remove(String key) throws Exception {
        Map<String, String> stack = LocalStack.shared().serviceProperties("admin");
        MinioClient.builder().endpoint(stack.get("maskflow.store.endpoint"))
                .credentials(stack.get("maskflow.store.access-key"), stack.get("maskflow.store.secret-key")).build()
                .removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    }

    /** The other tests of this JVM expect the promoted-model record they left (or none). */
    private void restore(Optional<byte[]> before) throws Exception {
        if (before.isPresent()) {
            store.put(ArtifactKeys.promotedModel(), before.get(), "application/json");
        } else {
            remove(ArtifactKeys.promotedModel());
        }
    }
}
