package io.maskflow.vision.image;

import io.maskflow.vision.face.FaceAnalyzer;
import io.maskflow.vision.face.FaceBox;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where to crop a photo for {@code crop=face}: around the largest face the detector finds (the portrait's subject;
 * a face in the background or a false detection is smaller), the detector's box widened by a margin on each side,
 * grown to the crop's aspect ratio around its centre, made to fit the photo (shrunk, keeping the aspect, only when
 * the photo is smaller) and moved inside it.
 */
public final class FaceCrop {

    /** Crops narrower or lower than this are no face worth training on. */
    static final int MIN_SIDE = 8;

    private final FaceAnalyzer faces;
    private final double margin;
    private final double aspect;

    /**
     * @param faces the detector, shared (it is thread-safe)
     * @param margin fraction of the face box's width (height) added on its left and right (top and bottom)
     * @param aspect the crop's width over its height (the model's {@code cropWidth / cropHeight})
     */
    public FaceCrop(FaceAnalyzer faces, double margin, double aspect) {
        if (!(margin >= 0) || !(aspect > 0)) {
            throw new IllegalArgumentException("margin must be >= 0 and aspect > 0, got " + margin + ", " + aspect);
        }
        this.faces = faces;
        this.margin = margin;
        this.aspect = aspect;
    }

    /** The crop around the largest face in {@code photo}; empty when the detector finds none. */
    public Optional<Rectangle> find(BufferedImage photo) {
        return faces.detectBoxes(photo).stream()
                .max(Comparator.comparingDouble(FaceBox::area))
                .map(box -> around(box, margin, aspect, photo.getWidth(), photo.getHeight()))
                .filter(r -> r.width >= MIN_SIDE && r.height >= MIN_SIDE);
    }

    /** The crop for a face {@code box} in a {@code width x height} photo, in whole pixels inside the photo. */
    static Rectangle around(FaceBox box, double margin, double aspect, int width, int height) {
        double cx = box.x() + box.width() / 2;
        double cy = box.y() + box.height() / 2;
        double w = box.width() * (1 + 2 * margin);
        double h = box.height() * (1 + 2 * margin);
        if (w / h < aspect) {
            w = h * aspect;
        } else {
            h = w / aspect;
        }
        double fit = Math.min(1, Math.min(width / w, height / h));
        int cw = (int) Math.min(width, Math.max(1, Math.round(w * fit)));
        int ch = (int) Math.min(height, Math.max(1, Math.round(h * fit)));
        int x = (int) Math.max(0, Math.min(width - cw, Math.round(cx - cw / 2.0)));
        int y = (int) Math.max(0, Math.min(height - ch, Math.round(cy - ch / 2.0)));
        return new Rectangle(x, y, cw, ch);
    }
}
