package io.maskflow.datagen.api;

import io.maskflow.dev.ManyScanJpegs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Damaged photos: ones the JDK's own decoders fail on with a RuntimeException rather than an IOException, and JPEGs
 * cut short that they decode with a warning only.
 */
public final class DamagedPhotos {

    /**
     * A 40x30 palette PNG with a few bytes changed (found by mutating one at random): its header reads, but the
     * PNG reader's {@code getImageTypes} then fails with an {@code IndexOutOfBoundsException} ("pos &lt; flushedPos!")
     * while it seeks back over its chunks. {@code ImageIO.read} wraps that in an IIOException; a reader used
     * directly, as {@link ImageBounds} does, lets it through.
     */
    public static final String POS_BEFORE_FLUSHED_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAMAAABpA6zvAAADAFBMVEUAAAAAADMAAGYAAJkAAMwAAP8AMwAAMzMAM2YAM5kA" +
            "M8wAM/8AZgAAZjMAZmYAZpkAZswAZv8AmQAAmTMAmWYAmZkAmcwAmf8AzAAAzDMAzGYAzJkAzMwAzP8A/wAA/zMA/2YA/5kA" +
            "/8wA//8zAAAzADMzAGYzAJkzAMwzAP8zMwAzMzMzM2YzM5kzM8wzM/8zZgAzZjMzZmYzZpkzZswzZv8zmQAzmTMzmWYzmZkz" +
            "mcwzmf8zzAAzzDMzzGYzzJkzzMwzzP8z/wAz/zMz/2Yz/yUz/8wz//9mAABmADNmAGZmAJlmAMxmAP9mMwBmMzNmM2ZmM5lm" +
            "M8xmM/9mZgBmZjNmZmZmZplmZsxmZv9mmQBmmTNmmWZmmZlmmcxmmf9mzABmzDNmzGZmzJlmzMxmzP9m/wBm/zNm/2Zm/5lm" +
            "/8xm//+ZAACZADOZAGaZAJmZAMyZAP+ZMwCZMzOZM2aZM5mZM8yZM/+ZZgCZZjOZZmaZZpmZZsyZZv+ZmQCZmTOZmWaZmZmZ" +
            "mcyZmf+ZzACZzDOZzGaZzJmZzMyZzP+Z/wCZ/zOZ/2aZ/5mZ/8yZ///MAADMADPMAGbMAJnMAMzMAP/MMwDMMzPMM2bMM5nM" +
            "M8zMM//MZgDMZjPMZmbMZpnMZszMZv/MmQDMmTPMmWbMmZnMmczMmf/MzADMzDPMzGbMzJnMzMzMzP/M/wDM/zPM/2bM/5nM" +
            "/8zM////AAD/ADP/AGb/AJn/AMz/AP//MwD/MzP/M2b/M5n/M8z/M///ZgD/ZjP/Zmb/Zpn/Zsz/Zv//mQD/mTP/mWb/mZn/" +
            "mcz/mf//zAD/zDP/zGb/zJn/zMz/zP///wD//zP//2b//5n//8z///8SEhIYGBgeHh4kJCQqKiowMDA2NjY8PDxCQkJISEhO" +
            "Tk5UVFRaWlpgYGBmZmZsbGxycnJ4eHh+fn6EhISKioqQkJCWlpacnJyioqKoqKiurq60tLS6urrAwMDGxsbMzMzS0tLY2Nje" +
            "3t7k5OTq6urw8PD29vb8/PwgKWLDAAAAa7pEQVQdXu3SQQ6AMAhEUfRM3v8EHsqgtg4tM5GdC/8O85Imgtn3W3DYcdhwCDAw" +
            "L9AOJ+YBbTB1KG9IHMgLUvfIEwrX5Rq/8kpQvtxyOOwgr/T0q2r/UchhM1ROuyYyuR5LaH6PnrrwP9kBLTYOGvKNfxMFAAAA" +
            "SUVORK5CYII=";

    private DamagedPhotos() {
    }

    /** {@link #POS_BEFORE_FLUSHED_PNG}'s bytes. */
    public static byte[] posBeforeFlushedPng() {
        return Base64.getDecoder().decode(POS_BEFORE_FLUSHED_PNG);
    }

    /**
     * A 384 x 512 JPEG (coloured discs on grey, the competition's size) as the JDK's encoder writes it: whole, it
     * decodes without a warning.
     */
    public static byte[] jpeg() throws IOException {
        BufferedImage photo = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 384, 512);
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillOval(random.nextInt(384), random.nextInt(512), 40, 40);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpeg", out);
        return out.toByteArray();
    }

    /**
     * {@link #jpeg()} written progressive (libjpeg's 10 scans) with its last scan repeated {@code copies} more times
     * before its end, as the probe of 2026-12-07 made with Pillow: a few hundred KB that took the decoder a core for
     * seconds (a 3000 x 4000 photo with 200 more scans: 6.3 s in /masks instead of 2.0 s).
     */
    public static byte[] manyScansJpeg(int copies) throws IOException {
        return ManyScanJpegs.withLastScanRepeated(ManyScanJpegs.jpeg(ImageIO.read(new ByteArrayInputStream(jpeg())),
                true), copies);
    }

    /**
     * {@link #jpeg()} cut after {@code share} of its bytes, as an interrupted upload or copy leaves it: its header
     * reads, and the JDK's decoder fills the missing rows with grey and only warns ("Truncated File - Missing EOI
     * marker", "Corrupt JPEG data: premature end of data segment").
     */
    public static byte[] truncatedJpeg(double share) throws IOException {
        byte[] whole = jpeg();
        return Arrays.copyOf(whole, (int) (whole.length * share));
    }
}
