package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.DeadLetterEvent;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.StepCommand;
import io.maskflow.contracts.events.StepError;
import io.maskflow.contracts.events.StepStatusEvent;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.json.MalformedEventException;
import io.maskflow.contracts.params.InvalidParametersException;
import io.maskflow.contracts.steps.StepContract;
import io.maskflow.sdk.metrics.MetricNames;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import io.maskflow.sdk.store.ArtifactStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs step commands for one {@link StepHandler}: the same for every step service, and free of Quarkus so it can
 * be unit-tested. For each command message it
 * <ol>
 * <li>decodes it, and sends what cannot be read to the dead-letter topic with the reason;</li>
 * <li>answers a command whose idempotency key was already handled with the recorded result, doing no work;</li>
 * <li>answers from the cache when an execution with the same inputs and parameters already finished;</li>
 * <li>claims the command in the store, or waits while another replica that was handed it too runs it
 * ({@link CommandClaims});</li>
 * <li>otherwise publishes STARTED, runs the handler, writes the manifest and publishes SUCCEEDED or FAILED.</li>
 * </ol>
 * While the handler runs, a timer looks for the orchestrator's {@link StopRequest} for the attempt every
 * {@code stopPoll}; once there is one the handler's next store access, progress or {@link StepContext#checkStop()}
 * throws {@link StepStopped}, and the attempt ends {@code CANCELLED}, its time being when the work stopped. An
 * attempt asked to stop before it began is not begun; one whose handler finished after the request is reported
 * {@code CANCELLED} too and leaves no manifest, so nothing reuses what it wrote.
 * It returns normally for every message it could account for; an exception means the result could not even be
 * published (broker or store down) and the message must not be acknowledged.
 */
public final class StepRuntime {

    private static final Logger LOG = Logger.getLogger(StepRuntime.class);

