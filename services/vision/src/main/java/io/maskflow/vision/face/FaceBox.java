package io.maskflow.vision.face;

/**
 * A rectangle in image pixels: top-left corner, width and height.
 *
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 */
public record FaceBox(double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union with {@code other}, 0 when they do not overlap. */
    public double iou(FaceBox other) {
        double w = Math.max(0, Math.min(right(), other.right()) - Math.max(x, other.x));
        double h = Math.max(0, Math.min(bottom(), other.bottom()) - Math.max(y, other.y));
        double intersection = w * h;
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /**
     * The whole pixels of this box inside a {@code imageWidth x imageHeight} image, as face-api crops faces
     * ({@code Box.clipAtImageBorders}): the corner clipped at 0, the size at the image's far edges, each floored.
     */
    FaceBox clipFloor(int imageWidth, int imageHeight) {
        double cx = Math.max(x, 0);
        double cy = Math.max(y, 0);
        double w = Math.min(right() - cx, imageWidth - cx);
        double h = Math.min(bottom() - cy, imageHeight - cy);
        return new FaceBox(Math.floor(cx), Math.floor(cy), Math.floor(w), Math.floor(h));
    }
}
