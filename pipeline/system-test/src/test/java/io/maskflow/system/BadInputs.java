package io.maskflow.system;

import io.maskflow.system.Endpoints.Endpoint;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Malformed requests for one endpoint, generated from what the endpoint scan knows of it (verb, path parameters,
 * query parameters, body type and body fields), so a new endpoint gets its share without a change here. Every
 * request is wrong on purpose: none may start real work, none may get a 5xx.
 */
final class BadInputs {

    /** One request: where, what and a few words on what is wrong with it. */
    record Bad(Endpoint endpoint, String path, String contentType, Map<String, String> headers, byte[] body,
            String what) {
    }

    /** Beyond the largest body any JSON or image endpoint takes (serving 20 MB, the others 10 MB by default). */
    static final int HUGE = 21 << 20;
    static final String LONG = "a".repeat(2_000);

    /** Path traversal, already encoded for a URI path segment or query value. */
    static final List<String> TRAVERSALS = List.of("..", "%2e%2e", "..%2f..%2f..%2fetc%2fpasswd", "%2fetc%2fpasswd",
            "..%5c..%5cwindows%5cwin.ini", "%2e%2e%2f%2e%2e%2fetc", "x%00y", "%252e%252e%252f");
    /** Query values: traversal, negative, huge, not a number, empty, long. */
    static final List<String> QUERY_VALUES;
    /** JSON values that no field of any body takes. */
    static final List<String> JSON_VALUES = List.of("-1", "-9223372036854775809", "99999999999999999999999",
            "1e308", "-1e308", "\"NaN\"", "\"abc\"", "true", "[]", "{\"nested\":{}}", "\"" + "x".repeat(100_000)
            + "\"", "\"../../etc/passwd\"", "\"/etc/passwd\"", "\"..\\\\..\\\\windows\\\\win.ini\"",
            "\"%2e%2e/%2e%2e/etc/passwd\"", "\"s3://maskflow/../../etc/passwd\"");
    /** Field names tried on bodies that are free-form maps (every one of them is wrong for some endpoint). */
    static final List<String> GENERIC_FIELDS = List.of("persons", "epochs", "imageSize", "dataset", "model",
            "image", "key", "pipeline");

    static {
        List<String> query = new ArrayList<>(TRAVERSALS);
        query.addAll(List.of("-1", "-99999999999", "99999999999999999999", "abc", "1e308", "NaN", "", LONG));
        QUERY_VALUES = List.copyOf(query);
    }

    private BadInputs() {
    }

