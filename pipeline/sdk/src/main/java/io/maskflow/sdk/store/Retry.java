package io.maskflow.sdk.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/** Runs an operation again, with exponential backoff and jitter, while it fails with a transient error. */
final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class);

    /** One try of an operation. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Predicate<Exception> transientError;

    Retry(int maxAttempts, Duration initialBackoff, Predicate<Exception> transientError) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.transientError = transientError;
    }

    <T> T run(String what, Call<T> call) throws Exception {
        long backoff = initialBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (attempt >= maxAttempts || !transientError.test(e)) {
                    throw e;
                }
                long wait = backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                LOG.warnf("%s failed (attempt %d of %d: %s); trying again in %d ms", what, attempt, maxAttempts,
                        e.toString(), wait);
                Thread.sleep(wait);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }
}