    private final StepHandler handler;
    private final ArtifactStore store;
    private final EventSink events;
    private final MeterRegistry registry;
    private final String worker;
    private final Duration stopPoll;
    private final EventCodec codec = EventCodec.instance();
    private final ScheduledExecutorService stopPoller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "step-stop-poller");
        t.setDaemon(true);
        return t;
    });
    private final CommandClaims claims;

    public StepRuntime(StepHandler handler, ArtifactStore store, EventSink events, MeterRegistry registry,
            String worker) {
        this(handler, store, events, registry, worker, DEFAULT_STOP_POLL);
    }

    /** @param stopPoll how often a running attempt looks for a stop request in the store */
    public StepRuntime(StepHandler handler, ArtifactStore store, EventSink events, MeterRegistry registry,
            String worker, Duration stopPoll) {
        this(handler, store, events, registry, worker, stopPoll, CommandClaims.DEFAULT_LEASE);
    }

    /**
     * @param claimLease how long the claim of a replica running a command may go unrenewed before another replica
     *        handed the same command takes it over ({@link CommandClaims})
     */
    public StepRuntime(StepHandler handler, ArtifactStore store, EventSink events, MeterRegistry registry,
            String worker, Duration stopPoll, Duration claimLease) {
        this.handler = handler;
        this.store = store;
        this.events = events;
        this.registry = registry;
        this.worker = worker;
        this.stopPoll = stopPoll;
        this.claims = new CommandClaims(store, worker, claimLease, stopPoller);
    }

    /** How often a running attempt looks for a stop request unless told otherwise. */
    public static final Duration DEFAULT_STOP_POLL = Duration.ofSeconds(1);

    /** The longest dead-letter reason kept, in characters; the payload is cut by {@link DeadLetterEvent}. */
    static final int MAX_REASON = 2_000;

    public StepHandler handler() {
        return handler;
    }

    /** Handles one message from the step's command topic. */
    public void handle(String payload, CommandSource source) throws IOException {
        StepCommand command;
        try {
            command = codec.decode(payload, StepCommand.class);
        } catch (MalformedEventException e) {
            deadLetter(payload, source, e.getMessage());
            return;
        }
        if (command.step() != handler.type()) {
            deadLetter(payload, source, "command for step type '" + command.step().id() + "' on the topic of '"
                    + handler.type().id() + "'");
            return;
        }
        handle(command, source);
    }

    /**
     * Handles a decoded command: answers a command seen before with its recorded outcome, a cacheable one whose
     * outputs exist with those, one asked to stop before it began with {@code cancelled}; runs the rest.
     */
    public void handle(StepCommand command) throws IOException {
        handle(command, new CommandSource(handler.type().commandTopic(), -1, -1));
    }

    private void handle(StepCommand command, CommandSource source) throws IOException {
        String recordKey = ArtifactKeys.idempotencyRecord(command.idempotencyKey());
        Optional<StepStatusEvent> earlier = readRecord(recordKey);
        if (earlier.isPresent()) {
            answerAgain(command, earlier.get(), "was already handled", source);
            return;
        }
        Optional<StepError> refused = refusedInput(command);
        if (refused.isPresent()) {
            // before the cache: an execution cached from such a command would be answered as if it were sound
            LOG.warnf("%s: %s/%s failed: %s", handler.type().id(), command.runId(), command.stepId(),
                    refused.get().message());
            finish(recordKey, StepStatusEvent.failed(command, refused.get(), worker), "failed");
            return;
        }
        String cacheKey = ArtifactKeys.cacheKey(command.step(), handler.codeVersion(), command.parameters(),
                command.inputs());
        String prefix = ArtifactKeys.stepOutputPrefix(command.step(), cacheKey);
        String manifestKey = ArtifactKeys.manifest(prefix);
        Optional<StepResult> cached = command.cache() && cacheable(command) ? readManifest(manifestKey)
                : Optional.empty();
        if (cached.isPresent()) {
            LOG.infof("%s: %s/%s hit the cache at %s", handler.type().id(), command.runId(), command.stepId(), prefix);
            finish(recordKey, StepStatusEvent.succeeded(command, cached.get().outputs(), cached.get().metrics(), true,
                    worker), "cached");
            return;
        }
        StopSignal stop = new StopSignal(store, command.runId(), command.stepId(), command.attempt());
        if (stop.poll()) {
            LOG.infof("%s: %s/%s attempt %d was asked to stop before it began: %s", handler.type().id(),
                    command.runId(), command.stepId(), command.attempt(), stop.reason().orElse(""));
            finish(recordKey, StepStatusEvent.cancelled(command, stop.reason().orElse("stopped"), worker),
                    "cancelled");
            return;
        }
        try (CommandClaims.Turn turn = claims.await(command, () -> readRecord(recordKey))) {
            if (turn.recorded().isPresent()) {
                answerAgain(command, turn.recorded().get(), "was run by another replica meanwhile", source);
                return;
            }
            Timer.Sample sample = Timer.start(registry);
            StepStatusEvent outcome = execute(command, prefix, manifestKey, stop);
            // an interrupt the handler met is kept for the thread's owner, but only once the outcome is out: with
            // the flag set, waiting for the broker to acknowledge the final event would fail at once
            boolean interrupted = Thread.interrupted();
            try {
                String result = outcome.status().name().toLowerCase(Locale.ROOT);
                sample.stop(Timer.builder(MetricNames.STEP_DURATION).description("time to execute a step command")
                        .tags(MetricNames.TAG_STEP, handler.type().id(), MetricNames.TAG_OUTCOME, result)
                        .register(registry));
                finish(recordKey, outcome, result);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Answers a command handled before (here or by another replica) with its recorded outcome, doing no work; unless
     * the outcome recorded under its idempotency key is another command's (another run's, step's or attempt's: a
     * sender chose a key that was taken), which is not this command's to publish: that one is dead-lettered.
     */
    private void answerAgain(StepCommand command, StepStatusEvent recorded, String how, CommandSource source) {
        if (!recorded.runId().equals(command.runId()) || !recorded.stepId().equals(command.stepId())
                || recorded.attempt() != command.attempt() || recorded.step() != command.step()) {
            deadLetter(codec.encode(command), source, "idempotency key '" + command.idempotencyKey() + "' is taken:"
                    + " it was used by attempt " + recorded.attempt() + " of step '" + recorded.stepId() + "' ("
                    + recorded.step().id() + ") of run '" + recorded.runId() + "'; leave the key out, and the "
                    + "command's own <runId>/<stepId>/<attempt> is used");
            return;
        }
        republish(command, recorded, how);
    }

    /**
     * Refuses inputs the step type does not take (its {@link StepContract}) and inputs from another bucket: every
     * artifact a pipeline hands on is written to this service's store, so a reference to another bucket is a
     * sender's mistake, and reading it would fail file by file, late and for another reason.
     */
    private Optional<StepError> refusedInput(StepCommand command) {
        StepContract contract = StepContract.of(handler.type());
        for (Map.Entry<String, ArtifactRef> input : command.inputs().entrySet()) {
            if (contract.input(input.getKey()).isEmpty()) {
                // a misspelt input is refused as a misspelt parameter is, not ignored or taken for another
                return Optional.of(new StepError("invalid-parameters", "step type " + handler.type().id()
                        + " takes no input '" + input.getKey() + "'; it takes " + contract.inputNames(), false));
            }
            if (!input.getValue().bucket().equals(store.bucket())) {
                return Optional.of(new StepError("missing-artifact", "input '" + input.getKey() + "' is "
                        + input.getValue().uri() + ", outside this store's bucket '" + store.bucket()
                        + "': a step reads the artifacts of its own store", false));
            }
        }
        return Optional.empty();
    }

    /** Publishes the outcome recorded for a command handled before. */
    private void republish(StepCommand command, StepStatusEvent recorded, String how) {
        LOG.infof("%s: command %s %s (%s); publishing its result again", handler.type().id(),
                command.idempotencyKey(), how, recorded.status());
        events.publish(Topics.STEPS_EVENTS, recorded);
        count("duplicate");
    }

    /**
     * Whether the handler lets the command be answered from the cache. A handler that cannot tell (the command's
     * parameters do not bind, say) has the command run, and the run reports why it fails: thrown from here, the
     * exception would leave the command with no event at all.
     */
    private boolean cacheable(StepCommand command) {
        try {
            return handler.cacheable(command);
        } catch (RuntimeException e) {
            LOG.warnf("%s: %s/%s: could not tell whether the cache may answer (%s); running the command",
                    handler.type().id(), command.runId(), command.stepId(), e.getMessage());
            return false;
        }
    }

    /**
     * Runs the handler with its log kept and its stop request polled: succeeded (the manifest written), stopped, or
     * failed with the error described.
     */
    private StepStatusEvent execute(StepCommand command, String prefix, String manifestKey, StopSignal stop)
            throws IOException {
        events.publish(Topics.STEPS_EVENTS, StepStatusEvent.started(command, worker));
        StepContext context = new StepContext(command, store, prefix,
                progress -> events.publish(Topics.STEPS_EVENTS, StepStatusEvent.progress(command, progress, worker)),
                stop);
        ScheduledFuture<?> polling = stopPoller.scheduleWithFixedDelay(stop::poll, stopPoll.toMillis(),
                stopPoll.toMillis(), TimeUnit.MILLISECONDS);
        StepLog log = StepLog.start(store, command);
        try {
            StepResult result = handler.run(context);
            polling.cancel(false);
            declared(result);
            if (stop.poll()) {
                return stopped(command, stop.reason().orElseThrow());
            }
            store.put(manifestKey, codec.mapper().writeValueAsBytes(result), "application/json");
            return StepStatusEvent.succeeded(command, result.outputs(), result.metrics(), false, worker);
        } catch (Throwable e) {
            // whatever the handler threw, the attempt ends with a final event, or it would stay RUNNING until the
            // orchestrator's deadline; an OutOfMemoryError here is this job's: its data is unreachable once the
            // handler has unwound, and a StackOverflowError's stack has unwound too
            polling.cancel(false);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Optional<StepStopped> stopped = inCauses(e, StepStopped.class);
            if (stopped.isPresent() || stop.requested()) {
                return stopped(command, stopped.map(Throwable::getMessage).orElse(stop.reason().orElse("")));
            }
            return failed(command, prefix, e);
        } finally {
            polling.cancel(false);
            log.close();
        }
    }

    /**
     * The failure of a command, logged with its stack trace when it is retryable (a bug or an outage).
     *
     * @param prefix the execution's output prefix, where this step's attempts keep state for each other
     */
    private StepStatusEvent failed(StepCommand command, String prefix, Throwable e) {
        StepError error = describe(e, "s3://" + store.bucket() + "/" + prefix);
        if (error.retryable()) {
            LOG.errorf(e, "%s: %s/%s failed: %s", handler.type().id(), command.runId(), command.stepId(),
                    error.message());
        } else {
            LOG.warnf("%s: %s/%s failed: %s", handler.type().id(), command.runId(), command.stepId(),
                    error.message());
        }
        return StepStatusEvent.failed(command, error, worker);
    }

    /** Refuses to hand on an output the step type's {@link StepContract} does not declare: a bug in the handler. */
    private void declared(StepResult result) throws StepFailure {
        Map<String, ?> declared = StepContract.of(handler.type()).outputs();
        for (String output : result.outputs().keySet()) {
            if (!declared.containsKey(output)) {
                throw new StepFailure("undeclared-output", "the " + handler.type().id() + " step produced output '"
                        + output + "', which its contract does not declare (it declares " + declared.keySet() + ")",
                        false);
            }
        }
    }

    private StepStatusEvent stopped(StepCommand command, String reason) {
        String why = reason == null || reason.isBlank() ? "stopped" : reason;
        LOG.infof("%s: %s/%s attempt %d stopped: %s", handler.type().id(), command.runId(), command.stepId(),
                command.attempt(), why);
        return StepStatusEvent.cancelled(command, why, worker);
    }

    /**
     * Records the outcome under the command's idempotency key, then publishes it. In this order a run deleted as soon
     * as its outcome is known leaves no record behind for a later run of the same id to be answered from; the event
     * goes out also when the record cannot be written (and the failure is thrown after it).
     */
    private void finish(String recordKey, StepStatusEvent outcome, String result) throws IOException {
        try {
            store.put(recordKey, codec.encode(outcome).getBytes(StandardCharsets.UTF_8), "application/json");
        } finally {
            events.publish(Topics.STEPS_EVENTS, outcome);
            count(result);
        }
    }

    private void deadLetter(String payload, CommandSource source, String why) {
        // a parser's message can quote the whole bad value: the record must stay under the broker's size limit
        String reason = shorten(why);
        LOG.warnf("%s: dead-lettering message at %s-%d@%d: %s", handler.type().id(), source.topic(),
                source.partition(), source.offset(), reason);
        String[] ids = codec.peekIds(payload == null ? "" : payload);
        events.publish(Topics.DEAD_LETTER, new DeadLetterEvent(Event.SCHEMA_VERSION, ids[0], ids[1], null,
                source.topic(), source.partition(), source.offset(), worker, reason, payload, null));
        count("dead-lettered");
    }

    private StepError describe(Throwable e, String ownState) {
        Optional<OutOfMemoryError> outOfMemory = inCauses(e, OutOfMemoryError.class);
        if (outOfMemory.isPresent()) {
            // the same job would run out again on a replica of the same size: say what to change instead
            return new StepError("out-of-memory", String.format(Locale.ROOT, "the %s step ran out of memory (%s) with"
                    + " a %d MiB heap: give its service more (-Xmx, the chart's resources for it) or run a smaller"
                    + " job", handler.type().id(), outOfMemory.get().getMessage(),
                    Runtime.getRuntime().maxMemory() >> 20), false);
        }
        if (e instanceof LinkageError) {
            // a native library or a class missing or of another version: this replica cannot run the step
            return new StepError("broken-installation", e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
        // a failure the step described, bad parameters or a missing input are the same on every try, also when a
        // library or a thread pool wrapped them: the outermost of them says what happened
        for (Throwable t : causes(e)) {
            if (t instanceof StepFailure failure) {
                String code = failure.code() == null || failure.code().isBlank() ? "internal-error" : failure.code();
                return new StepError(code, message(failure), failure.retryable());
            }
            if (t instanceof InvalidParametersException) {
                return new StepError("invalid-parameters", message(t), false);
            }
            if (t instanceof ArtifactNotFoundException) {
                return new StepError("missing-artifact", message(t), false);
            }
        }
        // the store holds other bytes than the input's reference says, or bytes of another kind: the same bytes
        // would be read again (also when a thread of the step's own met them); but state the step's attempts keep
        // under its own prefix (checkpoints) may have been rewritten by another attempt while this one read it
        Optional<ArtifactCorruptedException> corrupt = inCauses(e, ArtifactCorruptedException.class);
        if (corrupt.isPresent()) {
            String message = message(corrupt.get());
            return new StepError("corrupt-artifact", message, message.startsWith(ownState));
        }
        Optional<ArtifactUnreadableException> unreadable = inCauses(e, ArtifactUnreadableException.class);
        if (unreadable.isPresent()) {
            return new StepError("unreadable-artifact", message(unreadable.get()), false);
        }
        return new StepError("internal-error", message(e), true);
    }

    /** What a throwable says, or its class when it says nothing: an error event always has a message. */
    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    /** A dead letter's reason cut to {@link #MAX_REASON} characters, saying how much was left out. */
    static String shorten(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unreadable message";
        }
        return Texts.cut(reason, MAX_REASON);
    }

    /**
     * A throwable of the given type somewhere in a chain of causes: a thread pool wraps what its tasks throw, so a
     * stop or the heap running out in one of the step's own threads arrives inside an {@code ExecutionException}.
     */
    private static <T extends Throwable> Optional<T> inCauses(Throwable e, Class<T> type) {
        return causes(e).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** A throwable and its causes, outermost first; a chain that loops back is followed once round. */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private Optional<StepStatusEvent> readRecord(String key) throws IOException {
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(codec.decode(new String(store.read(ref.get()), StandardCharsets.UTF_8),
                StepStatusEvent.class));
    }

    private Optional<StepResult> readManifest(String key) throws IOException {
        Optional<ArtifactRef> ref = store.stat(key);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(codec.mapper().readValue(store.read(ref.get()), StepResult.class));
    }

    private void count(String outcome) {
        Counter.builder(MetricNames.STEPS).description("step commands handled, by outcome")
                .tags(MetricNames.TAG_STEP, handler.type().id(), MetricNames.TAG_OUTCOME, outcome).register(registry)
                .increment();
    }
}
