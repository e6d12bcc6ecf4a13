package io.maskflow.orchestrator.retention;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.orchestrator.engine.RunState;
import io.maskflow.orchestrator.engine.StepState;
import io.maskflow.sdk.store.ArtifactKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run refers to in the store, read from its saved state. Objects are owned by prefix, not one by one: a
 * step execution writes more under its output prefix than it names as outputs (a data set's images, shards,
 * every {@code epoch-N.zip}, pseudo-label folders), and the prefix is shared by every run whose step had the same
 * inputs and parameters (the cache). The prefixes a run can share with others:
 * <ul>
 * <li>{@code steps/<step>/<cacheKey>/} of every step output (attempt-scoped folders below it included);</li>
 * <li>{@code datasets/<id>/} and {@code datasets/imported/<id>/} of the data sets its parameters named;</li>
 * <li>{@code blobs/sha256/<ab>/<sha256>/} of content-addressed uploads.</li>
 * </ul>
 * Keys of other shapes and objects in other buckets (a user's data set imported from its own prefix) are never
 * claimed. What only the run has: {@code runs/<runId>/} (state, logs) and the idempotency record of each step
 * attempt.
 */
public final class RunReferences {

    private RunReferences() {
    }

    /** The prefixes a run refers to (which may be shared with other runs), in key order. */
    public static Set<String> sharedPrefixes(RunState run, String bucket) {
        Set<String> prefixes = new TreeSet<>();
        for (StepState step : run.steps.values()) {
            step.outputs.values().forEach(ref -> prefixOf(ref, bucket).ifPresent(prefixes::add));
        }
        run.outputs.values().forEach(ref -> prefixOf(ref, bucket).ifPresent(prefixes::add));
        if (run.spec != null) {
            run.spec.artifacts().values().forEach(ref -> prefixOf(ref, bucket).ifPresent(prefixes::add));
        }
        return prefixes;
    }

    /** The prefix that owns an artifact, or empty for a key outside the layout or another bucket. */
    public static Optional<String> prefixOf(ArtifactRef ref, String bucket) {
        if (ref == null || !bucket.equals(ref.bucket())) {
            return Optional.empty();
        }
        return prefixOf(ref.key());
    }

    /** The prefix that owns a key of this bucket, or empty for a key outside the layout. */
    public static Optional<String> prefixOf(String key) {
        String[] parts = key.split("/", -1);
        int depth = switch (parts[0]) {
            case "steps" -> 3;
            case "datasets" -> parts.length > 1 && parts[1].equals("imported") ? 3 : 2;
            case "blobs" -> 4;
            default -> 0;
        };
        // the prefix must leave at least a file name below it, and none of its parts may be empty
        if (depth == 0 || parts.length <= depth) {
            return Optional.empty();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (parts[i].isEmpty() || parts[i].equals(".") || parts[i].equals("..")) {
                return Optional.empty();
            }
            prefix.append(parts[i]).append('/');
        }
        return Optional.of(prefix.toString());
    }

    /** The idempotency records of every attempt of every step (only this run has them: its id is in the key). */
    public static List<String> idempotencyRecords(RunState run) {
        List<String> keys = new ArrayList<>();
        for (StepState step : run.steps.values()) {
            for (int attempt = 1; attempt <= step.attempt; attempt++) {
                keys.add(ArtifactKeys.idempotencyRecord(run.runId + "/" + step.spec.id() + "/" + attempt));
            }
        }
        return keys;
    }
}
