package io.maskflow.evaluator;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Whether a stored object is something serving loads as a model, before an admin's promotion by hand signs it: a
 * model artifact (a zip of {@code model.json}, a descriptor naming a known network, and the parameters) or an
 * ensemble ({@code ensemble.json} of {@link Ensemble#FORMAT}) whose members are model zips still in the store as
 * the ensemble recorded them. Anything else (a report, the promoted-model record, a data set's zip) is refused
 * with an {@link IllegalArgumentException} that says why (a 400).
 *
 * <p>Cheap and bounded: a model zip is streamed once through {@link ModelArtifact#descriptorOf} (the checks
 * serving's loading makes) and only its {@code model.json} is kept, the network is not built; an ensemble is read
 * only when it is at most {@link #MAX_ENSEMBLE_BYTES}, and its members are only looked up. The store's own
 * failures (an outage) are thrown as they are.
 */
public final class Promotable {

    /** The largest {@code ensemble.json} read; one is well under 10 KB. */
    static final long MAX_ENSEMBLE_BYTES = 1 << 20;

    private Promotable() {
    }

    /**
     * Checks that {@code ref} is a model artifact or an ensemble serving can load.
     *
     * @throws IllegalArgumentException saying why it is not
     * @throws IOException when the store fails
     */
    public static void check(ArtifactStore store, ArtifactRef ref) throws IOException {
        if (Ensemble.isEnsemble(ref)) {
            ensemble(store, ref);
        } else {
            model(store, ref);
        }
    }

    private static void ensemble(ArtifactStore store, ArtifactRef ref) throws IOException {
        if (ref.size() > MAX_ENSEMBLE_BYTES) {
            throw refused(ref, "an ensemble", "it is " + ref.size() + " bytes, and an ensemble.json is at most "
                    + MAX_ENSEMBLE_BYTES);
        }
        Ensemble ensemble;
        try {
            ensemble = Ensemble.read(store.read(ref));
        } catch (ArtifactCorruptedException e) {
            throw refused(ref, "an ensemble", e.getMessage());
        } catch (JsonProcessingException e) {
            throw refused(ref, "a Maskflow ensemble (" + Ensemble.FORMAT + ")", EventCodec.reason(e));
        }
        if (ensemble == null) {
            throw refused(ref, "a Maskflow ensemble (" + Ensemble.FORMAT + ")", "it is JSON null");
        }
        for (ArtifactRef member : ensemble.members()) {
            if (!member.key().endsWith(".zip")) {
                throw refused(ref, "an ensemble of models", "its member " + member.uri() + " is not a model.zip");
            }
            if (!member.bucket().equals(store.bucket())) {
                continue; // another bucket's objects cannot be looked up here; serving reads them by their reference
            }
            Optional<ArtifactRef> stored = store.stat(member.key());
            if (stored.isEmpty()) {
                throw refused(ref, "an ensemble serving can load", "its member " + member.uri() + " is gone");
            }
            if (!stored.get().sha256().equals(member.sha256())) {
                throw refused(ref, "an ensemble serving can load", "its member " + member.uri() + " has changed "
                        + "since the ensemble was written (SHA-256 " + stored.get().sha256() + ", the ensemble "
                        + "records " + member.sha256() + ")");
            }
        }
    }

    private static void model(ArtifactStore store, ArtifactRef ref) throws IOException {
        long maxInflated = ModelArtifact.inflationBound(ref.size());
        InputStream stored = store.open(ref); // outside the try: a missing object or an outage is no refusal
        try (InputStream in = new StoreStream(stored)) {
            ModelArtifact.describe(in, maxInflated);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ArtifactCorruptedException corrupt) {
                throw refused(ref, "a Maskflow model artifact", corrupt.getMessage());
            }
            throw e.getCause(); // the store failed
        } catch (ZipException e) {
            // not a zip, a damaged one, or an entry whose CRC does not check
            throw refused(ref, "a model artifact (a zip)", e.getMessage());
        } catch (IOException e) {
            throw refused(ref, "a Maskflow model artifact", e.getMessage());
        }
    }

    private static IllegalArgumentException refused(ArtifactRef ref, String what, String why) {
        return new IllegalArgumentException(ref.key() + " is not " + what + ": " + why);
    }

    /**
     * The store's stream with its failures made unchecked, so they pass through the zip reader and are told
     * apart from a zip that does not parse.
     */
    private static final class StoreStream extends FilterInputStream {

        StoreStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long skip(long n) {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int available() {
            try {
                return super.available();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
