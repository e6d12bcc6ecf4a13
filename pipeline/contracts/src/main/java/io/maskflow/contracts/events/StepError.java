package io.maskflow.contracts.events;

import io.maskflow.contracts.Require;

/**
 * Why a step failed.
 *
 * @param code a stable machine-readable cause, e.g. {@code invalid-parameters}, {@code missing-artifact}
 * @param message what happened, in words a user can act on
 * @param retryable whether trying the same command again may succeed
 */
public record StepError(String code, String message, boolean retryable) {

    public StepError {
        Require.nonBlank(code, "error code");
        Require.nonBlank(message, "error message");
    }
}
