package io.maskflow.sdk.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Which replica runs a step command. Kafka delivers a command at least once: a replica that is given a partition
 * on a rebalance (another replica started or left) receives the commands whose offsets were not committed yet,
 * among them the one the partition's previous owner may still be running. Without a claim both ran it, side by side,
 * for as long as a training takes.
 *
 * <p>So a replica claims a command in the store before it runs it ({@link ArtifactKeys#commandClaim}), renews the
 * claim every quarter of the lease while it runs, and deletes it once the outcome is recorded. A replica handed a
 * command another one holds waits: for the outcome to be recorded (then the runtime publishes it again, as for any
 * command seen before), or for the claim to go unrenewed for a whole lease, timed on its own clock (the holder died),
 * and then takes it over. The store offers no conditional write here, so two replicas that find a command unclaimed
 * at the same moment both write their claim, wait {@link #settle} and read it back: only the one whose claim is there
 * runs. That leaves one race: a replica whose read and write of the claim are further apart than the settle time
 * (a pause of a quarter second between two requests) can run beside another.
 */
final class CommandClaims {

    private static final Logger LOG = Logger.getLogger(CommandClaims.class);

    /** How long a claim may go unrenewed before another replica takes the command over, unless told otherwise. */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    /** What is in a claim: who holds it, this holding's own token, and how often it was renewed. */
    record Claim(String worker, String token, long beat) {
    }

    /** The outcome of a command, when one has been recorded. */
    interface Recorded {
        Optional<StepStatusEvent> read() throws IOException;
    }

    private final ArtifactStore store;
    private final String worker;
    private final Duration lease;
    private final Duration settle;
    private final Duration poll;
    private final ScheduledExecutorService renewer;

    CommandClaims(ArtifactStore store, String worker, Duration lease, ScheduledExecutorService renewer) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a claim's lease must be positive, got " + lease);
        }
        this.store = store;
        this.worker = worker;
        this.lease = lease;
        this.settle = min(Duration.ofMillis(250), lease.dividedBy(20));
        this.poll = min(Duration.ofSeconds(5), lease.dividedBy(6));
        this.renewer = renewer;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Waits for this replica's turn at {@code command}: returns a held claim, renewed until it is closed, or, when
     * another replica recorded the command's outcome meanwhile, that outcome.
     *
     * @throws InterruptedIOException when the thread is interrupted while it waits (the command is then not
     *         accounted for, and must not be acknowledged)
     */
    Turn await(StepCommand command, Recorded recorded) throws IOException {
        String key = ArtifactKeys.commandClaim(command.runId(), command.stepId(), command.attempt());
        Claim seen = null;
        long seenSince = System.nanoTime();
        boolean told = false;
        while (true) {
            Optional<StepStatusEvent> outcome = recorded.read();
            if (outcome.isPresent()) {
                return new Turn(outcome.get());
            }
            Optional<Claim> current = read(key);
            if (current.isPresent() && !current.get().equals(seen)) {
                seen = current.get();
                seenSince = System.nanoTime();
            }
            boolean lapsed = current.isPresent() && System.nanoTime() - seenSince >= lease.toNanos();
            if (current.isEmpty() || lapsed) {
                if (lapsed) {
                    LOG.warnf("%s/%s attempt %d: %s's claim went unrenewed for %s; taking the command over",
                            command.runId(), command.stepId(), command.attempt(), current.get().worker(), lease);
                }
                Claim mine = new Claim(worker, UUID.randomUUID().toString(), 0);
                write(key, mine);
                sleep(settle);
                Optional<Claim> back = read(key);
                if (back.isPresent() && back.get().token().equals(mine.token())) {
                    Turn turn = new Turn(key, mine);
                    // the holder before may have recorded the outcome and let go between the first look and now
                    Optional<StepStatusEvent> meanwhile = recorded.read();
                    if (meanwhile.isPresent()) {
                        turn.close();
                        return new Turn(meanwhile.get());
                    }
                    turn.renewing = renewer.scheduleWithFixedDelay(turn::renew, lease.toMillis() / 4,
                            lease.toMillis() / 4, TimeUnit.MILLISECONDS);
                    return turn;
                }
                seen = back.orElse(null); // another replica claimed it at the same moment, and its claim stands
                seenSince = System.nanoTime();
                current = back;
            }
            if (!told && current.isPresent()) {
                LOG.infof("%s/%s attempt %d is being run by %s; waiting for its outcome, or for its claim to go "
                        + "unrenewed for %s", command.runId(), command.stepId(), command.attempt(),
                        current.get().worker(), lease);
                told = true;
            }
            sleep(poll);
        }
    }

    /** This replica's claim on a command, or the outcome another replica recorded for it. */
    final class Turn implements AutoCloseable {

        private final StepStatusEvent recorded;
        private final String key;
        private Claim claim;
        private ScheduledFuture<?> renewing;

        private Turn(StepStatusEvent recorded) {
            this.recorded = recorded;
            this.key = null;
        }

        private Turn(String key, Claim claim) {
            this.recorded = null;
            this.key = key;
            this.claim = claim;
        }

        /** The outcome another replica recorded, when this replica is not to run the command. */
        Optional<StepStatusEvent> recorded() {
            return Optional.ofNullable(recorded);
        }

        private synchronized void renew() {
            try {
                Optional<Claim> current = read(key);
                if (current.isPresent() && !current.get().token().equals(claim.token())) {
                    LOG.warnf("%s was taken over by %s while this replica still runs it", key,
                            current.get().worker());
                    return;
                }
                claim = new Claim(claim.worker(), claim.token(), claim.beat() + 1);
                write(key, claim);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not renew %s: %s", key, e.getMessage());
            }
        }

        /** Stops renewing the claim and deletes it, if it is still this replica's. */
        @Override
        public synchronized void close() {
            if (key == null) {
                return;
            }
            if (renewing != null) {
                renewing.cancel(false);
            }
            try {
                Optional<Claim> current = read(key);
                if (current.isPresent() && current.get().token().equals(claim.token())) {
                    store.delete(List.of(key));
                }
            } catch (IOException | RuntimeException e) {
                // the claim then lapses after its lease; the command's outcome is recorded already
                LOG.warnf("could not delete %s: %s", key, e.getMessage());
            }
        }
    }

    private Optional<Claim> read(String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<ArtifactRef> ref = store.stat(key);
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes;
            try {
                bytes = store.read(ref.get());
            } catch (ArtifactCorruptedException | ArtifactNotFoundException e) {
                if (attempt == 3) {
                    throw e;
                }
                continue; // renewed or deleted between the look and the read: look again
            }
            try {
                return Optional.of(EventCodec.instance().mapper().readValue(bytes, Claim.class));
            } catch (JsonProcessingException e) {
                // not a claim this code writes: a claim nobody renews, so it lapses
                return Optional.of(new Claim("unknown", ref.get().sha256(), 0));
            }
        }
    }

    private void write(String key, Claim claim) throws IOException {
        store.put(key, EventCodec.instance().mapper().writeValueAsBytes(claim), "application/json");
    }

    private static void sleep(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a step command's claim");
        }
    }
}
