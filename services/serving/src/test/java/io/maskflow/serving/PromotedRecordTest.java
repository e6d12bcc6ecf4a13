package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Heads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A promoted-model record serving cannot use at start-up (not JSON, or naming no model) is logged with the reason,
 * and serving stays up without a model (not ready) instead of failing to start. After a promotion event the record
 * only says who promoted the model and why: none, or one that cannot be read, leaves the model served and is not
 * logged as if no model were. A {@code @QuarkusTest} although it needs no bean: PyTorch's native library can be loaded
 * by one class loader per JVM, and the other tests of this module load it in Quarkus's.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PromotedRecordTest {

    private static final ArtifactRef MODEL = new ArtifactRef("test", "runs/r1/model.zip", 10, "a".repeat(64));

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + List.of(record.getParameters() == null
                    ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(ModelHolder.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(ModelHolder.class.getName()).removeHandler(capture);
    }

    private ModelHolder holderWithRecord(String json) throws NoSuchAlgorithmException {
        return holder(json == null ? null : json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static ModelHolder holder(byte[] record, Path model) throws NoSuchAlgorithmException {
        ModelHolder holder = new ModelHolder();
        holder.store = fakeStore(record, model);
        holder.signer = PromotionSigner.of(null, false);
        holder.registry = new SimpleMeterRegistry();
        holder.metrics = new ServingMetrics();
        holder.metrics.registry = holder.registry;
        holder.workers = 1;
        holder.maxBatch = 1;
        holder.maxWait = Duration.ZERO;
        holder.timeout = Duration.ofSeconds(5);
        holder.prepareInWorkers = true;
        return holder;
    }

    @Test
    void aRecordThatIsNotJsonIsLoggedAndNoModelIsServed() throws Exception {
        ModelHolder holder = holderWithRecord("{\"modelId\": \"model-x\", \"model\": ");

        holder.loadPromoted(null);

        assertThat(holder.current()).isEmpty();
        assertThat(String.join("\n", logged)).contains("could not read " + ArtifactKeys.promotedModel())
                .contains("Unexpected end-of-input");
    }

    @Test
    void aRecordNamingNoModelIsLoggedWithTheReasonAndNoModelIsServed() throws Exception {
        ModelHolder holder = holderWithRecord("{\"modelId\": \"model-x\", \"runId\": \"r1\", \"macroF1\": 0.5}");

        holder.loadPromoted(null);

        assertThat(holder.current()).isEmpty();
        assertThat(String.join("\n", logged)).contains("the promoted-model record names no model");
    }

    @Test
    void aPromotionWithoutARecordServesItsModelAndDoesNotSayNoneIsPromoted() throws Exception {
        Path zip = TestModels.untrained(32, Heads.THREE, Map.of("cropWidth", 256, "cropHeight", 320));
        try {
            ModelHolder holder = holder(null, zip);

            holder.promoted(promotion());

            assertServedWithoutWhoOrWhy(holder);
            assertThat(String.join("\n", logged)).doesNotContain("no model is promoted").doesNotContain("not ready");
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    @Test
    void aPromotionWhoseRecordCannotBeReadServesItsModelAndSaysWhatWasNotRead() throws Exception {
        Path zip = TestModels.untrained(32, Heads.THREE, Map.of("cropWidth", 256, "cropHeight", 320));
        try {
            ModelHolder holder = holder("{\"modelId\": ".getBytes(StandardCharsets.UTF_8), zip);

            holder.promoted(promotion());

            assertServedWithoutWhoOrWhy(holder);
            assertThat(String.join("\n", logged))
                    .contains("could not read " + ArtifactKeys.promotedModel() + " for who promoted the model and why")
                    .contains("Unexpected end-of-input").doesNotContain("not ready");
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static ConsumerRecord<String, String> promotion() {
        ModelPromotedEvent event = new ModelPromotedEvent(Event.SCHEMA_VERSION, "r1", "evaluate", null, "model-x",
                MODEL, null, Map.of("macroF1", 0.5), Instant.parse("2026-12-07T10:00:00Z"), null);
        return new ConsumerRecord<>("maskflow.models.promoted", 0, 7, "r1", EventCodec.instance().encode(event));
    }

    private static void assertServedWithoutWhoOrWhy(ModelHolder holder) {
        try {
            assertThat(holder.current()).map(LoadedModel::ref).contains(MODEL);
            assertThat(holder.promotion(MODEL)).contains(new Promotion(MODEL, "r1",
                    Instant.parse("2026-12-07T10:00:00Z"), null, null, null));
        } finally {
            holder.current().ifPresent(LoadedModel::retire);
        }
    }

    /**
     * A store holding at most the promoted-model record ({@code stat} and {@code read} of it, which is all
     * {@link ModelHolder#loadPromoted} asks) and the model {@link #MODEL} to download; it refuses every other call
     * by name (as {@code StoreSinkTest}'s fake).
     */
    private static ArtifactStore fakeStore(byte[] record, Path model) throws NoSuchAlgorithmException {
        ArtifactRef ref = record == null ? null : new ArtifactRef("test", ArtifactKeys.promotedModel(), record.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record)));
        return (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "bucket" -> "test";
                    case "stat" -> ref != null && ref.key().equals(args[0]) ? Optional.of(ref) : Optional.empty();
                    case "read" -> {
                        if (ref == null || !ref.equals(args[0])) {
                            throw new IOException("only the promoted-model record is here");
                        }
                        yield record;
                    }
                    case "download" -> {
                        if (model == null || !MODEL.equals(args[0])) {
                            throw new IOException("no such model here");
                        }
                        yield Files.copy(model, (Path) args[1], StandardCopyOption.REPLACE_EXISTING);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
