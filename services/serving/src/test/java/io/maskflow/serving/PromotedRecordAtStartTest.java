package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
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

    private ModelHolder holderWithRecord(String json) {
        ModelHolder holder = new ModelHolder();
        holder.store = new OneRecordStore(json.getBytes(StandardCharsets.UTF_8));
        holder.signer = PromotionSigner.of(null, false);
        return holder;
    }

    @Test
    void aRecordThatIsNotJsonIsLoggedAndNoModelIsServed() {
        ModelHolder holder = holderWithRecord("{\"modelId\": \"model-x\", \"model\": ");

        holder.loadPromoted(null);

        assertThat(holder.current()).isEmpty();
        assertThat(String.join("\n", logged)).contains("could not read " + ArtifactKeys.promotedModel())
                .contains("Unexpected end-of-input");
    }

    @Test
    void aRecordNamingNoModelIsLoggedWithTheReasonAndNoModelIsServed() {
        ModelHolder holder = holderWithRecord("{\"modelId\": \"model-x\", \"runId\": \"r1\", \"macroF1\": 0.5}");

        holder.loadPromoted(null);

        assertThat(holder.current()).isEmpty();
        assertThat(String.join("\n", logged)).contains("the promoted-model record names no model");
    }

    /** A store holding only the promoted-model record. */
    private static final class OneRecordStore implements ArtifactStore {

        private final byte[] record;
        private final ArtifactRef ref;

        OneRecordStore(byte[] record) {
            this.record = record;
            try {
                this.ref = new ArtifactRef("test", ArtifactKeys.promotedModel(), record.length, HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(record)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String bucket() {
            return "test";
        }

        @Override
        public Optional<ArtifactRef> stat(String key) {
            return key.equals(ArtifactKeys.promotedModel()) ? Optional.of(ref) : Optional.empty();
        }

        @Override
        public InputStream open(ArtifactRef wanted) throws IOException {
            if (!wanted.equals(ref)) {
                throw new IOException("only the promoted-model record is here");
            }
            return new ByteArrayInputStream(record);
        }

        @Override
        public ArtifactRef put(String key, Path file, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ArtifactRef put(String key, byte[] content, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ArtifactRef put(String key, InputStream content, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void download(ArtifactRef wanted, Path target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ArtifactRef> list(String prefix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredObject> listObjects(String bucket, String prefix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream openUnhashed(String bucket, String key, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(Collection<String> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isReachable() {
            return true;
        }
    }
}
