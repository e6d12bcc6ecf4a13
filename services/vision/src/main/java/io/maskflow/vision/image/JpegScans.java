package io.maskflow.vision.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts a JPEG's scans from its markers, before it is decoded, so that a photo whose decoding would take a core for
 * seconds or minutes is refused for its structure. A progressive JPEG is decoded scan by scan, each scan a pass over
 * the coefficients of the whole photo; a small file can hold thousands of scans (a scan can be a few bytes: the
 * last scan of a photo repeated 2,000 times before its end made a 283 KB file that took Image I/O 16 to 60 s).
 *
 * <p>The walk reads the markers in order: a segment's length is skipped, and after a start-of-scan (SOS) segment its
 * entropy-coded data, up to the first {@code 0xFF} followed by neither {@code 0x00} (a stuffed byte), nor a restart
 * marker {@code 0xD0}-{@code 0xD7}, nor another {@code 0xFF} (fill). Bytes between segments that are no marker are
 * passed over, as the decoder passes over them (with a warning), so a scan cannot hide behind them. The walk ends at
 * the end-of-image marker, the end of the bytes, or a segment whose length is impossible or runs past the end: the
 * decoder then gives its own message. It is linear in the bytes, allocates nothing and throws nothing.
 */
public final class JpegScans {

    /**
     * The most scans a JPEG may have. libjpeg's standard progression (what cameras, browsers' encoders, Pillow and
     * Image I/O write) has 10 scans for a colour photo and 6 for a grey one; a baseline photo has 1, or 1 a component
     * when they are not interleaved; mozjpeg's optimised progressions and jpegtran's custom scripts stay in the low
     * tens. No encoder writes 100; past that the scans are only there to make the decoder work.
     */
    public static final int MAX_SCANS = 100;

    /**
     * The most scans x megapixels of work a JPEG may ask for (the pixels from its frame header), so that a large photo
     * cannot take {@link #MAX_SCANS} scans: each scan is a pass over the whole photo. Measured here (Image I/O on one
     * core, read subsampled as serving reads it; 2026-12-07): a 12-megapixel progressive photo of the standard 10
     * scans (120) decodes in 0.4 to 0.8 s, a 40-megapixel baseline one (40) in 0.2 s, a 40-megapixel progressive one
     * of 10 scans (400) in 2.0 s; at this limit, 50 scans of 12 megapixels took 2.4 s and 15 scans of 40 megapixels
     * 3.1 s, the worst a photo that is taken costs. A photo up to 6 megapixels may have {@link #MAX_SCANS} scans, a
     * 12-megapixel one 50, a 40-megapixel one 15: more than any encoder writes.
     */
    public static final long MAX_SCAN_MEGAPIXELS = 600;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /**
     * The counts of a walk: scans seen, the frame's declared pixels and 8 x 8 blocks (0 when no frame header was
     * seen), the bytes of entropy-coded data after the scan headers, and whether the frame is Huffman coded (every
     * coding but arithmetic).
     */
    public record Count(int scans, long pixels, long blocks, long dataBytes, boolean huffman) {
    }

    private JpegScans() {
    }

