package io.maskflow.vision.face;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * An RGB photo and face-api's way of turning a region of it into a network input ({@code NetInput.toBatchTensor}):
 * pad the region to a square with zeros (after it for the detector, split around it for the face nets; for an
 * odd difference the larger half goes after), resize that square to the input size with TensorFlow's legacy
 * bilinear resize (no half-pixel centres, no aligned corners), subtract a mean RGB and divide by 255. The result
 * is channel-first for PyTorch.
 */
final class NetInput {

    private final int[] pixels;
    private final int width;
    private final int height;

    private NetInput(int[] pixels, int width, int height) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
    }

    /**
     * The photo's pixels: a {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} image's own array, read in place (a copy
     * would be 4 bytes a pixel more: 160 MB for a 40-megapixel photo, beside the photo itself); any other image is
     * copied as packed RGB.
     */
    static NetInput of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] own = packedPixels(image);
        return new NetInput(own != null ? own : image.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** The image's int array when it holds exactly w x h pixels 0xAARRGGBB (or 0x..RRGGBB) from index 0, else null. */
    private static int[] packedPixels(BufferedImage image) {
        int type = image.getType();
        if (type != BufferedImage.TYPE_INT_RGB && type != BufferedImage.TYPE_INT_ARGB) {
            return null;
        }
        var raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferInt data) || data.getNumBanks() != 1
                || data.getOffset() != 0 || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0
                || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || model.getScanlineStride() != image.getWidth()) {
            return null;
        }
        int[] pixels = data.getData();
        return pixels.length == image.getWidth() * image.getHeight() ? pixels : null;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * The region {@code (x0, y0, w, h)} (inside the photo, whole pixels) as a {@code 3 x size x size} input.
     *
     * @param centre whether the padding is split around the region (the face nets) or put after it (the detector)
     * @param mean the mean RGB subtracted before the division by 255
     */
    float[] tensor(int x0, int y0, int w, int h, int size, boolean centre, float[] mean) {
        int side = Math.max(w, h);
        int diff = Math.abs(w - h);
        int before = centre ? diff - (int) Math.round(diff * 0.5) : 0;
        int offsetX = w < h ? before : 0;
        int offsetY = h < w ? before : 0;
        float scale = (float) side / size;
        float[] out = new float[3 * size * size];
        int plane = size * size;
        float[] rgb = new float[3];
        for (int r = 0; r < size; r++) {
            float sy = side == size ? r : r * scale;
            int top = (int) Math.floor(sy);
            int bottom = Math.min(side - 1, (int) Math.ceil(sy));
            float fy = sy - top;
            for (int c = 0; c < size; c++) {
                float sx = side == size ? c : c * scale;
                int left = (int) Math.floor(sx);
                int right = Math.min(side - 1, (int) Math.ceil(sx));
                float fx = sx - left;
                bilinear(x0, y0, w, h, offsetX, offsetY, top, bottom, left, right, fx, fy, rgb);
                int at = r * size + c;
                for (int ch = 0; ch < 3; ch++) {
                    out[ch * plane + at] = (rgb[ch] - mean[ch]) / 255f;
                }
            }
        }
        return out;
    }

    private void bilinear(int x0, int y0, int w, int h, int offsetX, int offsetY, int top, int bottom, int left,
            int right, float fx, float fy, float[] rgb) {
        int tl = padded(x0, y0, w, h, left - offsetX, top - offsetY);
        int tr = padded(x0, y0, w, h, right - offsetX, top - offsetY);
        int bl = padded(x0, y0, w, h, left - offsetX, bottom - offsetY);
        int br = padded(x0, y0, w, h, right - offsetX, bottom - offsetY);
        for (int ch = 0; ch < 3; ch++) {
            int shift = 16 - 8 * ch;
            float a = tl >> shift & 0xff;
            float b = tr >> shift & 0xff;
            float c = bl >> shift & 0xff;
            float d = br >> shift & 0xff;
            float upper = a + (b - a) * fx;
            float lower = c + (d - c) * fx;
            rgb[ch] = upper + (lower - upper) * fy;
        }
    }

    /** The pixel at (x, y) of the region, black (0) outside it: the zero padding. */
    private int padded(int x0, int y0, int w, int h, int x, int y) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return pixels[(y0 + y) * width + x0 + x];
    }
}
