package io.maskflow.vision.image;

/**
 * The last step of the input transform, in plain Java: RGB bytes (H × W × 3) to float32 CHW scaled to 0..1 and
 * normalised by the model's channel mean and standard deviation. The same arithmetic as
 * {@link io.maskflow.vision.data.Batcher}, for code that assembles batches itself.
 */
public final class Normalizer {

    private Normalizer() {
    }

    /**
     * @param pixels {@code plane × 3} bytes, interleaved RGB
     * @param out receives {@code 3 × plane} floats from {@code offset}
     */
    public static void toChw(byte[] pixels, float[] mean, float[] std, float[] out, int offset) {
        int plane = pixels.length / 3;
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            int base = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                out[base + p] = ((pixels[p * 3 + c] & 0xff) / 255f - m) / s;
            }
        }
    }
}
