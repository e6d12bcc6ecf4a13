package io.maskflow.datagen.masks;

/** Landmarks that cannot place a mask: missing, not 68, not finite, or outside the image. */
public class InvalidLandmarksException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidLandmarksException(String message) {
        super(message);
    }
}
