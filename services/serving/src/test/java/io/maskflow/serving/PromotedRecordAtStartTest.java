package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A promoted-model record serving cannot use at start-up (not JSON, or naming no model) is logged with the reason,
 * and serving stays up without a model (not ready) instead of failing to start.
 */
class PromotedRecordAtStartTest {

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
        ModelHolder holder = new ModelHolder();
        holder.store = oneRecordStore(json.getBytes(StandardCharsets.UTF_8));
        holder.signer = PromotionSigner.of(null, false);
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

    /**
     * A store holding only the promoted-model record: answers {@code stat} and {@code read} of it, which is all
     * {@link ModelHolder#loadPromoted} asks, and refuses every other call by name (as {@code StoreSinkTest}'s fake).
     */
    private static ArtifactStore oneRecordStore(byte[] record) throws NoSuchAlgorithmException {
        ArtifactRef ref = new ArtifactRef("test", ArtifactKeys.promotedModel(), record.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(record)));
        return (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(),
                new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "bucket" -> "test";
                    case "stat" -> ref.key().equals(args[0]) ? Optional.of(ref) : Optional.empty();
                    case "read" -> {
                        if (!ref.equals(args[0])) {
                            throw new IOException("only the promoted-model record is here");
                        }
                        yield record;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
