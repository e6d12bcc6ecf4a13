package io.maskflow.orchestrator.messaging;

import io.maskflow.orchestrator.engine.RunEngine;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Follows the partitions the orchestrators' consumer group assigns to this replica and hands the matching runs to
 * or from the {@link RunEngine}: on an assignment the engine loads the unfinished runs of its new partitions from
 * the store and moves them on; on a revocation (or a lost assignment) it drops them without sending anything.
 * Runs on the consumer's polling thread, so no record of a partition is handled before its runs are loaded.
 */
@ApplicationScoped
@Default
@Identifier(RunOwnership.NAME)
public class RunOwnership implements KafkaConsumerRebalanceListener {

    /** The bean name the channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "maskflow-orchestrator-ownership";

    private static final Logger LOG = Logger.getLogger(RunOwnership.class);
    private static final int LOAD_ATTEMPTS = 3;

    @Inject
    RunEngine engine;

    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<String, Integer> partitionCounts = new LinkedHashMap<>();
    private volatile PartitionOwnership current = PartitionOwnership.NONE;
    private volatile boolean assignedOnce;
    private volatile String loadFailure;

    /** What this replica owns now. */
    public PartitionOwnership current() {
        return current;
    }

    /** Whether the group has assigned this replica its partitions at least once (and their runs are loaded). */
    public boolean assigned() {
        return assignedOnce;
    }

    /** Why the runs of an assignment could not be loaded; empty while all is well. */
    public Optional<String> loadFailure() {
        return Optional.ofNullable(loadFailure);
    }

    /** The partition count of a topic of the channel, 0 when not known yet. */
    public synchronized int partitionCount(String topic) {
        return partitionCounts.getOrDefault(topic, 0);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        synchronized (this) {
            for (TopicPartition partition : partitions) {
                partitionCounts.computeIfAbsent(partition.topic(), t -> consumer.partitionsFor(t).size());
            }
            assigned.addAll(partitions);
        }
        update();
        assignedOnce = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        synchronized (this) {
            assigned.removeAll(partitions);
        }
        update();
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.warnf("partitions lost (this replica was out of the group): %s", partitions);
        onPartitionsRevoked(consumer, partitions);
    }

    private void update() {
        PartitionOwnership next;
        synchronized (this) {
            next = ownership(assigned, partitionCounts);
        }
        long start = System.nanoTime();
        int active = handOver(next);
        current = next;
        LOG.infof("owning %s; took over %d unfinished run(s) in %d ms", next, active,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The runs owned given the assigned partitions: partition number p is owned when p of every topic of the
     * channel is assigned (the range assignor gives the same numbers of each topic to the same member when the
     * topics have the same partition count, which is logged as an error otherwise).
     */
    static PartitionOwnership ownership(Set<TopicPartition> assigned, Map<String, Integer> partitionCounts) {
        Set<Integer> counts = new TreeSet<>();
        for (String topic : RunMessages.TOPICS) {
            counts.add(partitionCounts.getOrDefault(topic, 0));
        }
        if (counts.size() > 1) {
            LOG.errorf("the orchestrator's topics %s must have the same partition count; they have %s: runs "
                    + "whose messages land on partitions this replica does not own on every topic are not "
                    + "driven", RunMessages.TOPICS, partitionCounts);
        }
        int partitions = partitionCounts.getOrDefault(RunMessages.TOPICS.get(0), 0);
        Set<Integer> owned = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            int number = p;
            if (RunMessages.TOPICS.stream().allMatch(t -> assigned.contains(new TopicPartition(t, number)))) {
                owned.add(p);
            }
        }
        return owned.isEmpty() ? PartitionOwnership.NONE : new PartitionOwnership(partitions, owned);
    }

    private int handOver(PartitionOwnership next) {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.handOver(next::owns);
            } catch (IOException | UncheckedIOException e) {
                if (attempt == LOAD_ATTEMPTS) {
                    // better restarted (its partitions then go to another replica) than owning runs it has not
                    // loaded: the liveness check reports it
                    loadFailure = "cannot load the runs of " + next + ": " + e.getMessage();
                    LOG.error(loadFailure, e);
                    return 0;
                }
                LOG.warnf("loading the runs of %s failed (%s); trying again", next, e.getMessage());
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading runs", interrupted);
                }
            }
        }
    }
}
