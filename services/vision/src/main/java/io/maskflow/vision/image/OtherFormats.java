package io.maskflow.vision.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Names the photo formats Java's image reader does not know, from their first bytes, so that a refusal can say what
 * a file is and what to do: an iPhone's HEIC photo or an Android phone's WebP was refused as "not a JPEG or PNG
 * image" with nothing more.
 */
final class OtherFormats {

    /** ISO base media brands of HEIF photos (HEIC is Apple's name for them). */
    private static final Set<String> HEIF = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private OtherFormats() {
    }

    /** "not a JPEG or PNG image", and what the bytes are with what to do when they are a known photo format. */
    static String refusal(byte[] encoded) {
        String kind = kind(encoded);
        return "not a JPEG or PNG image" + (kind == null ? "" : ": it is " + kind + "; save or convert it as JPEG "
                + "(or PNG) and send it again");
    }

    private static String kind(byte[] b) {
        if (b.length >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (HEIF.contains(brand)) {
                return "a HEIC photo, as iPhones save them (on an iPhone: Settings > Camera > Formats > Most "
                        + "Compatible takes JPEGs)";
            }
            if (brand.equals("avif") || brand.equals("avis")) {
                return "an AVIF image";
            }
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return "a WebP image";
        }
        if (b.length >= 4 && ascii(b, 0, 4).equals("%PDF")) {
            return "a PDF document";
        }
        return null;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
