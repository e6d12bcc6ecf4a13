package io.maskflow.datagen.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * How large a photo the service takes, and large photos one at a time. A photo is held as int RGB, 4 bytes a pixel,
 * in one array: 160 MB for 40 megapixels, which the service's heap (384 MB, run-local.sh) cannot hold beside the
 * rest (with the serial collector one array must fit in the old generation, two thirds of the heap, where the
 * service itself lives; the request's body, its base64 text and the JPEG answer take tens of MB more). So the photo
 * may take at most a fifth of the heap ({@link #MAX_PIXELS}), and photos over
 * {@link #LARGE_PIXELS} are decoded and worked on one at a time in the whole service: smaller ones go through at
 * once, as before; a large one waits for the one before it.
 */
public final class LargePhotos {

    /** The most pixels the service ever takes, whatever its heap. */
    public static final long PIXEL_CEILING = 40_000_000L;

    /** The most pixels this service takes: {@link #maxPixels(long)} of its heap (19.5 million with 384 MB). */
    public static final long MAX_PIXELS = maxPixels(Runtime.getRuntime().maxMemory());

    /** From here on a photo waits its turn: 4 megapixels, 16 MB as int RGB. */
    public static final long LARGE_PIXELS = 4_000_000L;

    private static final Semaphore ONE = new Semaphore(1, true);

    /** Work on a decoded photo. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(byte[] photo) throws IOException;
    }

    private LargePhotos() {
    }

    /** The pixels of a photo whose int RGB array (4 bytes a pixel) is a fifth of {@code heapBytes}, at most 40 M. */
    static long maxPixels(long heapBytes) {
        return Math.min(PIXEL_CEILING, heapBytes / 5 / 4);
    }

    /** Why a photo over {@link #MAX_PIXELS} is refused, for the answer. */
    public static String limitReason() {
        return "the photo is held at 4 bytes a pixel and may take a fifth of this service's "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap (never more than " + PIXEL_CEILING
                + " pixels)";
    }

    /** {@code work} on {@code photo} (the encoded bytes), after any large photo before it when it is large itself. */
    public static <T> T inTurn(byte[] photo, Work<T> work) throws IOException {
        if (ImageBounds.pixels(new ByteArrayInputStream(photo)) <= LARGE_PIXELS) {
            return work.apply(photo);
        }
        try {
            ONE.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another large photo to be done");
        }
        try {
            return work.apply(photo);
        } finally {
            ONE.release();
        }
    }
}
