package io.maskflow.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serving's request and model-load metrics, each with help text (promtool's lint asks for it):
 * {@code maskflow_inference_requests_total{outcome}}, {@code maskflow_inference_latency_seconds{outcome}} (a
 * histogram), {@code maskflow_serving_model_loads_total{outcome}}, {@code maskflow_serving_model_load_seconds},
 * {@code maskflow_serving_promotions_refused_total{reason}}.
 * The batcher adds the batch size and queue wait; the holder the loaded model's gauges.
 */
@ApplicationScoped
public class ServingMetrics {

    @Inject
    MeterRegistry registry;

    /** Each outcome's counter and latency timer, looked up once instead of registered again per request. */
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    /**
     * Counts one request by outcome (ok, bad-input, no-model, failed) and records its latency when it was timed.
     */
    public void request(String outcome, long startNanos) {
        requests.computeIfAbsent(outcome, o -> Counter.builder("maskflow.inference.requests")
                .description("inference requests by outcome").tag("outcome", o).register(registry)).increment();
        if (startNanos > 0) {
            latencies.computeIfAbsent(outcome, o -> Timer.builder("maskflow.inference.latency")
                    .description("request latency, from body to answer").tag("outcome", o)
                    .publishPercentileHistogram().register(registry))
                    .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Counts a promotion serving did not load because its signature did not check (unsigned, bad signature). */
    public void promotionRefused(String reason) {
        Counter.builder("maskflow.serving.promotions.refused")
                .description("promotions refused because their signature did not check, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** Counts a model load by outcome (loaded, failed) and records its time when it loaded. */
    public void modelLoad(String outcome, long startNanos) {
        Counter.builder("maskflow.serving.model.loads").description("model loads by outcome").tag("outcome", outcome)
                .register(registry).increment();
        if (outcome.equals("loaded")) {
            Timer.builder("maskflow.serving.model.load").description("time to download, load and warm up a model")
                    .register(registry).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
