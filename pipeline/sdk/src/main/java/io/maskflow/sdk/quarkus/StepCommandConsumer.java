package io.maskflow.sdk.quarkus;

import io.maskflow.sdk.step.CommandSource;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepRuntime;
import io.maskflow.sdk.store.ArtifactStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The thin Kafka edge of a step service: reads the service's command topic (channel {@value #CHANNEL}, wired in
 * the service's {@code application.properties}) one message at a time on a worker thread and hands it to the
 * {@link StepRuntime}. The offset is committed only after the runtime returns, so a command whose service died
 * mid-way is delivered again (at-least-once). Present only where {@code maskflow.step.enabled=true} at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "maskflow.step.enabled", stringValue = "true")
public class StepCommandConsumer {

    /** The incoming channel of step commands. */
    public static final String CHANNEL = "step-commands";

    private static final Logger LOG = Logger.getLogger(StepCommandConsumer.class);

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

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws IOException {
        try {
            runtime.handle(record.value(), new CommandSource(record.topic(), record.partition(), record.offset()));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "command at %s-%d@%d could not be accounted for (store or broker unavailable)",
                    record.topic(), record.partition(), record.offset());
            throw e;
        }
    }
}
