package io.maskflow.orchestrator.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which runs one orchestrator owns: those whose run id hashes to a partition assigned to it. Run requests, cancel
 * requests and step events are keyed by run id, so Kafka's default partitioner puts all of a run's messages in
 * partition {@link #partitionOf} of each topic; the topics have the same partition count and the orchestrators'
 * consumer group assigns the same partition numbers of every topic to the same member, so the owner of that
 * number sees everything about the run. Immutable.
 *
 * @param partitions the partition count of the orchestrator's topics (0 before the first assignment)
 * @param owned the partition numbers assigned to this orchestrator
 */
public record PartitionOwnership(int partitions, Set<Integer> owned) {

    /** Owns nothing: before the first assignment, and between a revocation and the next assignment. */
    public static final PartitionOwnership NONE = new PartitionOwnership(0, Set.of());

    public PartitionOwnership {
        owned = Set.copyOf(new TreeSet<>(owned));
        for (int p : owned) {
            if (p < 0 || p >= partitions) {
                throw new IllegalArgumentException("partition " + p + " of " + partitions);
            }
        }
    }

    /** The partition a record keyed by {@code runId} goes to (as Kafka's default partitioner picks it). */
    public static int partitionOf(String runId, int partitions) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Whether this orchestrator drives the run. */
    public boolean owns(String runId) {
        return !owned.isEmpty() && owned.contains(partitionOf(runId, partitions));
    }

    /** Whether it owns every partition (it is the only orchestrator), so that it holds every run. */
    public boolean ownsAll() {
        return partitions > 0 && owned.size() == partitions;
    }

    @Override
    public String toString() {
        return "partitions " + new TreeSet<>(owned) + " of " + partitions;
    }
}
