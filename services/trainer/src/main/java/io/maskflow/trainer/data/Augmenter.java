package io.maskflow.trainer.data;

import java.util.SplittableRandom;

/**
 * Turns one image's RGB bytes (H × W × 3) into normalised float32 CHW in a batch buffer, with the on-the-fly
 * augmentations of a training recipe: a random resized crop (area fraction {@code cropScale}..1, aspect 3:4..4:3,
 * bilinear), a horizontal flip, colour jitter (brightness, contrast and saturation each scaled by a factor in
 * 1 ± {@code colorJitter}) and cutout (a square of side {@code cutout} × image side set to the mean). With
 * {@link Settings#NONE} it is the plain transform that evaluation and serving apply. Not thread-safe: one per
 * loader thread.
 */
public final class Augmenter {

    /** What to do to each image. */
    public record Settings(boolean flip, double cropScale, double colorJitter, double cutout) {

        public static final Settings NONE = new Settings(false, 1, 0, 0);

        boolean geometric() {
            return flip || cropScale < 1;
        }
    }

    private final int size;
    private final float[] mean;
    private final float[] std;
    private final Settings settings;
    private final float[] work;

    public Augmenter(int size, float[] mean, float[] std, Settings settings) {
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
        this.settings = settings;
        this.work = new float[size * size * 3];
    }

    /**
     * @param pixels the image, {@code size × size × 3} bytes
     * @param out the batch buffer; this image's 3 × size × size floats start at {@code offset}
     */
    public void apply(byte[] pixels, float[] out, int offset, SplittableRandom random) {
        if (pixels.length != work.length) {
            throw new IllegalArgumentException("expected " + size + " × " + size + " × 3 pixels, got "
                    + pixels.length + " bytes");
        }
        if (settings.geometric()) {
            resample(pixels, random);
        } else {
            for (int i = 0; i < work.length; i++) {
                work[i] = (pixels[i] & 0xff) / 255f;
            }
        }
        if (settings.colorJitter() > 0) {
            jitter(random);
        }
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + p] = (work[p * 3 + c] - mean[c]) / std[c];
            }
        }
        if (settings.cutout() > 0) {
            cutout(out, offset, random);
        }
    }

    private void resample(byte[] pixels, SplittableRandom random) {
        double area = settings.cropScale() < 1 ? settings.cropScale() + random.nextDouble()
                * (1 - settings.cropScale()) : 1;
        double aspect = settings.cropScale() < 1 ? Math.exp(Math.log(0.75) + random.nextDouble()
                * (Math.log(4.0 / 3) - Math.log(0.75))) : 1;
        double w = Math.min(size, size * Math.sqrt(area * aspect));
        double h = Math.min(size, size * Math.sqrt(area / aspect));
        double x0 = random.nextDouble() * (size - w);
        double y0 = random.nextDouble() * (size - h);
        boolean flip = settings.flip() && random.nextBoolean();
        double sx = w / size;
        double sy = h / size;
        int last = size - 1;
        for (int y = 0; y < size; y++) {
            double fy = Math.max(0, Math.min(last, y0 + (y + 0.5) * sy - 0.5));
            int iy = Math.min((int) fy, Math.max(0, last - 1));
            double dy = fy - iy;
            int iy1 = Math.min(iy + 1, last);
            for (int x = 0; x < size; x++) {
                int tx = flip ? last - x : x;
                double fx = Math.max(0, Math.min(last, x0 + (tx + 0.5) * sx - 0.5));
                int ix = Math.min((int) fx, Math.max(0, last - 1));
                double dx = fx - ix;
                int ix1 = Math.min(ix + 1, last);
                int o = (y * size + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = (pixels[(iy * size + ix) * 3 + c] & 0xff) * (1 - dx)
                            + (pixels[(iy * size + ix1) * 3 + c] & 0xff) * dx;
                    double bottom = (pixels[(iy1 * size + ix) * 3 + c] & 0xff) * (1 - dx)
                            + (pixels[(iy1 * size + ix1) * 3 + c] & 0xff) * dx;
                    work[o + c] = (float) ((top * (1 - dy) + bottom * dy) / 255);
                }
            }
        }
    }

    private void jitter(SplittableRandom random) {
        double j = settings.colorJitter();
        float brightness = (float) (1 - j + 2 * j * random.nextDouble());
        float contrast = (float) (1 - j + 2 * j * random.nextDouble());
        float saturation = (float) (1 - j + 2 * j * random.nextDouble());
        double graySum = 0;
        for (int i = 0; i < work.length; i += 3) {
            graySum += gray(i);
        }
        float meanGray = (float) (graySum / (work.length / 3)) * brightness;
        for (int i = 0; i < work.length; i += 3) {
            float g = gray(i) * brightness;
            for (int c = 0; c < 3; c++) {
                float v = work[i + c] * brightness;
                v = g + (v - g) * saturation;
                v = meanGray + (v - meanGray) * contrast;
                work[i + c] = Math.max(0, Math.min(1, v));
            }
        }
    }

    private float gray(int i) {
        return 0.299f * work[i] + 0.587f * work[i + 1] + 0.114f * work[i + 2];
    }

    private void cutout(float[] out, int offset, SplittableRandom random) {
        int side = Math.max(1, (int) Math.round(settings.cutout() * size));
        int cx = random.nextInt(size);
        int cy = random.nextInt(size);
        int plane = size * size;
        for (int y = Math.max(0, cy - side / 2); y < Math.min(size, cy - side / 2 + side); y++) {
            for (int x = Math.max(0, cx - side / 2); x < Math.min(size, cx - side / 2 + side); x++) {
                for (int c = 0; c < 3; c++) {
                    out[offset + c * plane + y * size + x] = 0;
                }
            }
        }
    }
}
