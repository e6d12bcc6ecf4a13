package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Whether the orchestrator asked one attempt to stop. {@link #poll()} looks for the attempt's {@link StopRequest}
 * in the store (the step runtime calls it every second or so from a timer); {@link #check()} and
 * {@link #requested()} only read a field, so a step calls them between every image or batch at no cost.
 */
public final class StopSignal {

    private static final Logger LOG = Logger.getLogger(StopSignal.class);

    private final ArtifactStore store;
    private final String key;
    private volatile String reason;

    public StopSignal(ArtifactStore store, String runId, String stepId, int attempt) {
        this.store = store;
        this.key = ArtifactKeys.stopRequest(runId, stepId, attempt);
    }

    /** A signal that never fires (a step run outside the runtime, e.g. in a test). */
    public static StopSignal never() {
        return new StopSignal(null, "never", "never", 0);
    }

    /**
     * Asks the store once; true when a stop was requested. A store that does not answer counts as no request: the
     * next poll asks again.
     */
    public boolean poll() {
        if (reason != null || store == null) {
            return reason != null;
        }
        try {
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isPresent()) {
                String why;
                try {
                    why = EventCodec.instance().mapper().readValue(store.read(ref.get()), StopRequest.class).reason();
                } catch (IOException | RuntimeException e) {
                    why = "the orchestrator asked this attempt to stop";
                }
                reason = why;
                LOG.infof("stop requested (%s): %s", key, why);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "could not look for %s", key);
        }
        return reason != null;
    }

    public boolean requested() {
        return reason != null;
    }

    /** The stop's reason, when one was requested. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** Throws {@link StepStopped} when a stop was requested. */
    public void check() {
        String why = reason;
        if (why != null) {
            throw new StepStopped(why);
        }
    }
}
