package io.maskflow.vision.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the tiny face detector's grid into face boxes the way face-api does ({@code TinyYolov2Base.extractBoxes}
 * and {@code nonMaxSuppression}): sigmoid scores above a threshold, boxes from the cell, the sigmoid offsets and the
 * anchors, corrected for the padding that made the photo square, then greedy non-maximum suppression.
 */
final class BoxDecoder {

    /** The five anchor boxes (width, height in grid cells) of face-api's tiny face detector. */
    static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308},
    };
    static final double IOU_THRESHOLD = 0.4;
    private static final int BOX_SIZE = 5;

    /** A face found: box relative to the photo (fractions of width and height) and score. */
    record Candidate(double x, double y, double width, double height, double score) {

        FaceBox box() {
            return new FaceBox(x, y, width, height);
        }
    }

    private BoxDecoder() {
    }

    /**
     * @param out the detector's output for one photo, channel-first: {@code [25, cells, cells]}
     * @param cells the grid size
     * @param imageWidth the photo's width in pixels
     * @param imageHeight the photo's height in pixels
     * @param inputSize the detector's input size
     * @param threshold the lowest score kept
     * @return the faces left after non-maximum suppression, best first, boxes relative to the photo
     */
    static List<Candidate> decode(float[] out, int cells, int imageWidth, int imageHeight, int inputSize,
            double threshold) {
        // face-api's reshaped input dimensions: the photo scaled so that its longer side is the input size
        double scale = (double) inputSize / Math.max(imageWidth, imageHeight);
        double correctionX = inputSize / (double) Math.round(imageWidth * scale);
        double correctionY = inputSize / (double) Math.round(imageHeight * scale);
        int plane = cells * cells;
        List<Candidate> found = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int anchor = 0; anchor < ANCHORS.length; anchor++) {
                    int base = anchor * BOX_SIZE * plane + row * cells + col;
                    double score = sigmoid(out[base + 4 * plane]);
                    if (score <= threshold) {
                        continue;
                    }
                    double cx = (col + sigmoid(out[base])) / cells * correctionX;
                    double cy = (row + sigmoid(out[base + plane])) / cells * correctionY;
                    double w = Math.exp(out[base + 2 * plane]) * ANCHORS[anchor][0] / cells * correctionX;
                    double h = Math.exp(out[base + 3 * plane]) * ANCHORS[anchor][1] / cells * correctionY;
                    found.add(new Candidate(cx - w / 2, cy - h / 2, w, h, score));
                }
            }
        }
        return suppress(found, IOU_THRESHOLD);
    }

    /** Greedy non-maximum suppression: keeps the best box, drops those overlapping it by more than the threshold. */
    static List<Candidate> suppress(List<Candidate> candidates, double iouThreshold) {
        List<Candidate> left = new ArrayList<>(candidates);
        left.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        while (!left.isEmpty()) {
            Candidate best = left.remove(0);
            kept.add(best);
            FaceBox box = best.box();
            left.removeIf(other -> box.iou(other.box()) > iouThreshold);
        }
        return kept;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
