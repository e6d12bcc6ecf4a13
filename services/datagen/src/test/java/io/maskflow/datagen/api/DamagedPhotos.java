package io.maskflow.datagen.api;

import java.util.Base64;

/** Photos the JDK's own decoders fail on with a RuntimeException rather than an IOException. */
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
}
