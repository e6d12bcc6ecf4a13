package io.maskflow.vision.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finds faces in a photo, their 68 landmarks, and estimates age and gender, with face-api's pretrained networks
 * (tiny face detector, 68-point landmark net, age/gender net; {@code @vladmandic/face-api} 1.7.15, MIT) run on
 * DJL's PyTorch engine, offline: the weights ship inside this jar and are loaded once, here.
 *
 * <p>Thread-safe: the weights are read-only tensors and every call works in its own {@link NDManager}, closed at
 * its end, so callers may share one analyzer. PyTorch's intra-op thread count is the process's
 * ({@code -Dai.djl.pytorch.num_threads}); for throughput, give each worker thread one intra-op thread.
 */
public final class FaceAnalyzer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaceAnalyzer.class);
    /** The detector's default input size (a multiple of 32) and score threshold, as face-api's defaults. */
    public static final int DEFAULT_INPUT_SIZE = 416;
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;

    private final NDManager weights;
    private final TinyFaceDetectorNet detector;
    private final LandmarkNet landmarkNet;
    private final AgeGenderNet ageGenderNet;
    private final int inputSize;
    private final double scoreThreshold;

    /** An analyzer with face-api's default detector settings. */
    public FaceAnalyzer() {
        this(DEFAULT_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD);
    }

    /**
     * @param inputSize the detector's input size, a multiple of 32: larger finds smaller faces, more slowly
     * @param scoreThreshold the lowest detector score kept, in (0, 1)
     */
    public FaceAnalyzer(int inputSize, double scoreThreshold) {
        if (inputSize < 64 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a multiple of 32 from 64, got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must lie in (0, 1), got " + scoreThreshold);
        }
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
        long started = System.nanoTime();
        this.weights = NDManager.newBaseManager("PyTorch");
        try {
            detector = new TinyFaceDetectorNet(TfjsWeights.load(TinyFaceDetectorNet.MODEL), weights);
            landmarkNet = new LandmarkNet(TfjsWeights.load(LandmarkNet.MODEL), weights);
            ageGenderNet = new AgeGenderNet(TfjsWeights.load(AgeGenderNet.MODEL), weights);
            warmUp();
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
        LOG.debugf("face networks loaded and warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Every face in {@code image}, best detector score first, with landmarks, age and gender. */
    public List<Face> detect(BufferedImage image) {
        return analyse(image, true);
    }

    /** Every face in {@code image} with its landmarks, without running the age/gender net (age NaN, no gender). */
    public List<Face> detectWithLandmarks(BufferedImage image) {
        return analyse(image, false);
    }

    /**
     * The boxes of every face in {@code image}, best detector score first, from the detector alone (no landmark
     * or age/gender pass): what a crop around the face needs, at a fraction of {@link #detectWithLandmarks}'s cost.
     */
    public List<FaceBox> detectBoxes(BufferedImage image) {
        NetInput photo = NetInput.of(image);
        int width = photo.width();
        int height = photo.height();
        List<FaceBox> boxes = new ArrayList<>();
        try (NDManager call = weights.newSubManager()) {
            for (BoxDecoder.Candidate found : detect(call, photo)) {
                FaceBox box = inPixels(found, width, height);
                FaceBox inside = box.clipFloor(width, height);
                if (inside.width() > 0 && inside.height() > 0) {
                    boxes.add(box);
                }
            }
        }
        return boxes;
    }

    /** A detection (relative to the photo) in pixels. */
    private static FaceBox inPixels(BoxDecoder.Candidate found, int width, int height) {
        return new FaceBox(found.x() * width, found.y() * height, found.width() * width, found.height() * height);
    }

    private List<BoxDecoder.Candidate> detect(NDManager call, NetInput photo) {
        float[] input = photo.tensor(0, 0, photo.width(), photo.height(), inputSize, false,
                TinyFaceDetectorNet.MEAN_RGB);
        float[] grid = detector.forward(call.create(input, new Shape(1, 3, inputSize, inputSize))).toFloatArray();
        return BoxDecoder.decode(grid, inputSize / 32, photo.width(), photo.height(), inputSize, scoreThreshold);
    }

    private List<Face> analyse(BufferedImage image, boolean ageAndGender) {
        NetInput photo = NetInput.of(image);
        int width = photo.width();
        int height = photo.height();
        List<Face> faces = new ArrayList<>();
        try (NDManager call = weights.newSubManager()) {
            for (BoxDecoder.Candidate found : detect(call, photo)) {
                FaceBox box = inPixels(found, width, height);
                List<Face.Point> landmarks = landmarks(call, photo, box);
                if (landmarks == null) {
                    continue;
                }
                Face face = new Face(box, found.score(), landmarks, Double.NaN, null, Double.NaN);
                faces.add(ageAndGender ? withAgeAndGender(call, photo, face) : face);
            }
        }
        return faces;
    }

    /** The 68 points of the face in {@code box}, in photo pixels; null when the box holds no whole pixel. */
    private List<Face.Point> landmarks(NDManager call, NetInput photo, FaceBox box) {
        FaceBox crop = box.clipFloor(photo.width(), photo.height());
        if (crop.width() <= 0 || crop.height() <= 0) {
            return null;
        }
        int size = LandmarkNet.INPUT_SIZE;
        float[] input = photo.tensor((int) crop.x(), (int) crop.y(), (int) crop.width(), (int) crop.height(), size,
                true, LandmarkNet.MEAN_RGB);
        float[] out = landmarkNet.forward(call.create(input, new Shape(1, 3, size, size))).toFloatArray();
        // face-api's postProcess: undo the centred padding as if it were split evenly, then scale to the crop, and
        // shift by the detector's box (not the clipped crop)
        double scale = (double) size / Math.max(crop.width(), crop.height());
        double scaledW = crop.width() * scale;
        double scaledH = crop.height() * scale;
        double padX = scaledW < scaledH ? Math.abs(scaledW - scaledH) / 2 : 0;
        double padY = scaledH < scaledW ? Math.abs(scaledW - scaledH) / 2 : 0;
        List<Face.Point> points = new ArrayList<>(Face.LANDMARKS);
        for (int i = 0; i < Face.LANDMARKS; i++) {
            double rx = (out[2 * i] * size - padX) / scaledW;
            double ry = (out[2 * i + 1] * size - padY) / scaledH;
            points.add(new Face.Point(rx * crop.width() + box.x(), ry * crop.height() + box.y()));
        }
        return points;
    }

    private Face withAgeAndGender(NDManager call, NetInput photo, Face face) {
        FaceBox crop = face.alignedBox().clipFloor(photo.width(), photo.height());
        if (crop.width() <= 0 || crop.height() <= 0) {
            return face;
        }
        int size = LandmarkNet.INPUT_SIZE;
        float[] input = photo.tensor((int) crop.x(), (int) crop.y(), (int) crop.width(), (int) crop.height(), size,
                true, LandmarkNet.MEAN_RGB);
        float[] out = ageGenderNet.forward(call.create(input, new Shape(1, 3, size, size))).toFloatArray();
        boolean male = out[1] > 0.5;
        return new Face(face.box(), face.score(), face.landmarks(), out[0],
                male ? Face.Gender.MALE : Face.Gender.FEMALE, male ? out[1] : 1 - out[1]);
    }

    /** PyTorch prepares its kernels on the first pass of each shape: one pass of each net here, not on a caller. */
    private void warmUp() {
        try (NDManager call = weights.newSubManager()) {
            NDArray detectorInput = call.zeros(new Shape(1, 3, inputSize, inputSize));
            detector.forward(detectorInput).toFloatArray();
            NDArray faceInput = call.zeros(new Shape(1, 3, LandmarkNet.INPUT_SIZE, LandmarkNet.INPUT_SIZE));
            landmarkNet.forward(faceInput).toFloatArray();
            ageGenderNet.forward(faceInput).toFloatArray();
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
