package io.maskflow.serving;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Gathers concurrent requests into one forward pass. Requests wait in one queue, each either a ready input
 * (decoded, cropped, resized and normalised on the caller's thread) or a photo the worker prepares itself; each
 * worker thread owns one predictor (DJL predictors are not thread-safe), takes the oldest request, writes its input
 * into the batch, then keeps taking until it has {@code maxBatch} images or the oldest has waited {@code maxWait},
 * and runs them as one batch. Several workers overlap batches on several cores.
 *
 * <p>A photo prepared by the worker is decoded straight into the batch's buffer on the thread that then runs the
 * forward pass, as the in-process limit of the serving benchmark does: no thread hands it on, and the two workers
 * take photos from the queue one at a time, so both decode while there is work.
 *
 * <p>A worker waits for more only while a photo is being prepared on a caller's thread ({@code arriving}): with
 * nobody preparing one, no request can join the batch soon, and waiting would add {@code maxWait} to every answer
 * at low load (2 ms of the 10 a request took at concurrency 1).
 */
final class DynamicBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);

    /** One image's input, written into a batch's buffer when the image joins a batch. */
    @FunctionalInterface
    interface Input {
        /**
         * Writes the image's 3 × size × size floats at {@code offset}.
         *
         * @throws Exception why the image cannot be run (its request is answered with it)
         */
        void writeTo(float[] buffer, int offset) throws Exception;
    }

    /** One image's input and the answer to complete. */
    record Pending(Input input, CompletableFuture<float[]> answer, long enqueuedNanos) {
    }

    private static final Pending STOP = new Pending(null, null, 0);
    private static final long WAIT_STEP_NANOS = 200_000;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final int imageSize;
    private final UnaryOperator<NDArray> probabilities;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final DistributionSummary batchSizes;
    private final Timer queueWait;
    private final IntSupplier arriving;

    /**
     * @param arriving how many photos are being prepared on callers' threads right now (they will be submitted
     *     within about a millisecond)
     * @param probabilities the network's logits to class probabilities (the model descriptor's, bias included)
     */
    DynamicBatcher(String name, Supplier<Predictor<NDList, NDList>> predictors, int workerCount, int imageSize,
            UnaryOperator<NDArray> probabilities, int maxBatch, long maxWaitMicros, IntSupplier arriving,
            MeterRegistry registry) {
        this.arriving = arriving;
        this.imageSize = imageSize;
        this.probabilities = probabilities;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitMicros * 1000;
        this.batchSizes = DistributionSummary.builder("maskflow.inference.batch.size")
                .description("images per forward pass").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        this.queueWait = Timer.builder("maskflow.inference.queue.wait")
                .description("time a request waited for its forward pass").publishPercentileHistogram()
                .register(registry);
        try {
            for (int i = 0; i < workerCount; i++) {
                Predictor<NDList, NDList> predictor = predictors.get();
                Thread worker = new Thread(() -> work(predictor), "inference-" + name + "-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        } catch (RuntimeException e) {
            // the workers already started end before the caller closes the model under them
            stop();
            throw e;
        }
    }

    /** Queues the images in {@code input} (count × 3 × size × size floats); each future gets 18 probabilities. */
    List<CompletableFuture<float[]>> submit(float[] input, int count) {
        List<CompletableFuture<float[]>> answers = new ArrayList<>(count);
        long now = System.nanoTime();
        int image = 3 * imageSize * imageSize;
        for (int i = 0; i < count; i++) {
            CompletableFuture<float[]> answer = new CompletableFuture<>();
            answers.add(answer);
            int from = i * image;
            queue.add(new Pending((buffer, offset) -> System.arraycopy(input, from, buffer, offset, image), answer,
                    now));
        }
        return answers;
    }

    /**
     * Queues one image whose input the worker writes when the image joins a batch (a photo it decodes itself); the
     * future gets 18 probabilities, or what {@code input} threw.
     */
    CompletableFuture<float[]> submit(Input input) {
        CompletableFuture<float[]> answer = new CompletableFuture<>();
        queue.add(new Pending(input, answer, System.nanoTime()));
        return answer;
    }

    private void work(Predictor<NDList, NDList> predictor) {
        int image = 3 * imageSize * imageSize;
        float[] buffer = new float[maxBatch * image];
        List<Pending> batch = new ArrayList<>(maxBatch);
        try (predictor) {
            while (true) {
                Pending first = queue.take();
                if (first == STOP) {
                    // left in the queue for the other workers: one STOP ends them all
                    queue.add(STOP);
                    return;
                }
                batch.clear();
                if (!join(first, batch, buffer, image)) {
                    continue;
                }
                long deadline = first.enqueuedNanos() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    Pending next = queue.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || arriving.getAsInt() == 0) {
                            break;
                        }
                        // look again at least every 0.2 ms: the photo being prepared may fail and never come
                        next = queue.poll(Math.min(left, WAIT_STEP_NANOS), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            continue;
                        }
                    }
                    if (next == STOP) {
                        queue.add(STOP);
                        break;
                    }
                    join(next, batch, buffer, image);
                }
                run(predictor, batch, buffer, image);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds a request to the batch with its input written at the batch's next place: not when its request has
     * stopped waiting (timed out or failed; no forward pass for nobody), nor when its input cannot be written (the
     * request is answered with why).
     */
    private static boolean join(Pending pending, List<Pending> batch, float[] buffer, int image) {
        if (pending.answer().isDone()) {
            return false;
        }
        try {
            pending.input().writeTo(buffer, batch.size() * image);
        } catch (Exception | Error e) {
            // an Error too (a photo that runs the decoder out of memory): the worker goes on with the others
            pending.answer().completeExceptionally(e);
            return false;
        }
        batch.add(pending);
        return true;
    }

    private void run(Predictor<NDList, NDList> predictor, List<Pending> batch, float[] buffer, int image) {
        try {
            long started = System.nanoTime();
            for (Pending p : batch) {
                queueWait.record(started - p.enqueuedNanos(), TimeUnit.NANOSECONDS);
            }
            batchSizes.record(batch.size());
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray input = manager.create(FloatBuffer.wrap(buffer, 0, batch.size() * image),
                        new Shape(batch.size(), 3, imageSize, imageSize));
                float[] classes = probabilities.apply(predictor.predict(new NDList(input)).singletonOrThrow())
                        .toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    float[] one = new float[18];
                    System.arraycopy(classes, i * 18, one, 0, 18);
                    batch.get(i).answer().complete(one);
                }
            }
        } catch (TranslateException | RuntimeException | Error e) {
            // an Error too (out of memory, say): the batch's requests get their answer and the worker goes on,
            // instead of ending and leaving them to time out
            LOG.errorf(e, "a forward pass of %d images failed", batch.size());
            for (Pending p : batch) {
                p.answer().completeExceptionally(e);
            }
        }
    }

    /**
     * Stops the workers: the requests still queued are answered "unloaded" at once, the batches being run are
     * finished, and each worker then ends.
     *
     * @return false when a worker was still running after 10 s (its predictor is then left open, not closed under
     *     a forward pass)
     */
    boolean stop() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        // one STOP ends every worker: each puts it back for the next
        queue.add(STOP);
        for (Pending p : left) {
            if (p != STOP) {
                p.answer().completeExceptionally(new IllegalStateException("the model was unloaded"));
            }
        }
        boolean ended = true;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (worker.isAlive()) {
                LOG.warnf("inference worker %s still runs 10 s after it was told to stop", worker.getName());
                ended = false;
            }
        }
        return ended;
    }

    @Override
    public void close() {
        stop();
    }

}
