package io.maskflow.contracts.dataset;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a user's zip of a data set, whichever encoding its tool wrote the file names in, in one place for the CLI's
 * upload and preprocess's zip input. A name marked as UTF-8 (the zip's UTF-8 flag) is always read as UTF-8; the
 * others are read as UTF-8 when they all are, else as CP949, what older Korean Windows zip tools write (such a zip
 * was refused whole, "invalid CEN header (bad entry name)"). ASCII names read the same in both.
 */
public final class DatasetZips {

    /** CP949 (MS949): Korean Windows' encoding, a superset of EUC-KR. */
    public static final Charset KOREAN_WINDOWS = Charset.forName("x-windows-949");

    /** A zip whose file names are in neither encoding: says so, and how to make one that can be read. */
    public static final class UnreadableNames extends ZipException {
        private static final long serialVersionUID = 1L;

        UnreadableNames() {
            super("its file names are neither UTF-8 nor CP949 (what Korean Windows zip tools write), so they cannot "
                    + "be read: re-zip it with UTF-8 names, e.g. with 7-Zip given the parameter cu=on (7z a -tzip "
                    + "-mcu=on data.zip data), or with zip -r data.zip data on Linux or macOS");
        }
    }

    private DatasetZips() {
    }

    /**
     * Opens a zip, reading its file names as UTF-8, or as CP949 when they are not UTF-8.
     *
     * @throws UnreadableNames when the names are in neither encoding
     * @throws ZipException when the file is no readable zip for another reason ("zip END header not found")
     */
    public static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException utf8) {
            // only the names are read otherwise: a zip that is broken in another way fails the same way again
            try {
                return new ZipFile(zip.toFile(), KOREAN_WINDOWS);
            } catch (ZipException korean) {
                if (badName(utf8) && badName(korean)) {
                    UnreadableNames names = new UnreadableNames();
                    names.addSuppressed(utf8);
                    throw names;
                }
                throw utf8;
            }
        }
    }

    /** Whether Java's zip reader refused a file name it could not decode (in its own words). */
    private static boolean badName(ZipException e) {
        return e.getMessage() != null && e.getMessage().contains("bad entry name");
    }

    private static final Pattern METHOD =
            Pattern.compile("(?:bad|invalid|unsupported) compression method(?::? *(\\d+))?");

    /**
     * What the JDK's zip reader says of a zip it cannot read, in words a user can act on: it reads stored and
     * deflated entries only, and said so as "invalid CEN header (bad compression method: 12)" for a bzip2 zip, or
     * "only DEFLATED entries can have EXT descriptor" for a stream of stored ones. Other messages as they are.
     */
    public static String reason(ZipException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher method = METHOD.matcher(message);
        if (method.find()) {
            String number = method.group(1);
            String name = number == null ? null : switch (number) {
                case "9" -> "Deflate64";
                case "12" -> "bzip2";
                case "14" -> "LZMA";
                case "93" -> "Zstandard";
                case "95" -> "XZ";
                case "98" -> "PPMd";
                default -> null;
            };
            return "its entries are compressed with method " + (number == null ? "other than deflate" : number
                    + (name == null ? "" : " (" + name + ")")) + "; only stored and deflated entries are read: zip it "
                    + "again with deflate, the usual zip compression (" + message + ")";
        }
        if (message.contains("encrypted entry")) {
            return "its entries are encrypted: zip it again without a password";
        }
        if (message.contains("only DEFLATED entries can have EXT descriptor")) {
            return "it was written as a stream with stored (uncompressed) entries, which cannot be read as a stream: "
                    + "zip it again with deflate, the usual zip compression";
        }
        return message;
    }
}
