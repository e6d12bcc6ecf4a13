package io.maskflow.sdk.step;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.sdk.store.ShardSets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A step for the SDK's tests: writes one small artifact that depends on its parameters. It borrows the datagen
 * parameters, which have no field for "fail", so named seeds make it fail in the ways a step can:
 * {@link #USER_ERROR_SEED}, {@link #INTERNAL_ERROR_SEED}, {@link #MISSING_LIBRARY_SEED}, {@link #OUT_OF_MEMORY_SEED}
 * and {@link #OUT_OF_MEMORY_IN_A_POOL_SEED}; with {@link #READ_SHARDS_SEED} it reads
 * an input. A CDI bean in the integration test, a plain object in unit tests.
 */
@ApplicationScoped
public class EchoHandler implements StepHandler {

    /** This seed fails the step with a user error ({@link StepFailure} "unlucky", not retryable). */
    public static final long USER_ERROR_SEED = 13;
    /** This seed fails the step with an unexpected exception, as a bug would. */
    public static final long INTERNAL_ERROR_SEED = 666;
    /** This seed fails the step with an {@link UnsatisfiedLinkError}, as a missing native library would. */
    public static final long MISSING_LIBRARY_SEED = 777;
    /** Seed that makes the step run out of heap. */
    public static final long OUT_OF_MEMORY_SEED = 888;
    /** Seed that makes a thread the step started run out of heap and hand the error on. */
    public static final long OUT_OF_MEMORY_IN_A_POOL_SEED = 889;
    /** Seed that makes the step read its input {@code photos} as a shard index, as train and evaluate do. */
    public static final long READ_SHARDS_SEED = 999;
    /** Seed that makes the step read state of its own (as a checkpoint) that another attempt has just rewritten. */
    public static final long READ_REWRITTEN_STATE_SEED = 998;

    private final AtomicInteger runs = new AtomicInteger();

    /** How many commands this handler actually worked on. */
    public int runs() {
        return runs.get();
    }

    @Override
    public StepType type() {
        return StepType.DATAGEN;
    }

    @Override
    public String codeVersion() {
        return "1";
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        runs.incrementAndGet();
        DatagenParams params = context.parameters(DatagenParams.DEFAULTS);
        if (params.seed() == USER_ERROR_SEED) {
            throw new StepFailure("unlucky", "seed 13 is refused", false);
        }
        if (params.seed() == INTERNAL_ERROR_SEED) {
            throw new IllegalStateException("disk full");
        }
        if (params.seed() == MISSING_LIBRARY_SEED) {
            throw new UnsatisfiedLinkError("no libtorch_cpu.so in java.library.path");
        }
        if (params.seed() == OUT_OF_MEMORY_SEED) {
            throw new OutOfMemoryError("Java heap space");
        }
        if (params.seed() == OUT_OF_MEMORY_IN_A_POOL_SEED) {
            throw new ExecutionException(new OutOfMemoryError("Java heap space"));
        }
        if (params.seed() == READ_SHARDS_SEED) {
            ShardSets.index(context.store(), context.input("photos"));
        }
        if (params.seed() == READ_REWRITTEN_STATE_SEED) {
            ArtifactRef state = context.store().put(context.executionPrefix() + "checkpoint/state.json",
                    "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            context.store().read(new ArtifactRef(state.bucket(), state.key(), state.size() + 1, state.sha256()));
        }
        context.progress(Progress.of("persons", params.persons(), params.persons()));
        ArtifactRef out = context.writeOutput("echo.txt",
                ("persons=" + params.persons() + " seed=" + params.seed()).getBytes(StandardCharsets.UTF_8),
                "text/plain");
        return new StepResult(Map.of("dataset", out), Map.of("persons", (double) params.persons()));
    }
}
