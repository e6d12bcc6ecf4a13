package io.maskflow.trainer.data;

import java.util.SplittableRandom;

/**
 * Turns one image's RGB bytes (H × W × 3) into normalised float32 CHW in a batch buffer, with the on-the-fly
 * augmentations of a training recipe: a random resized crop (area fraction {@code cropScale}..1, aspect 3:4..4:3,
 * bilinear), a horizontal flip, colour jitter (brightness, contrast and saturation each scaled by a factor in
 * 1 ± {@code colorJitter}), what another camera does to a photo ({@code camera}: blur, sensor noise, a colour
 * cast, grey), less colour ({@code grey}: the saturation scaled by a factor drawn from 0..1), a random filter
 * ({@code randomFilter}: the same shapes with other textures and colours) and cutout (a square of side
 * {@code cutout} × image side set to the mean). With {@link Settings#NONE} it is the plain transform that evaluation
 * and serving apply. Not thread-safe: one per loader thread.
 */
public final class Augmenter {

    /** What to do to each image. */
    public record Settings(boolean flip, double cropScale, double colorJitter, double cutout, double camera,
            double grey, double randomFilter) {

        public static final Settings NONE = new Settings(false, 1, 0, 0, 0, 0, 0);

        boolean geometric() {
            return flip || cropScale < 1;
        }
    }

    private final int size;
    private final float[] mean;
    private final float[] std;
    private final Settings settings;
    private final float[] work;
    private final float[] spare;
    private final float[] filtered;

