package io.maskflow.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionOwnershipTest {

    @Test
    void aRunIdHashesToThePartitionKafkasProducerPicksForItsKey() {
        for (int i = 0; i < 500; i++) {
            String runId = "run-" + Integer.toHexString(i * 7919);
            for (int partitions : new int[] {1, 2, 3, 12}) {
                assertThat(PartitionOwnership.partitionOf(runId, partitions)).as(runId).isEqualTo(
                        BuiltInPartitioner.partitionForKey(runId.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void ownersOfTheSplitPartitionsOwnEachRunExactlyOnce() {
        PartitionOwnership left = new PartitionOwnership(3, Set.of(0, 2));
        PartitionOwnership right = new PartitionOwnership(3, Set.of(1));
        for (int i = 0; i < 200; i++) {
            String runId = "run-" + i;
            assertThat(left.owns(runId)).as(runId).isNotEqualTo(right.owns(runId));
        }
        assertThat(left.ownsAll()).isFalse();
        assertThat(new PartitionOwnership(3, Set.of(0, 1, 2)).ownsAll()).isTrue();
        assertThat(PartitionOwnership.NONE.owns("run-1")).isFalse();
        assertThat(PartitionOwnership.NONE.ownsAll()).isFalse();
    }

    @Test
    void aPartitionNumberIsOwnedOnlyWhenItIsAssignedOnEveryTopic() {
        Map<String, Integer> counts = Map.of(Topics.STEPS_EVENTS, 2, Topics.RUNS_REQUESTED, 2, Topics.RUNS_CANCEL, 2);
        Set<TopicPartition> assigned = Set.of(new TopicPartition(Topics.STEPS_EVENTS, 0),
                new TopicPartition(Topics.RUNS_REQUESTED, 0), new TopicPartition(Topics.RUNS_CANCEL, 0),
                new TopicPartition(Topics.STEPS_EVENTS, 1), new TopicPartition(Topics.RUNS_REQUESTED, 1));
        PartitionOwnership owned = RunOwnership.ownership(assigned, counts);
        assertThat(owned.owned()).containsExactly(0);
        assertThat(owned.partitions()).isEqualTo(2);
        assertThat(RunOwnership.ownership(Set.of(), counts)).isEqualTo(PartitionOwnership.NONE);
    }
}
