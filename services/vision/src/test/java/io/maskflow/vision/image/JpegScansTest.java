package io.maskflow.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.dev.ManyScanJpegs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A JPEG's scans counted from its markers before it is decoded: a progressive JPEG with its last scan repeated
 * thousands of times (a few hundred KB) took the decoder a core for 16 to 60 s, and serving answered 503 or 400 only
 * after that; it is now refused at once.
 */
class JpegScansTest {

    /** A {@code w x h} JPEG of discs on grey as Image I/O writes it, progressive (libjpeg's 10 scans) or baseline. */
    static byte[] jpeg(int w, int h, boolean progressive) throws IOException {
        BufferedImage photo = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillOval(random.nextInt(w), random.nextInt(h), w / 8, h / 8);
        }
        g.dispose();
        return ManyScanJpegs.jpeg(photo, progressive);
    }

    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8};
    private static final byte[] EOI = {(byte) 0xFF, (byte) 0xD9};

    /** A baseline frame header of {@code w x h}, three components. */
    private static byte[] sof(int w, int h) {
        return bytes(0xFF, 0xC0, 0, 17, 8, h >> 8, h & 0xFF, w >> 8, w & 0xFF, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
    }

    /** A scan header of all three components, then {@code data} as its entropy-coded data. */
    private static byte[] scan(int... data) {
        byte[] header = bytes(0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0);
        byte[] tail = bytes(data);
        byte[] all = Arrays.copyOf(header, header.length + tail.length);
        System.arraycopy(tail, 0, all, header.length, tail.length);
        return all;
    }

    /** A scan header of all three components, then {@code length} bytes of entropy-coded data (zeros). */
    private static byte[] scanOf(int length) {
        return concat(scan(), new byte[length]);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /**
     * The probe's photo in small: a 384 x 512 progressive JPEG with its last scan repeated 2,000 times (the probe's
     * 4800 x 6400 one took 16 to 60 s) was decoded, then refused as "truncated or corrupt: Inconsistent progression
     * sequence" only after all of them. Now refused from its markers, before decoding, saying why.
     */
    @Test
    void aProgressiveJpegWithItsLastScanRepeatedThousandsOfTimesIsRefusedBeforeDecoding() throws Exception {
        byte[] photo = ManyScanJpegs.withLastScanRepeated(jpeg(384, 512, true), 2_000);
        assertThat(JpegScans.count(photo).scans()).isEqualTo(2_010);
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        long start = System.nanoTime();
        assertThatThrownBy(() -> preparer.prepare(photo)).isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessage("a progressive JPEG of 2,010 scans: at most 100 are read (a camera's photo has about 10; "
                        + "each scan is decoded over the whole photo)")
                .matches(e -> !((ImagePreparer.Rejected) e).tooManyPixels());
        assertThat((System.nanoTime() - start) / 1e6).as("ms to refuse it").isLessThan(500);
    }

    /** A photo too large for its scans: 16 scans of 40 megapixels (640 scans x megapixels) are refused. */
    @Test
    void aLargePhotoMayHaveFewerScansThanASmallOne() {
        // the first scan holds a bit for each of the 1,000 x 625 blocks, as a real photo's does
        byte[] large = concat(SOI, sof(8000, 5000), scanOf(78_125));
        for (int i = 1; i < 16; i++) {
            large = concat(large, scan(1, 2, 3));
        }
        byte[] fifteen = concat(SOI, sof(8000, 5000), scanOf(78_125));
        for (int i = 1; i < 15; i++) {
            fifteen = concat(fifteen, scan(1, 2, 3));
        }
        assertThat(JpegScans.refusal(concat(large, EOI))).hasValue("a progressive JPEG of 16 scans of 40.0 "
                + "megapixels: at most 600 scans x megapixels are read (15 scans at this size; a camera's photo has "
                + "about 10)");
        assertThat(JpegScans.refusal(concat(fifteen, EOI))).isEmpty();
        byte[] hundred = concat(SOI, sof(3000, 2000), scanOf(11_719));
        for (int i = 1; i < 100; i++) {
            hundred = concat(hundred, scan(1, 2, 3));
        }
        assertThat(JpegScans.refusal(concat(hundred, EOI))).isEmpty();
        assertThat(JpegScans.refusal(concat(hundred, scan(4), EOI))).get().asString()
                .startsWith("a progressive JPEG of 101 scans: at most 100 are read");
    }

    /** Ordinary photos are prepared as before: a baseline JPEG has 1 scan, Image I/O's progressive one 10. */
    @Test
    void ordinaryBaselineAndProgressiveJpegsArePreparedAsBefore() throws Exception {
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        int side = PreprocessParams.DEFAULTS.imageSize();
        byte[] baseline = jpeg(384, 512, false);
        byte[] progressive = jpeg(384, 512, true);
        assertThat(JpegScans.count(baseline)).extracting(JpegScans.Count::scans, JpegScans.Count::pixels,
                JpegScans.Count::blocks, JpegScans.Count::huffman).containsExactly(1, 384L * 512, 48L * 64, true);
        assertThat(JpegScans.count(progressive)).extracting(JpegScans.Count::scans, JpegScans.Count::pixels)
                .containsExactly(10, 384L * 512);
        assertThat(JpegScans.count(baseline).dataBytes()).isBetween(baseline.length - 1_000L,
                (long) baseline.length);
        assertThat(JpegScans.refusal(baseline)).isEmpty();
        assertThat(JpegScans.refusal(progressive)).isEmpty();
        assertThat(preparer.prepare(baseline)).hasSize(3 * side * side);
        assertThat(preparer.prepare(progressive)).hasSize(3 * side * side);
    }

    /**
     * A small progressive JPEG whose frame header declares 6,300 x 6,300 pixels (a probe of the running stack,
     * 2026-12-07: 6 KB took the decoder 2.2 s of a core to refuse as "premature end of data segment", and twenty sent
     * at once kept serving's photos waiting half a minute) is refused from its markers; a large photo of one flat
     * colour, which compresses to a few bits a block, is not.
     */
    @Test
    void aJpegWithLessDataThanItsDeclaredSizeNeedsIsRefusedBeforeDecoding() throws Exception {
        byte[] forged = jpeg(384, 512, true);
        for (int p = 2; p + 9 < forged.length; p++) {
            if ((forged[p] & 0xFF) == 0xFF && (forged[p + 1] & 0xFF) == 0xC2) {
                forged[p + 5] = (byte) (6300 >> 8);
                forged[p + 6] = (byte) (6300 & 0xFF);
                forged[p + 7] = (byte) (6300 >> 8);
                forged[p + 8] = (byte) (6300 & 0xFF);
                break;
            }
        }
        assertThat(JpegScans.count(forged).pixels()).isEqualTo(6300L * 6300);
        ImagePreparer preparer = new ImagePreparer(PreprocessParams.DEFAULTS);
        long start = System.nanoTime();
        assertThatThrownBy(() -> preparer.prepare(forged)).isInstanceOf(ImagePreparer.Rejected.class)
                .hasMessageStartingWith("truncated or corrupt: a progressive JPEG of 39.7 megapixels holds ")
                .hasMessageContaining("fewer than its 620,944 blocks of 8 x 8 pixels need (one bit each at the least: "
                        + "77,618 bytes)");
        assertThat((System.nanoTime() - start) / 1e6).as("ms to refuse it").isLessThan(500);

        BufferedImage flat = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = flat.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4000, 3000);
        g.dispose();
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] white = ManyScanJpegs.jpeg(flat, progressive);
            JpegScans.Count count = JpegScans.count(white);
            assertThat(count.dataBytes() * 8).as("bits of a flat 12-megapixel photo").isGreaterThanOrEqualTo(
                    count.blocks());
            assertThat(JpegScans.refusal(white)).isEmpty();
        }
    }

    /**
     * Cut anywhere, a JPEG's walk ends without an exception and counts no scan it does not hold; a segment whose
     * length runs past the end, or is impossible, ends it, and no declared length is allocated.
     */
    @Test
    void aTruncatedJpegEndsTheWalkQuietly() throws Exception {
        byte[] photo = ManyScanJpegs.withLastScanRepeated(jpeg(64, 48, true), 5);
        int scans = JpegScans.count(photo).scans();
        assertThat(scans).isEqualTo(15);
        int previous = 0;
        for (int cut = 0; cut <= photo.length; cut++) {
            int counted = JpegScans.count(Arrays.copyOf(photo, cut)).scans();
            assertThat(counted).as("cut at %d", cut).isBetween(previous, scans);
            previous = counted;
        }
        assertThat(JpegScans.count(concat(SOI, bytes(0xFF, 0xE1, 0xFF, 0xFF, 1, 2), scan(), EOI)).scans())
                .as("an APP1 segment declaring 65535 bytes of 4").isZero();
        assertThat(JpegScans.count(concat(SOI, bytes(0xFF, 0xE1, 0, 1), scan(), EOI)).scans())
                .as("a segment length under 2").isZero();
        assertThat(JpegScans.count(concat(SOI, sof(10, 10), bytes(0xFF, 0xDA, 0))).scans()).isZero();
        assertThat(JpegScans.count(bytes(0xFF)).scans()).isZero();
        assertThat(JpegScans.count(new byte[0]).scans()).isZero();
        assertThat(JpegScans.count("not a JPEG".getBytes()).scans()).isZero();
    }

    /**
     * In a scan's data a stuffed 0xFF 0x00 and a restart marker 0xFF 0xD0-0xD7 are data, fill bytes 0xFF before a
     * marker are passed over; bytes inside a segment (an EXIF block holding 0xFF 0xDA) are no scan; bytes between
     * segments that are no marker are passed over, as the decoder passes over them, and a scan after them counts.
     */
    @Test
    void fillBytesRestartMarkersAndStuffedBytesAreReadAsTheDecoderReadsThem() {
        byte[] data = concat(SOI, sof(16, 16),
                scan(1, 0xFF, 0x00, 2, 0xFF, 0xD0, 3, 0xFF, 0xD7, 0xFF, 0x00, 0xDA), // 0xFF 0x00 0xDA is data
                bytes(0xFF, 0xFF, 0xFF), scan(0xFF, 0xD3, 4, 0xFF, 0xFF, 0xFF), scan(5),
                bytes(0xFF, 0xE1, 0, 6, 0xFF, 0xDA, 0xFF, 0xDA), // an APP1 segment holding two SOS markers
                bytes(0x12, 0x34, 0xFF, 0x00), scan(6), EOI, scan(7), scan(8));
        assertThat(JpegScans.count(data)).as("the scans before the EOI").extracting(JpegScans.Count::scans,
                JpegScans.Count::pixels, JpegScans.Count::blocks).containsExactly(4, 256L, 4L);
        byte[] restarts = concat(SOI, sof(16, 16));
        for (int i = 0; i < 1000; i++) {
            restarts = concat(restarts, bytes(0xFF, 0xD0 + i % 8));
        }
        assertThat(JpegScans.count(concat(restarts, scan(0xFF, 0xD1, 0xFF, 0xD9))).scans()).isEqualTo(1);
    }

    /**
     * The walk reads eight bytes at a time through entropy-coded data; it must stop exactly where a byte at a time
     * stops ({@link #skipByteByByte}), wherever the 0xFF bytes fall against the eight-byte words: from every start in
     * a real photo, and in random data thick with 0xFF, 0x00, restart markers and other markers.
     */
    @Test
    void eightBytesAtATimeStopsWhereOneByteAtATimeStops() throws Exception {
        byte[] photo = ManyScanJpegs.withLastScanRepeated(jpeg(64, 48, true), 3);
        for (int start = 0; start <= photo.length; start++) {
            assertThat(JpegScans.skipEntropyCoded(photo, start)).as("from %d", start)
                    .isEqualTo(skipByteByByte(photo, start));
        }
        Random random = new Random(11);
        int[] pool = {0xFF, 0xFF, 0x00, 0xD3, 0xDA, 0xD9, 0x12, 0xC4};
        for (int trial = 0; trial < 5_000; trial++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(256));
            }
            int start = random.nextInt(data.length + 1);
            assertThat(JpegScans.skipEntropyCoded(data, start)).as("trial %d", trial)
                    .isEqualTo(skipByteByByte(data, start));
        }
    }

    /** The data's end as the walk first found it, a byte at a time, to compare the faster one with. */
    private static int skipByteByByte(byte[] jpeg, int p) {
        int n = jpeg.length;
        while (p < n) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                p++;
            } else if (p + 1 >= n) {
                return n;
            } else if ((jpeg[p + 1] & 0xFF) == 0x00 || ((jpeg[p + 1] & 0xFF) >= 0xD0 && (jpeg[p + 1] & 0xFF) <= 0xD7)) {
                p += 2;
            } else if ((jpeg[p + 1] & 0xFF) == 0xFF) {
                p++;
            } else {
                return p;
            }
        }
        return n;
    }
}
