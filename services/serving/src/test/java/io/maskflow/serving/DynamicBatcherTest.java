package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.translate.NoopTranslator;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When a worker waits to fill a batch: only while a photo is on its way. A {@code @QuarkusTest} although it needs no
 * bean: PyTorch's native library can be loaded by one class loader per JVM, and the other tests of this module load
 * it in Quarkus's.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DynamicBatcherTest {

    private static final int SIZE = 32;
    /** Far longer than a forward pass, so waiting it or not is plain to see. */
    private static final long MAX_WAIT_MICROS = 3_000_000;

    @Test
    void aLoneRequestIsAnsweredAtOnceAndOneOnItsWayIsWaitedFor() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        AtomicInteger arriving = new AtomicInteger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        float[] photo = new float[3 * SIZE * SIZE];
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                DynamicBatcher batcher = new DynamicBatcher("test", () -> model.newPredictor(new NoopTranslator()),
                        1, SIZE, Heads.THREE, 8, MAX_WAIT_MICROS, arriving::get, registry)) {
            answer(batcher.submit(photo, 1).get(0));

            // nobody is preparing a photo: the request does not wait the 3 s for company
            long start = System.nanoTime();
            assertThat(answer(batcher.submit(photo, 1).get(0))).hasSize(18);
            assertThat((System.nanoTime() - start) / 1e6).as("ms to answer a lone request").isLessThan(1500);

            // a photo is being prepared: the worker waits for it, and the two share one forward pass
            arriving.set(1);
            CompletableFuture<float[]> first = batcher.submit(photo, 1).get(0);
            Thread.sleep(300);
            CompletableFuture<float[]> second = batcher.submit(photo, 1).get(0);
            arriving.set(0);
            answer(first);
            answer(second);
            assertThat(registry.find("maskflow.inference.batch.size").summary().max()).isEqualTo(2.0);
        }
    }

    private static float[] answer(CompletableFuture<float[]> answer) throws Exception {
        return answer.get(10, TimeUnit.SECONDS);
    }
}
