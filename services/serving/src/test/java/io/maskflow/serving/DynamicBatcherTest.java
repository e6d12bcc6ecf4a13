package io.maskflow.serving;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When a worker waits to fill a batch (only while a photo is on its way), and what its forward pass answers (the
 * model's class probabilities, its decision bias applied). A {@code @QuarkusTest} although it needs no
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
                        1, SIZE, Heads.THREE::probabilities, 8, MAX_WAIT_MICROS, arriving::get, registry)) {
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

    @Test
    void closingEndsEveryWorkerAtOnce() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        try (Model model = ModelArtifact.load(artifact, Device.cpu())) {
            DynamicBatcher batcher = new DynamicBatcher("closing", () -> model.newPredictor(new NoopTranslator()),
                    3, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, new SimpleMeterRegistry());
            answer(batcher.submit(new float[3 * SIZE * SIZE], 1).get(0));
            long start = System.nanoTime();
            batcher.close();
            // each worker used to wait for a stop of its own that never came: close() gave up on each after 10 s
            // and left it blocked, with its predictor, for as long as the process lived (one per hot swap)
            assertThat((System.nanoTime() - start) / 1e6).as("ms to close a batcher of 3 workers").isLessThan(5000);
            assertThat(Thread.getAllStackTraces().keySet()).as("workers left running")
                    .noneMatch(t -> t.getName().startsWith("inference-closing-") && t.isAlive());
        }
    }

    /** A predictor that runs {@code before} ahead of each forward pass of a real one. */
    private static Predictor<NDList, NDList> gated(Model model, Callable<?> before) {
        Predictor<NDList, NDList> inner = model.newPredictor(new NoopTranslator());
        return new Predictor<>(model, new NoopTranslator(), Device.cpu(), false) {
            @Override
            public NDList predict(NDList input) throws TranslateException {
                try {
                    before.call();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return inner.predict(input);
            }

            @Override
            public void close() {
                inner.close();
                super.close();
            }
        };
    }

    @Test
    void aRequestThatStoppedWaitingGetsNoForwardPass() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        float[] photo = new float[3 * SIZE * SIZE];
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                DynamicBatcher batcher = new DynamicBatcher("stale", () -> gated(model, () -> {
                    running.countDown();
                    return go.await(10, TimeUnit.SECONDS);
                }), 1, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, registry)) {
            CompletableFuture<float[]> first = batcher.submit(photo, 1).get(0);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            // the worker is in a forward pass; three more wait in the queue, and the second gives up
            CompletableFuture<float[]> waiting = batcher.submit(photo, 1).get(0);
            CompletableFuture<float[]> gaveUp = batcher.submit(photo, 1).get(0);
            CompletableFuture<float[]> last = batcher.submit(photo, 1).get(0);
            gaveUp.cancel(false);
            go.countDown();
            answer(first);
            answer(waiting);
            answer(last);
            assertThat(registry.find("maskflow.inference.batch.size").summary().totalAmount())
                    .as("photos put through the network").isEqualTo(3.0);
        }
    }

    @Test
    void stoppingAnswersTheQueuedRequestsAtOnceAndFinishesTheBatchRunning() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        float[] photo = new float[3 * SIZE * SIZE];
        try (Model model = ModelArtifact.load(artifact, Device.cpu())) {
            DynamicBatcher batcher = new DynamicBatcher("stopping", () -> gated(model, () -> {
                running.countDown();
                return go.await(10, TimeUnit.SECONDS);
            }), 1, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, new SimpleMeterRegistry());
            CompletableFuture<float[]> inPass = batcher.submit(photo, 1).get(0);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<float[]>> queued = batcher.submit(photo, 3);
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(batcher::stop);
            Thread.sleep(300);
            assertThat(queued).as("queued requests answered while the forward pass still runs")
                    .allMatch(CompletableFuture::isCompletedExceptionally);
            assertThatThrownBy(() -> answer(queued.get(0))).hasMessageContaining("the model was unloaded");
            assertThat(inPass).isNotDone();
            go.countDown();
            assertThat(answer(inPass)).as("the batch being run is finished").hasSize(18);
            assertThat(stopped.get(10, TimeUnit.SECONDS)).as("every worker ended").isTrue();
        }
    }

    @Test
    void aBatcherThatCannotStartItsLastWorkerStopsTheOthers() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        AtomicInteger made = new AtomicInteger();
        try (Model model = ModelArtifact.load(artifact, Device.cpu())) {
            assertThatThrownBy(() -> new DynamicBatcher("halfmade", () -> {
                if (made.incrementAndGet() == 3) {
                    throw new IllegalStateException("no third predictor");
                }
                return model.newPredictor(new NoopTranslator());
            }, 3, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, new SimpleMeterRegistry()))
                    .hasMessage("no third predictor");
            assertThat(Thread.getAllStackTraces().keySet()).as("workers left running")
                    .noneMatch(t -> t.getName().startsWith("inference-halfmade-") && t.isAlive());
        }
    }

    @Test
    void aWorkerOutlivesAnErrorInItsForwardPass() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        AtomicInteger passes = new AtomicInteger();
        float[] photo = new float[3 * SIZE * SIZE];
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                DynamicBatcher batcher = new DynamicBatcher("error", () -> gated(model, () -> {
                    if (passes.incrementAndGet() == 1) {
                        throw new OutOfMemoryError("pretend");
                    }
                    return null;
                }), 1, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, new SimpleMeterRegistry())) {
            CompletableFuture<float[]> failed = batcher.submit(photo, 1).get(0);
            assertThatThrownBy(() -> answer(failed)).hasCauseInstanceOf(OutOfMemoryError.class);
            assertThat(answer(batcher.submit(photo, 1).get(0))).as("the next request, same worker").hasSize(18);
        }
    }

    @Test
    void anInputTheWorkerCannotWriteAnswersItsOwnRequestAndTheRestOfTheBatchRuns() throws Exception {
        Path artifact = TestModels.untrained(SIZE, Heads.THREE, Map.of());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        float[] photo = new float[3 * SIZE * SIZE];
        List<String> writers = new CopyOnWriteArrayList<>();
        DynamicBatcher.Input good = (buffer, offset) -> writers.add(Thread.currentThread().getName());
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                DynamicBatcher batcher = new DynamicBatcher("writes", () -> gated(model, () -> {
                    running.countDown();
                    return go.await(10, TimeUnit.SECONDS);
                }), 1, SIZE, Heads.THREE::probabilities, 8, 1000, () -> 0, registry)) {
            CompletableFuture<float[]> first = batcher.submit(photo, 1).get(0);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            // while the worker runs the first, three wait: they join one batch, the broken one without a place
            CompletableFuture<float[]> before = batcher.submit(good);
            CompletableFuture<float[]> broken = batcher.submit((buffer, offset) -> {
                throw new IllegalArgumentException("not a photo");
            });
            CompletableFuture<float[]> after = batcher.submit(good);
            go.countDown();
            answer(first);
            assertThatThrownBy(() -> answer(broken)).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a photo");
            assertThat(answer(before)).hasSize(18);
            assertThat(answer(after)).hasSize(18);
            assertThat(registry.find("maskflow.inference.batch.size").summary().max()).isEqualTo(2.0);
            assertThat(writers).as("threads that wrote the inputs").hasSize(2)
                    .allMatch(name -> name.startsWith("inference-writes-"));
        }
    }

    @Test
    void aPhotoPreparedByTheWorkerIsAnsweredAsOnePreparedOnTheCallersThread() throws Exception {
        Path zip = TestModels.untrained(SIZE, Heads.THREE, Map.of("cropWidth", 256, "cropHeight", 320));
        SharedFaceAnalyzer faces = new SharedFaceAnalyzer();
        LoadedModel inWorkers = LoadedModel.load("in-workers", null, zip,
                new LoadedModel.Batching(2, 4, 1000, Duration.ofSeconds(30), true), new SimpleMeterRegistry(), faces);
        LoadedModel onCallers = LoadedModel.load("on-callers", null, zip,
                new LoadedModel.Batching(2, 4, 1000, Duration.ofSeconds(30), false), new SimpleMeterRegistry(), faces);
        try {
            for (int seed = 1; seed <= 3; seed++) {
                byte[] photo = TestModels.distinctPhoto(seed);
                assertThat(inWorkers.predict(photo).probabilities()).as("photo %d", seed)
                        .containsExactly(onCallers.predict(photo).probabilities());
            }
            // a photo the preparer refuses is refused alike, with its reason, not as a failed forward pass
            byte[] cut = Arrays.copyOf(TestModels.distinctPhoto(4), 600);
            String refusal = catchRefusal(() -> onCallers.predict(cut));
            assertThat(refusal).isNotBlank();
            assertThat(catchRefusal(() -> inWorkers.predict(cut))).isEqualTo(refusal);
            assertThat(catchRefusal(() -> inWorkers.predict("not a photo".getBytes(UTF_8))))
                    .isEqualTo(catchRefusal(() -> onCallers.predict("not a photo".getBytes(UTF_8))));
            assertThat(inWorkers.predict(TestModels.distinctPhoto(5)).probabilities()).as("after the refusals")
                    .hasSize(18);

            // several photos in one request: the workers share them out, and each answer is that photo's (up to
            // float rounding: a forward pass of several images may round otherwise than one of a single image)
            List<byte[]> photos = List.of(TestModels.distinctPhoto(6), TestModels.distinctPhoto(7),
                    TestModels.distinctPhoto(8), TestModels.distinctPhoto(9), TestModels.distinctPhoto(10));
            List<LoadedModel.Prediction> together = inWorkers.predictPhotos(photos);
            for (int i = 0; i < photos.size(); i++) {
                assertThat(together.get(i).probabilities()).as("photo %d of the request", i)
                        .containsExactly(onCallers.predict(photos.get(i)).probabilities(), within(1e-5f));
            }
            // the first photo refused, in the request's order, is the one named, both ways
            List<byte[]> twoBroken = List.of(photos.get(0), cut, photos.get(2), "not a photo".getBytes(UTF_8));
            for (LoadedModel model : List.of(inWorkers, onCallers)) {
                assertThatThrownBy(() -> model.predictPhotos(twoBroken)).isInstanceOf(LoadedModel.PhotoRefused.class)
                        .hasMessage(refusal).extracting(e -> ((LoadedModel.PhotoRefused) e).index()).isEqualTo(1);
            }
        } finally {
            inWorkers.retire();
            onCallers.retire();
            faces.close();
            Files.deleteIfExists(zip);
        }
    }

    private interface Predicting {
        void run() throws Exception;
    }

    /** The message of the {@link ImagePreparer.Rejected} the prediction throws. */
    private static String catchRefusal(Predicting prediction) {
        try {
            prediction.run();
        } catch (ImagePreparer.Rejected e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("expected a refusal, got " + e, e);
        }
        throw new AssertionError("expected a refusal, got an answer");
    }

    @Test
    void servingAddsTheModelsDecisionBiasBeforeTheSoftmax() throws Exception {
        float[] bias = {0, 0.5f, 2.5f, 0, -1, 0, 0.2f, 1.5f};
        LoadedModel.Batching batching = new LoadedModel.Batching(1, 4, 1000, Duration.ofSeconds(30), true);
        // an untrained network answers nearly uniformly, so the bias shows in every probability
        Path plainZip = TestModels.untrained(SIZE, Heads.THREE, Map.of("cropWidth", 256, "cropHeight", 320));
        Path biasedZip = Files.createTempFile("biased", ".zip");
        try (Model model = ModelArtifact.load(plainZip, Device.cpu())) {
            ModelArtifact.save(model, ModelArtifact.describe(plainZip).withLogitBias(bias), biasedZip);
        }
        byte[] photo = TestModels.distinctPhoto(3);
        SharedFaceAnalyzer faces = new SharedFaceAnalyzer();
        LoadedModel plain = LoadedModel.load("plain", null, plainZip, batching, new SimpleMeterRegistry(), faces);
        LoadedModel biased = LoadedModel.load("biased", null, biasedZip, batching, new SimpleMeterRegistry(), faces);
        try {
            float[] p = plain.predict(photo).probabilities();
            float[] q = biased.predict(photo).probabilities();
            // each head's softmax moves by exp(bias) and is normalised again: p(m, g, a) · e^(bm + bg + ba) / Z
            double z = 0;
            for (int c = 0; c < 18; c++) {
                z += p[c] * Math.exp(bias[c / 6] + bias[3 + c / 3 % 2] + bias[5 + c % 3]);
            }
            for (int c = 0; c < 18; c++) {
                double expected = p[c] * Math.exp(bias[c / 6] + bias[3 + c / 3 % 2] + bias[5 + c % 3]) / z;
                assertThat((double) q[c]).as("class %d", c).isCloseTo(expected, within(1e-4));
            }
        } finally {
            plain.retire();
            biased.retire();
            faces.close();
            Files.deleteIfExists(plainZip);
            Files.deleteIfExists(biasedZip);
        }
    }

    @Test
    void aForwardPassThatDoesNotComeFailsAfterTheTimeoutAsUnanswered() throws Exception {
        LoadedModel.Batching batching = new LoadedModel.Batching(1, 4, 1000, Duration.ofMillis(300), true);
        Path zip = TestModels.untrained(SIZE, Heads.THREE, Map.of("cropWidth", 256, "cropHeight", 320));
        SharedFaceAnalyzer faces = new SharedFaceAnalyzer();
        LoadedModel model = LoadedModel.load("closed", null, zip, batching, new SimpleMeterRegistry(), faces);
        try {
            // closed: its batcher has no worker left, so what is handed to it now is never run
            model.retire();
            long start = System.nanoTime();
            assertThatThrownBy(() -> model.predictTensor(new float[3 * SIZE * SIZE], 1))
                    .isInstanceOf(LoadedModel.Unanswered.class).hasMessage("inference took longer than 300 ms");
            assertThat((System.nanoTime() - start) / 1e6).as("ms until it failed").isBetween(250.0, 5000.0);
        } finally {
            faces.close();
            Files.deleteIfExists(zip);
        }
    }

    private static float[] answer(CompletableFuture<float[]> answer) throws Exception {
        return answer.get(10, TimeUnit.SECONDS);
    }
}
