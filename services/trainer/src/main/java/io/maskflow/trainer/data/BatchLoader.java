package io.maskflow.trainer.data;

import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads, augments, mixes and assembles batches on its own threads, a few batches ahead of the network, so that
 * the CPU work of the data overlaps the forward and backward passes. Each batch draws its random numbers from its
 * own (seed, epoch, batch) generator, so the batches are the same whatever the thread count or timing.
 */
public final class BatchLoader implements AutoCloseable {

    private final List<ShardRecord> records;
    private final int size;
    private final int threads;
    private final ExecutorService pool;
    private final ThreadLocal<Augmenter> plain;
    private final ThreadLocal<Augmenter> augmented;
    private final float[][] extraTargets;
    private final float[] personWeights;

    public BatchLoader(List<ShardRecord> records, int size, float[] mean, float[] std, Augmenter.Settings settings,
            int threads) {
        this(records, size, mean, std, settings, threads, null);
    }

    /**
     * @param extraTargets each person's row by person number for the extra outputs (the age task's, the cues'):
     *     their targets, then their weights, written after each image's 18 class targets; null for none
     */
    public BatchLoader(List<ShardRecord> records, int size, float[] mean, float[] std, Augmenter.Settings settings,
            int threads, float[][] extraTargets) {
        this(records, size, mean, std, settings, threads, extraTargets, null);
    }

    /**
     * @param personWeights the weight of each person's images by person number, written as the image's class
     *     target in place of 1 (the trainer's {@code balanceCue}); null, or a person past its end, for 1
     */
    public BatchLoader(List<ShardRecord> records, int size, float[] mean, float[] std, Augmenter.Settings settings,
            int threads, float[][] extraTargets, float[] personWeights) {
        this.records = records;
        this.extraTargets = extraTargets;
        this.personWeights = personWeights;
        this.size = size;
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-loader-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.plain = ThreadLocal.withInitial(() -> new Augmenter(size, mean, std, Augmenter.Settings.NONE));
        this.augmented = ThreadLocal.withInitial(() -> new Augmenter(size, mean, std, settings));
    }

    /**
     * The batches of one pass over {@code order} (indices into the records), prepared ahead.
     *
     * @param augment apply the augmentations (training) or the plain transform (validation)
     * @param mixer mixup / cutmix over each batch, or null
     */
    public Iterator<HostBatch> epoch(int[] order, int batchSize, int maxBatches, boolean augment, Mixer mixer,
            long seed, int epoch) {
        int batches = (order.length + batchSize - 1) / batchSize;
        int total = maxBatches > 0 ? Math.min(batches, maxBatches) : batches;
        int ahead = threads + 1;
        return new Iterator<>() {
            private final Deque<Future<HostBatch>> queue = new ArrayDeque<>();
            private int submitted;
            private int taken;

            private void fill() {
                while (submitted < total && queue.size() < ahead) {
                    int b = submitted++;
                    queue.add(pool.submit(() -> assemble(order, b * batchSize, Math.min(order.length,
                            (b + 1) * batchSize), augment, mixer, Sampler.random(seed, epoch, b))));
                }
            }

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public HostBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                fill();
                Future<HostBatch> head = queue.poll();
                taken++;
                fill();
                try {
                    return head.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a batch", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not assemble a batch: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        };
    }

    /** Assembles one batch on the calling thread (used by the loader threads and by the benchmark). */
    public HostBatch assemble(int[] order, int from, int to, boolean augment, Mixer mixer, SplittableRandom random) {
        int n = to - from;
        int image = 3 * size * size;
        int extra = extraTargets == null || extraTargets.length == 0 ? 0 : extraTargets[0].length;
        int columns = Label.CLASSES + extra;
        HostBatch batch = new HostBatch(new float[n * image], new float[n * columns], new int[n], n, size);
        Augmenter augmenter = augment ? augmented.get() : plain.get();
        for (int i = 0; i < n; i++) {
            ShardRecord record = records.get(order[from + i]);
            augmenter.apply(record.pixels(), batch.images(), i * image, random);
            batch.labels()[i] = record.label();
            batch.targets()[i * columns + record.label()] = weight(record.person());
            if (extra > 0) {
                System.arraycopy(extraTargets[record.person()], 0, batch.targets(), i * columns + Label.CLASSES, extra);
            }
        }
        if (augment && mixer != null) {
            mixer.mix(batch, random);
        }
        return batch;
    }

    private float weight(int person) {
        return personWeights == null || person < 0 || person >= personWeights.length ? 1 : personWeights[person];
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