    public Augmenter(int size, float[] mean, float[] std, Settings settings) {
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
        this.settings = settings;
        this.work = new float[size * size * 3];
        this.spare = new float[size * size * 3];
        this.filtered = new float[size * size * 3];
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
        if (settings.camera() > 0) {
            camera(random);
        }
        if (settings.grey() > 0 && random.nextDouble() < settings.grey()) {
            desaturate((float) random.nextDouble());
        }
        if (settings.randomFilter() > 0 && random.nextDouble() < settings.randomFilter()) {
            randomFilter(random);
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

    /**
     * What another camera does to a photo, each at odds of {@code camera} / 2: a [1 2 1] blur (twice in a third of
     * those), a colour cast (red and blue gains moved up to 15 % apart, green up to 5 %), and sensor noise (σ 1 – 4 %
     * of the range); at odds of {@code camera} / 10 the photo turns grey. None of it depends on the label.
     */
    private void camera(SplittableRandom random) {
        double odds = settings.camera() / 2;
        if (random.nextDouble() < odds) {
            blur();
            if (random.nextDouble() < 1.0 / 3) {
                blur();
            }
        }
        if (random.nextDouble() < odds) {
            float warm = (float) (0.15 * (2 * random.nextDouble() - 1));
            float green = (float) (1 + 0.05 * (2 * random.nextDouble() - 1));
            for (int i = 0; i < work.length; i += 3) {
                work[i] = Math.min(1, work[i] * (1 + warm));
                work[i + 1] = Math.min(1, work[i + 1] * green);
                work[i + 2] = Math.min(1, work[i + 2] * (1 - warm));
            }
        }
        if (random.nextDouble() < settings.camera() / 10) {
            for (int i = 0; i < work.length; i += 3) {
                float g = gray(i);
                work[i] = g;
                work[i + 1] = g;
                work[i + 2] = g;
            }
        }
        if (random.nextDouble() < odds) {
            double sigma = 0.01 + 0.03 * random.nextDouble();
            for (int i = 0; i < work.length; i++) {
                work[i] = (float) Math.max(0, Math.min(1, work[i] + sigma * random.nextGaussian()));
            }
        }
    }

    /**
     * Moves every pixel towards its own grey (luma) by {@code 1 - keep}: 0 turns the image grey, 1 leaves it. Colour
     * then says less about the label (lips, blush and make-up are drawn in colour, and a renderer may draw them paler
     * or light the face in another colour), so the network has to read the shapes as well.
     */
    private void desaturate(float keep) {
        for (int i = 0; i < work.length; i += 3) {
            float g = gray(i);
            for (int c = 0; c < 3; c++) {
                work[i + c] = g + (work[i + c] - g) * keep;
            }
        }
    }

    /**
     * A random convolution (RandConv, Xu et al., ICLR 2021): a new k × k filter from the three colour channels to
     * three, k one of 1, 3, 5 and 7, weights N(0, 1 / (3k²)), edges repeated. Its output is scaled to the image's
     * contrast around the image's mean and mixed with the image at a ratio drawn evenly from 0..1. Shapes stay where
     * they are; textures, edges' strength and colours change, so a cue that lives only in how one renderer paints
     * a surface becomes unreliable while a cue of shape does not.
     */
    private void randomFilter(SplittableRandom random) {
        int k = 1 + 2 * random.nextInt(4);
        int half = k / 2;
        float[] weights = new float[3 * 3 * k * k];
        double sigma = 1 / Math.sqrt(3.0 * k * k);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (sigma * random.nextGaussian());
        }
        float keep = (float) random.nextDouble();
        float[] channelMean = new float[3];
        for (int i = 0; i < work.length; i++) {
            channelMean[i % 3] += work[i];
        }
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            channelMean[c] /= plane;
        }
        for (int i = 0; i < work.length; i++) {
            spare[i] = work[i] - channelMean[i % 3];
        }
        int last = size - 1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int o = (y * size + x) * 3;
                filtered[o] = 0;
                filtered[o + 1] = 0;
                filtered[o + 2] = 0;
                for (int dy = -half; dy <= half; dy++) {
                    int row = Math.max(0, Math.min(last, y + dy)) * size;
                    for (int dx = -half; dx <= half; dx++) {
                        int p = (row + Math.max(0, Math.min(last, x + dx))) * 3;
                        int tap = (dy + half) * k + dx + half;
                        for (int out = 0; out < 3; out++) {
                            int w = (out * 3) * k * k + tap;
                            filtered[o + out] += weights[w] * spare[p] + weights[w + k * k] * spare[p + 1]
                                    + weights[w + 2 * k * k] * spare[p + 2];
                        }
                    }
                }
            }
        }
        double inVariance = 0;
        double outVariance = 0;
        for (int i = 0; i < work.length; i++) {
            inVariance += spare[i] * spare[i];
            outVariance += filtered[i] * filtered[i];
        }
        float gain = outVariance > 1e-12 ? (float) Math.sqrt(inVariance / outVariance) : 0;
        float level = (channelMean[0] + channelMean[1] + channelMean[2]) / 3;
        for (int i = 0; i < work.length; i++) {
            float v = keep * work[i] + (1 - keep) * (level + gain * filtered[i]);
            work[i] = Math.max(0, Math.min(1, v));
        }
    }

    /** A separable [1 2 1] / 4 blur, edges repeated. */
    private void blur() {
        int last = size - 1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int left = (y * size + Math.max(0, x - 1)) * 3;
                int centre = (y * size + x) * 3;
                int right = (y * size + Math.min(last, x + 1)) * 3;
                for (int c = 0; c < 3; c++) {
                    spare[centre + c] = 0.25f * work[left + c] + 0.5f * work[centre + c] + 0.25f * work[right + c];
                }
            }
        }
        for (int y = 0; y < size; y++) {
            int up = Math.max(0, y - 1) * size;
            int down = Math.min(last, y + 1) * size;
            for (int x = 0; x < size; x++) {
                int centre = (y * size + x) * 3;
                for (int c = 0; c < 3; c++) {
                    work[centre + c] = 0.25f * spare[(up + x) * 3 + c] + 0.5f * spare[centre + c]
                            + 0.25f * spare[(down + x) * 3 + c];
                }
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
