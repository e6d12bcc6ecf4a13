package io.maskflow.sdk.quarkus;

import io.maskflow.sdk.step.CommandSource;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepRuntime;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.ArtifactUnreadableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The thin Kafka edge of a step service: reads the service's command topic (channel {@value #CHANNEL}, wired in
 * the service's {@code application.properties}) one message at a time on a worker thread and hands it to the
 * {@link StepRuntime}. The offset is committed only after the runtime returns, so a command whose service died
 * mid-way is delivered again (at-least-once); one whose outcome cannot be recorded for now is tried again.
 * Present only where {@code maskflow.step.enabled=true} at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "maskflow.step.enabled", stringValue = "true")
public class StepCommandConsumer {

    /** The incoming channel of step commands. */
    public static final String CHANNEL = "step-commands";

    private static final Logger LOG = Logger.getLogger(StepCommandConsumer.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    @Inject
    StepHandler handler;
    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    MeterRegistry registry;
    @Inject
    StepSettings settings;

    private StepRuntime runtime;

    @PostConstruct
    void init() {
        String worker = settings.worker().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
        runtime = new StepRuntime(handler, store, events, registry, worker, settings.stopPoll(),
                settings.claimLease());
        LOG.infof("step service for '%s' ready as worker %s", handler.type().id(), worker);
    }

    /**
     * Hands one command to the runtime. While its outcome cannot be recorded or published (the store or the broker
     * unreachable) the command is tried again, for up to {@link StepSettings#unavailableRetry()}, before the next one
     * is read: the channel's {@code failure-strategy=ignore} would otherwise commit its offset, and a store outage of
     * a minute would leave the command unanswered until the orchestrator's step timeout. Trying again is safe: the
     * runtime answers a command it recorded before from that record.
     */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws IOException {
        CommandSource source = new CommandSource(record.topic(), record.partition(), record.offset());
        long giveUpAt = System.nanoTime() + settings.unavailableRetry().toNanos();
        Duration wait = FIRST_WAIT;
        for (int attempt = 1;; attempt++) {
            try {
                runtime.handle(record.value(), source);
                if (attempt > 1) {
                    LOG.infof("command at %s-%d@%d accounted for on try %d", record.topic(), record.partition(),
                            record.offset(), attempt);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (answered(e)) {
                    // the store answered: what it said is the same on every try
                    LOG.errorf(e, "command at %s-%d@%d could not be accounted for", record.topic(),
                            record.partition(), record.offset());
                    throw e;
                }
                if (System.nanoTime() + wait.toNanos() - giveUpAt > 0) {
                    LOG.errorf(e, "command at %s-%d@%d could not be accounted for in %d tries over %s (store or "
                            + "broker unavailable); the orchestrator's step timeout takes over", record.topic(),
                            record.partition(), record.offset(), attempt, settings.unavailableRetry());
                    throw e;
                }
                LOG.warnf("command at %s-%d@%d could not be accounted for (store or broker unavailable: %s); "
                        + "trying again in %s", record.topic(), record.partition(), record.offset(), e.getMessage(),
                        wait);
                pause(wait);
                wait = wait.multipliedBy(2);
                if (wait.compareTo(LONGEST_WAIT) > 0) {
                    wait = LONGEST_WAIT;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "command at %s-%d@%d could not be accounted for", record.topic(), record.partition(),
                        record.offset());
                throw e;
            }
        }
    }

    /** A failure that is the store's answer (not found, damaged), not its silence. */
    private static boolean answered(Exception e) {
        return e instanceof ArtifactNotFoundException || e instanceof ArtifactCorruptedException
                || e instanceof ArtifactUnreadableException;
    }

    private static void pause(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for the store or the broker");
        }
    }
}
