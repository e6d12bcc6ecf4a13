package io.maskflow.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Training progress as Micrometer metrics: the last finished epoch's figures as gauges (Prometheus shows them as
 * {@code maskflow_training_loss}, {@code maskflow_training_val_macro_f1}, ...) and a counter of epochs run.
 */
@ApplicationScoped
public class TrainingMetrics {

    private final AtomicReference<TrainingRunner.Epoch> last = new AtomicReference<>();
    private final Counter epochs;

    @Inject
    public TrainingMetrics(MeterRegistry registry) {
        gauge(registry, "maskflow.training.epoch", "the last finished epoch", e -> e.epoch());
        gauge(registry, "maskflow.training.loss", "mean training loss of the last epoch", e -> e.loss());
        gauge(registry, "maskflow.training.val.loss", "validation loss of the last epoch", e -> e.valLoss());
        gauge(registry, "maskflow.training.val.macro.f1", "validation macro F1 of the last epoch",
                e -> e.valMacroF1());
        gauge(registry, "maskflow.training.images.per.second", "training throughput of the last epoch",
                e -> e.imagesPerSecond());
        gauge(registry, "maskflow.training.learning.rate", "learning rate at the end of the last epoch",
                e -> e.learningRate());
        gauge(registry, "maskflow.training.eta.seconds", "estimated seconds left in the current run",
                e -> e.etaSeconds());
        this.epochs = Counter.builder("maskflow.training.epochs").description("epochs finished").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help,
            java.util.function.ToDoubleFunction<TrainingRunner.Epoch> value) {
        Gauge.builder(name, last, ref -> ref.get() == null ? Double.NaN : value.applyAsDouble(ref.get()))
                .description(help).register(registry);
    }

    public void epochDone(TrainingRunner.Epoch epoch) {
        last.set(epoch);
        epochs.increment();
    }
}
