package io.maskflow.sdk.step;

import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.StepCommand;

/**
 * The work of one step type: what a service implements to become a pipeline step. The {@link StepRuntime} calls
 * it for each new command, after caching and idempotency checks, and publishes its events.
 */
public interface StepHandler {

    /** The step type this handler serves; commands of any other type are dead-lettered. */
    StepType type();

    /**
     * Part of the cache key: the version of the step's implementation. Bump it when the handler's output for the
     * same inputs changes, so that outputs cached by the old code are not reused. Every handler names its own (no
     * default), so a new handler cannot share one by accident.
     */
    String codeVersion();

    /**
     * Whether an earlier execution with the same inputs and parameters may stand in for this command. False for
     * steps whose result also depends on outside state (e.g. the promotion gate, which compares with whatever model
     * is promoted now).
     */
    default boolean cacheable(StepCommand command) {
        return true;
    }

    /**
     * Does the work. Write outputs with {@link StepContext#writeOutput}; throw {@link StepFailure} for an error the
     * user can act on. Any other exception fails the step as a retryable internal error.
     */
    StepResult run(StepContext context) throws Exception;
}