    /** Every malformed request for {@code endpoint}. */
    static List<Bad> forEndpoint(Endpoint e) {
        List<Bad> bad = new ArrayList<>();
        List<String> params = pathParams(e.path());
        for (int i = 0; i < params.size(); i++) {
            for (String value : TRAVERSALS) {
                bad.add(new Bad(e, withParam(e.path(), i, value), sampleType(e), Map.of(), sampleBody(e),
                        "path parameter {" + params.get(i) + "} = " + value));
            }
            bad.add(new Bad(e, withParam(e.path(), i, LONG), sampleType(e), Map.of(), sampleBody(e),
                    "path parameter {" + params.get(i) + "} of 2000 characters"));
        }
        if (!params.isEmpty()) {
            bad.add(new Bad(e, withParam(e.path(), 0, "a/../../../etc/passwd"), sampleType(e), Map.of(),
                    sampleBody(e), "raw ../ segments in the path"));
        }
        for (String query : e.queryParams()) {
            for (String value : QUERY_VALUES) {
                bad.add(new Bad(e, e.samplePath() + "?" + query + "=" + value, sampleType(e), Map.of(),
                        sampleBody(e), "query " + query + "=" + (value.length() > 40 ? "(2000 characters)" : value)));
            }
        }
        String type = e.consumes();
        if (type == null) {
            if (!e.verb().equals("GET") && !e.verb().equals("DELETE")) {
                bad.add(new Bad(e, e.samplePath(), "application/json", Map.of(), utf8("{\"unexpected\":1}"),
                        "a body where none is taken"));
            }
            return bad;
        }
        // where only the content type is wrong the body is wrong too, so that a lenient reading starts no work
        bad.add(new Bad(e, e.samplePath(), null, Map.of(), sampleBody(e), "no content type"));
        bad.add(new Bad(e, e.samplePath(), "text/plain", Map.of(), utf8("hello"), "text/plain"));
        bad.add(new Bad(e, e.samplePath(), "application/xml", Map.of(), utf8("<a/>"), "application/xml"));
        bad.add(new Bad(e, e.samplePath(), "no-such/type;;=", Map.of(), sampleBody(e), "an unparseable content type"));
        bad.add(new Bad(e, e.samplePath(), contentType(e), Map.of(), new byte[0], "empty body"));
        bad.add(new Bad(e, e.samplePath(), contentType(e), Map.of(), Fixtures.HUGE_BODY, "21 MB body"));
        bad.add(new Bad(e, e.samplePath(), contentType(e), Map.of("Content-Encoding", "gzip"), Fixtures.GZIP_BOMB,
                "gzip bomb (200 MB of zeros) with Content-Encoding: gzip"));
        if (type.contains("json")) {
            bad.addAll(json(e));
        } else if (type.startsWith("image/")) {
            for (Map.Entry<String, byte[]> image : Fixtures.IMAGES.entrySet()) {
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), image.getValue(), image.getKey()));
            }
            bad.add(new Bad(e, e.samplePath(), "image/png", Map.of(), Fixtures.IMAGES.get("truncated JPEG"),
                    "truncated JPEG declared as PNG"));
        } else if (type.startsWith("multipart/")) {
            bad.addAll(multipart(e));
        } else if (type.contains("zip") || type.contains("octet-stream")) {
            for (Map.Entry<String, byte[]> zip : Fixtures.ZIPS.entrySet()) {
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), zip.getValue(), zip.getKey()));
            }
        }
        return bad;
    }

    private static List<Bad> json(Endpoint e) {
        List<Bad> bad = new ArrayList<>();
        String type = "application/json";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "not json at all");
        bodies.put("truncated JSON", "{\"pipeline\":\"train-and-serve\",\"parameters\":{\"persons\":");
        bodies.put("an open brace", "{");
        bodies.put("an array", "[]");
        bodies.put("null", "null");
        bodies.put("a number", "42");
        bodies.put("a string", "\"hello\"");
        bodies.put("JSON with trailing garbage", "{}}}");
        bodies.put("an unknown field", "{\"bogusField\":1}");
        bodies.put("a duplicated unknown field", "{\"a\":1,\"a\":2}");
        bodies.put("arrays nested 100000 deep", "[".repeat(100_000) + "]".repeat(100_000));
        bodies.put("objects nested 5000 deep", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
        bodies.put("10000 unknown fields", "{" + String.join(",", java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> "\"f" + i + "\":" + i).toList()) + "}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8(body.getValue()), body.getKey()));
        }
        byte[] invalidUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), invalidUtf8, "invalid UTF-8"));
        bad.add(new Bad(e, e.samplePath(), type + "; charset=no-such-charset", Map.of(), utf8("{\"bogusField\":1}"),
                "an unknown charset"));
        List<String> fields = e.bodyFields().isEmpty() ? GENERIC_FIELDS : e.bodyFields();
        for (String field : fields) {
            bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"" + field + "x\":1}"),
                    "misspelt field " + field + "x"));
            for (String value : JSON_VALUES) {
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"" + field + "\":" + value + "}"),
                        field + " = " + (value.length() > 40 ? "(100000 characters)" : value)));
            }
            if (field.equals("parameters")) {
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"parameters\":{\"paramters\":1}}"),
                        "an unknown parameter"));
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"parameters\":{\"persons\":null}}"),
                        "a parameter set to null"));
            }
            if (e.bodyFields().isEmpty()) {
                // a free-form map of parameters: null is not "the default" (it was a 500)
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"" + field + "\":null}"),
                        field + " = null"));
            }
            if (field.equals("image")) {
                for (Map.Entry<String, byte[]> image : Fixtures.IMAGES.entrySet()) {
                    String base64 = Base64.getEncoder().encodeToString(image.getValue());
                    bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"image\":\"" + base64 + "\"}"),
                            "image = " + image.getKey()));
                }
                bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("{\"image\":\"***not base64***\"}"),
                        "image not base64"));
            }
        }
        return bad;
    }

    private static List<Bad> multipart(Endpoint e) {
        List<Bad> bad = new ArrayList<>();
        String type = "multipart/form-data; boundary=XyZ";
        byte[] jpeg = Fixtures.JPEG;
        bad.add(new Bad(e, e.samplePath(), "multipart/form-data", Map.of(), part("XyZ", "image", "a.jpg", jpeg,
                true), "multipart without a boundary parameter"));
        bad.add(new Bad(e, e.samplePath(), "multipart/form-data; boundary=Other", Map.of(), part("XyZ", "image",
                "a.jpg", jpeg, true), "a boundary that is not in the body"));
        // the form parser failed on these with a 500, a 503 or a 413 before the endpoint ran
        for (String parameters : List.of("boundary=", "boundary=XyZ; charset=", "boundary=XyZ; charset=bogus",
                "charset=; boundary=XyZ", "boundary=XyZ; charset=\"\"", "boundary=XyZ; charset=utf-16")) {
            bad.add(new Bad(e, e.samplePath(), "multipart/form-data; " + parameters, Map.of(), whole(jpeg),
                    "multipart/form-data; " + parameters));
        }
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), part("XyZ", "image", "a.jpg", jpeg, false),
                "multipart without its closing boundary"));
        byte[] whole = whole(jpeg);
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), Arrays.copyOf(whole, 60), "multipart cut inside a part "
                + "header"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("not multipart"), "garbage for a multipart body"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("--XyZ--\r\n"), "multipart with no part"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("--XyZ\r\nContent-Disposition: form-data; "
                + "name=\"image\"\r\n\r\nhello\r\n--XyZ--\r\n"), "a text field instead of a file"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), part("XyZ", "photo", "a.jpg", jpeg, true),
                "the file under another field name"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), utf8("--XyZ\r\nContent-Type: image/jpeg\r\n\r\nabc\r\n"
                + "--XyZ--\r\n"), "a part without Content-Disposition"));
        for (String name : List.of("../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", LONG)) {
            bad.add(new Bad(e, e.samplePath(), type, Map.of(), part("XyZ", "image", name, Fixtures.IMAGES.get(
                    "a text file named .jpg"), true), "file name " + (name.length() > 40 ? "of 2000 characters"
                    : name)));
        }
        for (Map.Entry<String, byte[]> image : Fixtures.IMAGES.entrySet()) {
            bad.add(new Bad(e, e.samplePath(), type, Map.of(), part("XyZ", "image", "a.jpg", image.getValue(), true),
                    "multipart " + image.getKey()));
        }
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 65; i++) {
            byte[] one = part("XyZ", "image", "p" + i + ".jpg", Fixtures.IMAGES.get("a 1x1 PNG"), false);
            many.writeBytes(one);
        }
        many.writeBytes(utf8("--XyZ--\r\n"));
        bad.add(new Bad(e, e.samplePath(), type, Map.of(), many.toByteArray(), "65 files"));
        return bad;
    }

    /** A whole multipart body of one photo under the field 'image', boundary XyZ. */
    private static byte[] whole(byte[] jpeg) {
        return part("XyZ", "image", "a.jpg", jpeg, true);
    }

    /** One multipart file part, closed by the final boundary when {@code close}. */
    static byte[] part(String boundary, String field, String fileName, byte[] content, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n"));
        if (close) {
            out.writeBytes(utf8("--" + boundary + "--\r\n"));
        }
        return out.toByteArray();
    }

    private static List<String> pathParams(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String withParam(String path, int index, String value) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(i++ == index ? value : "x"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String contentType(Endpoint e) {
        return e.consumes().startsWith("multipart/") ? e.consumes() + "; boundary=XyZ" : e.consumes();
    }

    /** The content type of a request that is only wrong in its path or query. */
    private static String sampleType(Endpoint e) {
        return e.consumes() == null ? null : contentType(e);
    }

    /** A body that is wrong as well, for a request that is wrong in its path or query: never a valid one. */
    private static byte[] sampleBody(Endpoint e) {
        if (e.consumes() == null) {
            return null;
        }
        return e.consumes().contains("json") ? utf8("{\"bogusField\":1}") : e.consumes().startsWith("multipart/")
                ? utf8("--XyZ--\r\n") : utf8("not what it takes");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Images, archives and bodies of every wrong kind, made once. */
    static final class Fixtures {

        static final byte[] JPEG = image("jpeg", 64, 64, BufferedImage.TYPE_INT_RGB);
        static final byte[] HUGE_BODY = hugeJson();
        static final byte[] GZIP_BOMB = gzipOfZeros(200 << 20);
        static final Map<String, byte[]> IMAGES = images();
        static final Map<String, byte[]> ZIPS = zips();

        private Fixtures() {
        }

        private static Map<String, byte[]> images() {
            Map<String, byte[]> images = new LinkedHashMap<>();
            images.put("truncated JPEG", Arrays.copyOf(JPEG, JPEG.length / 2));
            images.put("a text file named .jpg", utf8("this is a text file, not a photo\n"));
            images.put("a zero-byte image", new byte[0]);
            images.put("a 1x1 PNG", image("png", 1, 1, BufferedImage.TYPE_INT_RGB));
            images.put("a CMYK JPEG", cmykJpeg());
            images.put("a 16-bit grey PNG", image("png", 32, 32, BufferedImage.TYPE_USHORT_GRAY));
            images.put("a 16-bit RGB PNG", rgb16Png());
            images.put("a PNG with alpha", image("png", 32, 32, BufferedImage.TYPE_INT_ARGB));
            images.put("a GIF", image("gif", 32, 32, BufferedImage.TYPE_INT_RGB));
            images.put("a BMP", image("bmp", 32, 32, BufferedImage.TYPE_INT_RGB));
            images.put("an SVG", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\">"
                    + "<rect width=\"100%\" height=\"100%\"/></svg>"));
            images.put("a PNG declaring 60000x60000 pixels", pngBomb());
            images.put("a JPEG declaring 65500x65500 pixels", jpegBomb());
            images.put("a WebP header with garbage", utf8("RIFF\u0010\u0000\u0000\u0000WEBPVP8 garbage"));
            return images;
        }

        private static Map<String, byte[]> zips() {
            Map<String, byte[]> zips = new LinkedHashMap<>();
            zips.put("a zip bomb (train/train.csv of 300 MB of zeros)", zip(Map.of("train/train.csv", 300 << 20)));
            for (String name : List.of("../../etc/passwd", "/etc/passwd", "..\\..\\evil.txt", "train/../../evil",
                    "train/images/%2e%2e/x.jpg", "C:\\evil.txt")) {
                zips.put("a zip entry named " + name, zip(Map.of(name, 10, "train/train.csv", 10)));
            }
            byte[] normal = zip(Map.of("train/train.csv", 100, "train/images/a/x.jpg", 100));
            zips.put("a truncated zip", Arrays.copyOf(normal, normal.length / 2));
            zips.put("a zip without train/train.csv", zip(Map.of("readme.txt", 10)));
            zips.put("a zip inside a zip", zipOf("inner.zip", normal));
            zips.put("a gzip, not a zip", gzipOfZeros(1 << 20));
            zips.put("text, not a zip", utf8("PK but not really a zip"));
            return zips;
        }

        static byte[] image(String format, int width, int height, int type) {
            BufferedImage image = new BufferedImage(width, height, type);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.PINK);
            g.fillOval(0, 0, width, height);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                if (!ImageIO.write(image, format, out)) {
                    throw new IllegalStateException("no ImageIO writer for " + format + " of type " + type);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static byte[] cmykJpeg() {
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(raster, null, null), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        }

        private static byte[] rgb16Png() {
            ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                    false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            BufferedImage image = new BufferedImage(model, model.createCompatibleWritableRaster(32, 32), false, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** A PNG header claiming 60000 x 60000 pixels, then nothing. */
        private static byte[] pngBomb() {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, (byte) 0xea, 0x60, 0, 0, (byte) 0xea, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0};
            return Arrays.copyOf(png, 4096);
        }

        /** A small JPEG whose frame header says 65500 x 65500 pixels. */
        private static byte[] jpegBomb() {
            byte[] jpeg = JPEG.clone();
            for (int i = 0; i + 8 < jpeg.length; i++) {
                if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                    jpeg[i + 5] = (byte) 0xff;
                    jpeg[i + 6] = (byte) 0xdc;
                    jpeg[i + 7] = (byte) 0xff;
                    jpeg[i + 8] = (byte) 0xdc;
                    return jpeg;
                }
            }
            throw new IllegalStateException("no SOF0 marker in the JPEG");
        }

        private static byte[] hugeJson() {
            byte[] body = new byte[HUGE];
            Arrays.fill(body, (byte) 'a');
            byte[] head = utf8("{\"x\":\"");
            System.arraycopy(head, 0, body, 0, head.length);
            body[HUGE - 2] = '"';
            body[HUGE - 1] = '}';
            return body;
        }

        static byte[] gzipOfZeros(int size) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                byte[] zeros = new byte[1 << 20];
                for (int written = 0; written < size; written += zeros.length) {
                    gzip.write(zeros, 0, Math.min(zeros.length, size - written));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        /** A zip with the given entries, each that many zero bytes. */
        private static byte[] zip(Map<String, Integer> entries) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(Deflater.BEST_COMPRESSION);
                byte[] zeros = new byte[1 << 20];
                for (Map.Entry<String, Integer> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    for (int written = 0; written < entry.getValue(); written += zeros.length) {
                        zip.write(zeros, 0, Math.min(zeros.length, entry.getValue() - written));
                    }
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static byte[] zipOf(String name, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
