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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * runs. Limits: a replica whose read and write of the claim are further apart than the settle time (a pause of a
 * quarter second between two requests) can run beside another; renewals share one thread with the stop polls, so a
 * store slow for longer than a lease lets another replica take over while the holder still runs (logged by the
 * holder); and a claim says the holder's process is alive, not that its work moves: a handler stuck in a live
 * replica keeps the others waiting until the orchestrator's attempt deadline sends the next attempt.
 */
final class CommandClaims {

    private static final Logger LOG = Logger.getLogger(CommandClaims.class);

    /** How long a claim may go unrenewed before another replica takes the command over, unless told otherwise. */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

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
    /** The tokens of the claims this replica holds now: a claim in its name with another token is a dead one's. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

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
     * another replica recorded the command's outcome meanwhile, that outcome. The store failing while it waits is
     * waited out (the message would otherwise be acknowledged with nobody running the command); the first look
     * is not, so a replica that cannot reach the store at all fails the command as before.
     *
     * @throws InterruptedIOException when the thread is interrupted while it waits (the service is stopping)
     */
    Turn await(StepCommand command, Recorded recorded) throws IOException {
        String key = ArtifactKeys.commandClaim(command.runId(), command.stepId(), command.attempt());
        Claim seen = null;
        long seenSince = System.nanoTime();
        boolean told = false;
        for (boolean first = true; ; first = false) {
            try {
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
                // a container restarted in its pod keeps its name (process 1 on the same host): a claim in this
                // replica's name that it does not hold was left by its earlier life, and nobody renews it
                boolean orphaned = current.isPresent() && current.get().worker().equals(worker)
                        && !held.contains(current.get().token());
                if (current.isEmpty() || lapsed || orphaned) {
                    if (orphaned) {
                        LOG.warnf("%s/%s attempt %d: the claim was left by an earlier run of this replica (%s); "
                                + "taking the command over", command.runId(), command.stepId(), command.attempt(),
                                worker);
                    } else if (lapsed) {
                        LOG.warnf("%s/%s attempt %d: %s's claim went unrenewed for %s; taking the command over",
                                command.runId(), command.stepId(), command.attempt(), current.get().worker(), lease);
                    }
                    Optional<Turn> mine = take(key, recorded);
                    if (mine.isPresent()) {
                        return mine.get();
                    }
                    current = read(key); // another replica claimed it at the same moment, and its claim stands
                    seen = current.orElse(null);
                    seenSince = System.nanoTime();
                }
                if (!told && current.isPresent()) {
                    LOG.infof("%s/%s attempt %d is being run by %s; waiting for its outcome, or for its claim to "
                            + "go unrenewed for %s", command.runId(), command.stepId(), command.attempt(),
                            current.get().worker(), lease);
                    told = true;
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (first) {
                    throw e;
                }
                LOG.warnf("%s/%s attempt %d: the store did not answer while waiting for the command's turn (%s); "
                        + "trying again", command.runId(), command.stepId(), command.attempt(), e.getMessage());
            }
            sleep(poll);
        }
    }

    /**
     * Writes this replica's claim, waits {@link #settle} and reads it back: the turn when the claim stands (or the
     * outcome, when the holder before recorded it and let go meanwhile), empty when another replica's claim won. A
     * claim of this replica's is never left behind when something fails on the way.
     */
    private Optional<Turn> take(String key, Recorded recorded) throws IOException {
        Claim mine = new Claim(worker, UUID.randomUUID().toString(), 0);
        held.add(mine.token());
        write(key, mine);
        Turn turn = new Turn(key, mine);
        boolean handedOut = false;
        try {
            sleep(settle);
            Optional<Claim> back = read(key);
            if (back.isEmpty() || !back.get().token().equals(mine.token())) {
                turn.closed = true; // not ours: nothing to delete
                held.remove(mine.token());
                return Optional.empty();
            }
            // the holder before may have recorded the outcome and let go between the first look and now
            Optional<StepStatusEvent> meanwhile = recorded.read();
            if (meanwhile.isPresent()) {
                return Optional.of(new Turn(meanwhile.get()));
            }
            long every = Math.max(1, lease.toMillis() / 4);
            turn.renewing = renewer.scheduleWithFixedDelay(turn::renew, every, every, TimeUnit.MILLISECONDS);
            handedOut = true;
            return Optional.of(turn);
        } finally {
            if (!handedOut) {
                turn.close();
            }
        }
    }

    /** This replica's claim on a command, or the outcome another replica recorded for it. */
    final class Turn implements AutoCloseable {

        private final StepStatusEvent recorded;
        private final String key;
        private Claim claim;
        private ScheduledFuture<?> renewing;
        private boolean closed;

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

        /**
         * Writes the claim again with its count raised, unless the turn is over (a renewal that had begun when it
         * was closed) or the claim is gone or another replica's (it took over while this one was slow to renew; both
         * now run, which is logged).
         */
        private synchronized void renew() {
            if (closed) {
                return;
            }
            try {
                Optional<Claim> current = read(key);
                if (current.isEmpty() || !current.get().token().equals(claim.token())) {
                    LOG.warnf("%s is %s while this replica still runs the command", key, current.isEmpty() ? "gone"
                            : "held by " + current.get().worker());
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
            if (key == null || closed) {
                return;
            }
            closed = true;
            held.remove(claim.token());
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
