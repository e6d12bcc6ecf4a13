package io.maskflow.vision.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;

/**
 * What a decoder says is wrong with a photo's data while it reads it: a JPEG cut short ("Premature end of JPEG
 * file"), corrupt data. Image I/O decodes such a photo anyway, the missing rows grey, and only tells its warning
 * listeners; every Maskflow decoder refuses the photo when this list is not empty. A colour profile the decoder
 * cannot use is not counted: it is ignored and the pixels decoded as they are (cameras and editors write odd ones).
 */
public final class DecoderWarnings {

    private DecoderWarnings() {
    }

    /** Listens to {@code reader}; the returned list fills as it decodes. */
    public static List<String> of(ImageReader reader) {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!warning.toLowerCase(Locale.ROOT).contains("color profile")) {
                warnings.add(warning);
            }
        });
        return warnings;
    }
}
