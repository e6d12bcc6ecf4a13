package io.maskflow.vision.image;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * How a photo's pixels are to be turned to be seen upright: the EXIF {@code Orientation} tag (1 – 8) a camera writes
 * instead of turning the pixels, as phones do for every photo taken in portrait. Read from the bytes alone, every
 * offset checked: in a JPEG from the segments before the image data, in a PNG from its {@code eXIf} chunk, in both
 * from the first IFD of the EXIF block. Anything unreadable is orientation 1, as the decoder would show it.
 */
public enum ExifOrientation {
    /** 1: as stored */
    UPRIGHT,
    /** 2: mirrored left to right */
    MIRRORED,
    /** 3: turned 180° */
    TURNED_180,
    /** 4: mirrored top to bottom */
    MIRRORED_VERTICALLY,
    /** 5: mirrored along the main diagonal */
    TRANSPOSED,
    /** 6: to be turned 90° clockwise (a phone held upright) */
    TURNED_90,
    /** 7: mirrored along the other diagonal */
    TRANSVERSED,
    /** 8: to be turned 90° anticlockwise */
    TURNED_270;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TIFF_LONG = 4;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * The orientation a JPEG's EXIF block or a PNG's {@code eXIf} chunk gives; {@link #UPRIGHT} for other bytes, no
     * block, or one that does not parse.
     */
    public static ExifOrientation of(byte[] encoded) {
        if (encoded.length >= 4 && (encoded[0] & 0xff) == 0xff && (encoded[1] & 0xff) == 0xd8) {
            return ofJpeg(encoded);
        }
        if (encoded.length >= PNG_SIGNATURE.length
                && Arrays.equals(encoded, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return ofPng(encoded);
        }
        return UPRIGHT;
    }

    private static ExifOrientation ofJpeg(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // a fill byte: any number of them may come before a marker
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return UPRIGHT; // the image data starts: no EXIF block before it
            }
            int length = u16(jpeg, at + 2, false);
            if (length < 2 || at + 2 + length > jpeg.length) {
                return UPRIGHT;
            }
            if (marker == 0xe1 && length >= 8 && startsWithExif(jpeg, at + 4)) {
                return fromTiff(jpeg, at + 10, at + 2 + length);
            }
            at += 2 + length;
        }
        return UPRIGHT;
    }

    /**
     * From the chunks of a PNG: length, type, data, CRC each; the {@code eXIf} chunk's data is a TIFF structure, read
     * only when its CRC holds (a damaged one is passed over, and the walk goes on).
     */
    private static ExifOrientation ofPng(byte[] png) {
        long at = PNG_SIGNATURE.length;
        while (at + 12 <= png.length) {
            long length = u32(png, (int) at, false);
            long end = at + 8 + length;
            if (end + 4 > png.length) {
                return UPRIGHT;
            }
            int type = (int) at + 4;
            // a chunk that fails its CRC is passed over, as libpng drops an ancillary chunk that fails its check
            if (isType(png, type, "eXIf") && crcHolds(png, type, (int) end)) {
                int data = type + 4;
                // early writers put the JPEG segment's "Exif\0\0" before the TIFF structure
                if (end - data >= 6 && startsWithExif(png, data)) {
                    data += 6;
                }
                return fromTiff(png, data, (int) end);
            }
            if (isType(png, type, "IEND")) {
                return UPRIGHT;
            }
            at = end + 4;
        }
        return UPRIGHT;
    }

    /** Whether the CRC after a chunk's type and data (from {@code type} to {@code end}) is theirs. */
    private static boolean crcHolds(byte[] png, int type, int end) {
        CRC32 crc = new CRC32();
        crc.update(png, type, end - type);
        return crc.getValue() == u32(png, end, false);
    }

    private static boolean isType(byte[] b, int at, String type) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != type.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether width and height swap when the photo is turned upright. */
    public boolean swapsSides() {
        return ordinal() >= TRANSPOSED.ordinal();
    }

    /** The upright size of a stored {@code width x height} photo: {width, height}. */
    public int[] upright(int width, int height) {
        return swapsSides() ? new int[] {height, width} : new int[] {width, height};
    }

    /**
     * The stored pixels of a region of the upright photo.
     *
     * @param width the stored photo's width
     * @param height the stored photo's height
     */
    Rectangle stored(Rectangle upright, int width, int height) {
        int[] a = toStored(upright.x, upright.y, width, height);
        int[] b = toStored(upright.x + upright.width - 1, upright.y + upright.height - 1, width, height);
        int x = Math.min(a[0], b[0]);
        int y = Math.min(a[1], b[1]);
        return new Rectangle(x, y, Math.abs(a[0] - b[0]) + 1, Math.abs(a[1] - b[1]) + 1);
    }

    /**
     * Where the stored photo's pixels go in the upright one, for drawing it (or a band of its rows, translated to
     * where the band starts) into the upright photo: whole-pixel moves, no resampling.
     *
     * @param width the stored photo's width
     * @param height the stored photo's height
     */
    public AffineTransform toUpright(int width, int height) {
        return switch (this) {
            case UPRIGHT -> new AffineTransform();
            case MIRRORED -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case TURNED_180 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case MIRRORED_VERTICALLY -> new AffineTransform(1, 0, 0, -1, 0, height);
            case TRANSPOSED -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case TURNED_90 -> new AffineTransform(0, 1, -1, 0, height, 0);
            case TRANSVERSED -> new AffineTransform(0, -1, -1, 0, height, width);
            case TURNED_270 -> new AffineTransform(0, -1, 1, 0, 0, width);
        };
    }

    /** The image turned upright; the same image when it already is. */
    BufferedImage turnUpright(BufferedImage stored) {
        if (this == UPRIGHT) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        int[] size = upright(w, h);
        WritableRaster source = stored.getRaster();
        WritableRaster target = source.createCompatibleWritableRaster(size[0], size[1]);
        Object pixel = null;
        for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
                int[] from = toStored(x, y, w, h);
                pixel = source.getDataElements(from[0], from[1], pixel);
                target.setDataElements(x, y, pixel);
            }
        }
        return new BufferedImage(stored.getColorModel(), target, stored.isAlphaPremultiplied(), null);
    }

    /** Where the upright pixel (x, y) is stored in a {@code width x height} photo. */
    private int[] toStored(int x, int y, int width, int height) {
        return switch (this) {
            case UPRIGHT -> new int[] {x, y};
            case MIRRORED -> new int[] {width - 1 - x, y};
            case TURNED_180 -> new int[] {width - 1 - x, height - 1 - y};
            case MIRRORED_VERTICALLY -> new int[] {x, height - 1 - y};
            case TRANSPOSED -> new int[] {y, x};
            case TURNED_90 -> new int[] {y, height - 1 - x};
            case TRANSVERSED -> new int[] {width - 1 - y, height - 1 - x};
            case TURNED_270 -> new int[] {width - 1 - y, x};
        };
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** The orientation in the TIFF structure between {@code start} and {@code end}. */
    private static ExifOrientation fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return UPRIGHT;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return UPRIGHT;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd < start || ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                // a SHORT as the standard says, left-justified in the value field; some writers use a LONG
                long value = u16(b, entry + 2, little) == TIFF_LONG ? u32(b, entry + 8, little)
                        : u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? values()[(int) value - 1] : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
