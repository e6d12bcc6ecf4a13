package io.maskflow.serving;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.translate.NoopTranslator;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.Normalizer;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One loaded model — or ensemble — ready to answer: each network with a {@link DynamicBatcher} of one predictor
 * per worker, the vote that combines an ensemble's members, and the image transform the models were trained with
 * (for a model trained with {@code crop=face}: the face found in the photo, the centre crop when there is none,
 * counted by {@code maskflow.serving.face.fallbacks}). Callers {@link #tryAcquire()} it for the length of a
 * request; a retired model closes once its last request is answered, so a swap never fails a request in flight.
 */
public final class LoadedModel {

    private static final Logger LOG = Logger.getLogger(LoadedModel.class);

    /** One answer. */
    public record Prediction(int label, float[] probabilities) {

        static Prediction of(float[] probabilities) {
            int best = 0;
            for (int c = 1; c < probabilities.length; c++) {
                best = probabilities[c] > probabilities[best] ? c : best;
            }
            return new Prediction(best, probabilities);
        }
    }

    /**
     * How the batcher runs.
     *
     * @param prepareInWorkers a photo is decoded and prepared by the inference worker that runs it,
     *     straight into its batch (false: on the request's thread, then handed to the worker)
     */
    public record Batching(int workers, int maxBatch, long maxWaitMicros, Duration timeout, boolean prepareInWorkers) {
    }

    private final String modelId;
    private final ArtifactRef ref;
    private final ModelDescriptor descriptor;
    private final List<Model> models;
    private final ImagePreparer preparer;
    private final Normalizer normalizer;
    /** Photos being prepared on callers' threads: the batchers wait for more only while there are some. */
    private final java.util.concurrent.atomic.AtomicInteger preparing = new java.util.concurrent.atomic.AtomicInteger();
    private final Counter faceFallbacks;
    private final List<DynamicBatcher> batchers = new ArrayList<>();
    private final Ensemble ensemble;
    private final Duration timeout;
    private final boolean prepareInWorkers;
    private final Instant loadedAt = Instant.now();
    private int users;
    private boolean retired;
    private boolean closed;

    private LoadedModel(String modelId, ArtifactRef ref, List<ModelDescriptor> descriptors, List<Model> models,
            Ensemble ensemble, Batching batching, MeterRegistry registry, SharedFaceAnalyzer faces) {
        this.modelId = modelId;
        this.ref = ref;
        this.descriptor = descriptors.get(0);
        this.models = models;
        this.ensemble = ensemble;
        this.preparer = faces.preparer(ImagePreparer.paramsOf(descriptor));
        this.normalizer = new Normalizer(descriptor.mean(), descriptor.std());
        this.faceFallbacks = Counter.builder("maskflow.serving.face.fallbacks").description(
                "photos in which a model trained with crop=face found no face, so they got the centre crop")
                .register(registry);
        this.timeout = batching.timeout();
        this.prepareInWorkers = batching.prepareInWorkers();
        try {
            for (int m = 0; m < models.size(); m++) {
                Model model = models.get(m);
                batchers.add(new DynamicBatcher(modelId + (models.size() > 1 ? "-" + m : ""),
                        () -> model.newPredictor(new NoopTranslator()), batching.workers(), descriptor.imageSize(),
                        descriptors.get(m)::probabilities, batching.maxBatch(), batching.maxWaitMicros(),
                        preparing::get, registry));
            }
        } catch (RuntimeException e) {
            // the members' workers started so far end before their models are closed
            batchers.forEach(DynamicBatcher::stop);
            throw e;
        }
    }

    /**
     * Loads an artifact file and warms it up with one prediction, so the first request does not pay for it.
     *
     * @param faces the service's face analyzer, loaded here if the model was trained with {@code crop=face}
     */
    public static LoadedModel load(String modelId, ArtifactRef ref, Path artifact, Batching batching,
            MeterRegistry registry, SharedFaceAnalyzer faces) throws IOException {
        return load(modelId, ref, List.of(artifact), null, batching, registry, faces);
    }

    /**
     * Loads one model, or the members of an ensemble (which must share input size, normalisation and crop), and
     * warms them up.
     */
    public static LoadedModel load(String modelId, ArtifactRef ref, List<Path> artifacts, Ensemble ensemble,
            Batching batching, MeterRegistry registry, SharedFaceAnalyzer faces) throws IOException {
        List<ModelDescriptor> descriptors = new ArrayList<>();
        for (Path artifact : artifacts) {
            descriptors.add(ModelArtifact.describe(artifact));
        }
        ModelDescriptor descriptor = descriptors.get(0);
        for (int m = 1; m < descriptors.size(); m++) {
            ModelDescriptor other = descriptors.get(m);
            if (other.imageSize() != descriptor.imageSize() || !Arrays.equals(other.mean(), descriptor.mean())
                    || !Arrays.equals(other.std(), descriptor.std())
                    || !other.preprocessing().equals(descriptor.preprocessing())) {
                throw new IOException("ensemble member " + m + " prepares images differently from member 0 (input "
                        + "size, mean / std or crop); serving needs one transform for all members");
            }
        }
        List<Model> models = new ArrayList<>();
        try {
            for (Path artifact : artifacts) {
                models.add(ModelArtifact.loadForInference(artifact, Device.cpu()));
            }
        } catch (IOException | RuntimeException e) {
            models.forEach(Model::close);
            throw e;
        }
        LoadedModel loaded;
        try {
            loaded = new LoadedModel(modelId, ref, descriptors, models, ensemble, batching, registry, faces);
        } catch (RuntimeException e) {
            models.forEach(Model::close);
            throw new IOException("the model " + modelId + " cannot prepare photos: " + e.getMessage(), e);
        }
        int size = descriptor.imageSize();
        try {
            loaded.predictTensor(new float[3 * size * size], 1);
        } catch (RuntimeException e) {
            loaded.closeNow();
            throw new IOException("the model " + modelId + " failed its warm-up prediction: " + e.getMessage(), e);
        }
        return loaded;
    }

    /**
     * Decodes, crops, resizes and normalises one photo and predicts it in a batch: on the inference worker that runs
     * the batch ({@code prepareInWorkers}, one network), else on the calling thread.
     */
    public Prediction predict(byte[] encoded) throws ImagePreparer.Rejected {
        try {
            return predictPhotos(List.of(encoded)).get(0);
        } catch (PhotoRefused e) {
            throw e.refusal();
        }
    }

    /**
     * Predicts several photos, each prepared as {@link #predict} prepares one; the workers share them out, so the
     * photos of one request are decoded side by side.
     *
     * @throws PhotoRefused for the first photo (in the list's order) the preparer refuses; the others are not answered
     */
    public List<Prediction> predictPhotos(List<byte[]> photos) throws PhotoRefused {
        if (!preparesInWorkers()) {
            // an ensemble's members share one prepared input rather than each decoding the photo
            int size = descriptor.imageSize();
            int image = 3 * size * size;
            float[] input = new float[photos.size() * image];
            for (int i = 0; i < photos.size(); i++) {
                try {
                    System.arraycopy(prepare(photos.get(i)), 0, input, i * image, image);
                } catch (ImagePreparer.Rejected e) {
                    throw new PhotoRefused(i, e);
                }
            }
            return predictTensor(input, photos.size());
        }
        List<CompletableFuture<float[]>> answers = new ArrayList<>(photos.size());
        for (byte[] encoded : photos) {
            answers.add(queuePhoto(encoded));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Prediction> predictions = new ArrayList<>(photos.size());
        for (int i = 0; i < answers.size(); i++) {
            try {
                predictions.add(Prediction.of(await(answers.get(i), deadline)));
            } catch (Unanswered e) {
                // what is still queued of this request is dropped by the workers, not run for nobody
                answers.forEach(answer -> answer.cancel(false));
                if (e.getCause() instanceof NotPrepared notPrepared) {
                    // the photo's own trouble, thrown here as if it had been prepared on this thread
                    if (notPrepared.getCause() instanceof ImagePreparer.Rejected rejected) {
                        throw new PhotoRefused(i, rejected);
                    }
                    throw (RuntimeException) notPrepared.getCause();
                }
                throw e;
            }
        }
        return predictions;
    }

    /**
     * Whether a photo is decoded by the inference worker that runs it ({@code prepareInWorkers} and one network), so
     * that {@link #submitPhoto} can take it.
     */
    public boolean preparesInWorkers() {
        return prepareInWorkers && batchers.size() == 1;
    }

    /**
     * Queues one photo for the worker that decodes it into its batch, without waiting (only where
     * {@link #preparesInWorkers()}). The future fails with the preparer's {@link ImagePreparer.Rejected} for a photo
     * it refuses, with {@link Unanswered} when the forward pass fails or does not answer within the timeout, or
     * with what else the preparer threw.
     */
    public CompletableFuture<Prediction> submitPhoto(byte[] encoded) {
        if (!preparesInWorkers()) {
            throw new IllegalStateException("model " + modelId + " prepares photos on the caller's thread");
        }
        CompletableFuture<Prediction> prediction = new CompletableFuture<>();
        queuePhoto(encoded).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((probabilities, e) -> {
            if (e == null) {
                prediction.complete(Prediction.of(probabilities));
            } else if (e instanceof NotPrepared notPrepared) {
                prediction.completeExceptionally(notPrepared.getCause());
            } else {
                prediction.completeExceptionally(e instanceof TimeoutException ? late(e) : failed(e));
            }
        });
        return prediction;
    }

    /** Queues a photo for a worker to decode straight into its batch; what the preparer throws fails its future. */
    private CompletableFuture<float[]> queuePhoto(byte[] encoded) {
        return batchers.get(0).submit((buffer, offset) -> {
            try {
                prepareInto(encoded, buffer, offset);
            } catch (ImagePreparer.Rejected | RuntimeException e) {
                throw new NotPrepared(e);
            }
        });
    }

    /** A photo of a request the preparer refused: which one (from 0) and why. */
    public static final class PhotoRefused extends Exception {

        private final int index;

        PhotoRefused(int index, ImagePreparer.Rejected refusal) {
            super(refusal.getMessage(), refusal, false, false);
            this.index = index;
        }

        /** The photo's place in the request, from 0. */
        public int index() {
            return index;
        }

        /** The preparer's refusal, with its message. */
        public ImagePreparer.Rejected refusal() {
            return (ImagePreparer.Rejected) getCause();
        }
    }

    /** Why a photo a worker was to prepare could not be: the preparer's exception, to be thrown to the caller. */
    private static final class NotPrepared extends Exception {

        NotPrepared(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The model's input for one photo: 3 × size × size normalised floats. */
    public float[] prepare(byte[] encoded) throws ImagePreparer.Rejected {
        preparing.incrementAndGet();
        try {
            int size = descriptor.imageSize();
            float[] input = new float[3 * size * size];
            prepareInto(encoded, input, 0);
            return input;
        } finally {
            preparing.decrementAndGet();
        }
    }

    private void prepareInto(byte[] encoded, float[] input, int offset) throws ImagePreparer.Rejected {
        ImagePreparer.Prepared prepared = preparer.prepareImage(encoded, null);
        if (prepared.fellBack()) {
            faceFallbacks.increment();
        }
        normalizer.toChw(prepared.pixels(), input, offset);
    }

    /** How this model crops photos ({@code centre} or {@code face}). */
    public String crop() {
        return preparer.params().crop().id();
    }

    /**
     * Predicts {@code count} ready inputs (count × 3 × size × size floats), each in whatever batch it joins; an
     * ensemble's members each predict them and vote.
     */
    public List<Prediction> predictTensor(float[] input, int count) {
        List<List<CompletableFuture<float[]>>> perMember = new ArrayList<>();
        for (DynamicBatcher batcher : batchers) {
            perMember.add(batcher.submit(input, count));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<float[][]> probabilities = new ArrayList<>();
        try {
            for (List<CompletableFuture<float[]>> answers : perMember) {
                float[][] member = new float[count][];
                for (int i = 0; i < count; i++) {
                    member[i] = await(answers.get(i), deadline);
                }
                probabilities.add(member);
            }
        } catch (Unanswered e) {
            // what is still queued of this request is dropped by the workers, not run for nobody
            perMember.forEach(answers -> answers.forEach(answer -> answer.cancel(false)));
            throw e;
        }
        float[][] combined = ensemble == null ? probabilities.get(0) : ensemble.combine(probabilities);
        List<Prediction> predictions = new ArrayList<>(count);
        for (float[] p : combined) {
            predictions.add(Prediction.of(p));
        }
        return predictions;
    }

    private float[] await(CompletableFuture<float[]> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while waiting for inference", e);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            throw late(e);
        }
    }

    private static Unanswered failed(Throwable cause) {
        return new Unanswered("inference failed: " + cause.getMessage(), cause);
    }

    private Unanswered late(Throwable cause) {
        return new Unanswered("inference took longer than " + timeout.toMillis() + " ms", cause);
    }

    /**
     * A forward pass that failed, or did not answer within the batcher's timeout (an overloaded replica, or a
     * model unloaded under it): the server's trouble, not the request's, so serving answers 503 (ServingErrors).
     */
    public static final class Unanswered extends IllegalStateException {

        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Holds the model for one request; false when it has already been closed. */
    synchronized boolean tryAcquire() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /** Ends one request; the last one out closes a retired model. */
    synchronized void release() {
        users--;
        if (retired && users == 0) {
            closeNow();
        }
    }

    /** Takes the model out of service: it closes now, or when its last request is answered. */
    synchronized void retire() {
        retired = true;
        if (users == 0) {
            closeNow();
        }
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            boolean ended = true;
            for (DynamicBatcher batcher : batchers) {
                ended &= batcher.stop();
            }
            if (ended) {
                models.forEach(Model::close);
            } else {
                // closing a network under a forward pass can take the process down; its memory is lost instead
                LOG.warnf("model %s left open: an inference worker did not stop", modelId);
            }
        }
    }

    /** The number of networks answering (more than one for an ensemble). */
    public int members() {
        return models.size();
    }

    public String modelId() {
        return modelId;
    }

    public ArtifactRef ref() {
        return ref;
    }

    /** The short version {@code /predict} answers with: the first 12 hex digits of the model artifact's SHA-256. */
    public String version() {
        return ref.sha256().substring(0, 12);
    }

    /** Whether a client's version names this model: its model id, {@link #version()} or the whole SHA-256. */
    public boolean isVersion(String version) {
        return modelId.equals(version) || version().equals(version) || ref.sha256().equals(version);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