    /**
     * The scans (SOS markers) of {@code jpeg} up to its end-of-image marker, and the pixels its first frame header
     * (SOF) declares. Bytes that do not start with a JPEG's start-of-image marker count no scans.
     */
    public static Count count(byte[] jpeg) {
        int n = jpeg.length;
        if (n < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return new Count(0, 0, 0, 0, true);
        }
        int scans = 0;
        long pixels = 0;
        long blocks = 0;
        long data = 0;
        boolean huffman = true;
        int p = 2;
        while (true) {
            // the next marker: bytes before its 0xFF are passed over, as are fill bytes and a stuffed 0xFF 0x00
            while (p < n && (jpeg[p] & 0xFF) != 0xFF) {
                p++;
            }
            while (p < n && (jpeg[p] & 0xFF) == 0xFF) {
                p++;
            }
            if (p >= n) {
                break;
            }
            int marker = jpeg[p++] & 0xFF;
            if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no segment: a stuffed byte, TEM, SOI, a restart marker
            }
            if (marker == 0xD9) {
                break; // end of image: what follows is not read
            }
            if (p + 2 > n) {
                break;
            }
            int length = (jpeg[p] & 0xFF) << 8 | jpeg[p + 1] & 0xFF;
            if (length < 2 || length > n - p) {
                break; // impossible or cut short: the decoder says what is wrong
            }
            if (pixels == 0 && isFrame(marker) && length >= 7) {
                long height = (jpeg[p + 3] & 0xFF) << 8 | jpeg[p + 4] & 0xFF;
                long width = (jpeg[p + 5] & 0xFF) << 8 | jpeg[p + 6] & 0xFF;
                pixels = width * height;
                blocks = ((width + 7) / 8) * ((height + 7) / 8);
                huffman = marker < 0xC9; // SOF9 - SOF15 are arithmetic coded
            }
            p += length;
            if (marker == 0xDA) {
                scans++;
                int start = p;
                p = skipEntropyCoded(jpeg, p);
                data += p - start;
            }
        }
        return new Count(scans, pixels, blocks, data, huffman);
    }

    /** Where the entropy-coded data starting at {@code p} ends: at the 0xFF of the marker after it, or the end. */
    static int skipEntropyCoded(byte[] jpeg, int p) {
        int n = jpeg.length;
        while (true) {
            p = nextFf(jpeg, p);
            if (p + 1 >= n) {
                return n;
            }
            int next = jpeg[p + 1] & 0xFF;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                p += 2; // a stuffed 0xFF or a restart marker: still data
            } else if (next == 0xFF) {
                p++; // a fill byte: the marker is after it
            } else {
                return p;
            }
        }
    }

    /**
     * The first 0xFF byte at or after {@code p}, or the length. Eight bytes at a time: in {@code x = ~word} a 0xFF
     * byte is a zero byte, and {@code (x - 0x01..01) & ~x & 0x80..80} flags the zero bytes (a flag above a zero can
     * be false, the lowest one never is). Entropy-coded data is nearly all of a photo, and a byte at a time took
     * 40 microseconds of a core for a 58 KB photo, on every request.
     */
    private static int nextFf(byte[] jpeg, int p) {
        int n = jpeg.length;
        while (p + Long.BYTES <= n) {
            long x = ~(long) LONGS.get(jpeg, p);
            long zeros = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zeros != 0) {
                return p + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
            p += Long.BYTES;
        }
        while (p < n && (jpeg[p] & 0xFF) != 0xFF) {
            p++;
        }
        return p;
    }

    /** A start-of-frame marker: SOF0-SOF15 but DHT (0xC4), JPG (0xC8) and DAC (0xCC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /**
     * Why {@code jpeg} is refused before it is decoded, in plain words, or empty when it may be decoded: more than
     * {@link #MAX_SCANS} scans, more than {@link #MAX_SCAN_MEGAPIXELS} scans x megapixels, or, Huffman coded, less
     * entropy-coded data than its frame's blocks need. Every 8 x 8 block of the component with the finest sampling
     * has a DC coefficient, coded with at least one bit in a Huffman-coded file, so a file holding fewer bits than
     * those blocks is cut short or declares a size that is not its own; decoding such a file still works over the
     * declared pixels (a 6 KB progressive JPEG declaring 6,300 x 6,300 took 2.2 s of a core to refuse as corrupt).
     */
    public static Optional<String> refusal(byte[] jpeg) {
        Count count = count(jpeg);
        String kind = count.scans() > 1 ? "a progressive JPEG of " : "a JPEG of ";
        if (count.scans() > MAX_SCANS) {
            return Optional.of(String.format(Locale.ROOT, "%s%,d scans: at most %d are read (a camera's photo has "
                    + "about 10; each scan is decoded over the whole photo)", kind, count.scans(), MAX_SCANS));
        }
        double megapixels = count.pixels() / 1e6;
        if (count.scans() * megapixels > MAX_SCAN_MEGAPIXELS) {
            return Optional.of(String.format(Locale.ROOT, "%s%,d scans of %.1f megapixels: at most %d scans x "
                    + "megapixels are read (%d scans at this size; a camera's photo has about 10)", kind,
                    count.scans(), megapixels, MAX_SCAN_MEGAPIXELS, (long) (MAX_SCAN_MEGAPIXELS / megapixels)));
        }
        if (count.huffman() && count.scans() > 0 && count.dataBytes() * 8 < count.blocks()) {
            return Optional.of(String.format(Locale.ROOT, "truncated or corrupt: %s%.1f megapixels holds %,d bytes of "
                    + "image data, fewer than its %,d blocks of 8 x 8 pixels need (one bit each at the least: %,d "
                    + "bytes); the file is cut short or its declared size is not its own", kind, megapixels,
                    count.dataBytes(), count.blocks(), (count.blocks() + 7) / 8));
        }
        return Optional.empty();
    }
}
