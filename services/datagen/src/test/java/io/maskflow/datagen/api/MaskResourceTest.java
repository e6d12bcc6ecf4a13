package io.maskflow.datagen.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.maskflow.dev.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/** {@code POST /masks} without landmarks: the faces are found in the photo, each gets a mask; no face is a 422. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MaskResourceTest {

    /** A generated bare face (seed 42, person 1, 384 x 512) in which the face detector finds one face. */
    private static BufferedImage bareFace(int person) throws Exception {
        byte[] jpeg = given().queryParam("seed", 42).queryParam("person", person).queryParam("photo", "normal")
                .when().get("/datasets/preview").then().statusCode(200).extract().asByteArray();
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Mean absolute difference of the RGB channels over a rectangle. */
    private static double change(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        double sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * w * h);
    }

    @Test
    void masksTheFaceFoundInAPhotoSentWithoutLandmarks() throws Exception {
        BufferedImage face = bareFace(1);
        Response answer = given().contentType("application/json")
                .body(Map.of("image", Base64.getEncoder().encodeToString(png(face)), "type", "surgical"))
                .when().post("/masks");
        answer.then().statusCode(200).contentType("image/jpeg").header("X-Faces", equalTo("1"));
        BufferedImage masked = ImageIO.read(new ByteArrayInputStream(answer.asByteArray()));
        assertThat(masked.getWidth()).isEqualTo(384);
        // the mouth and chin (lower middle of the face) change a lot, the top of the photo hardly
        assertThat(change(face, masked, 150, 290, 84, 40)).isGreaterThan(25);
        assertThat(change(face, masked, 0, 0, 384, 60)).isLessThan(4);
    }

    @Test
    void everyFaceOfAGroupPhotoGetsAMask() throws Exception {
        BufferedImage left = bareFace(3);
        BufferedImage right = bareFace(7);
        BufferedImage group = new BufferedImage(768, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = group.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, 384, 0, null);
        g.dispose();
        Response answer = given().contentType("image/png").body(png(group)).queryParam("state", "chin-only")
                .queryParam("type", "kn95").when().post("/masks");
        answer.then().statusCode(200).contentType("image/jpeg").header("X-Faces", equalTo("2"));
        BufferedImage masked = ImageIO.read(new ByteArrayInputStream(answer.asByteArray()));
        // a chin-only mask covers the chin of each face, below the mouth
        assertThat(change(group, masked, 150, 330, 84, 30)).isGreaterThan(12);
        assertThat(change(group, masked, 384 + 150, 330, 84, 30)).isGreaterThan(12);
    }

    @Test
    void aPhotoWithNoFaceIsA422NamingThat() throws Exception {
        BufferedImage wall = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wall.createGraphics();
        g.setColor(new Color(180, 170, 150));
        g.fillRect(0, 0, 384, 512);
        g.dispose();
        given().contentType("application/json").body(Map.of("image", Base64.getEncoder().encodeToString(png(wall))))
                .when().post("/masks").then().statusCode(422).contentType("application/json")
                .body("status", equalTo(422)).body("error", containsString("no face found in the 384x512 photo"));
        given().contentType("image/png").body(png(wall)).when().post("/masks").then().statusCode(422)
                .body("error", containsString("no face found"));
    }

    @Test
    void aBodyThatIsNoPhotoIsA400() {
        given().contentType("image/jpeg").body("not a photo".getBytes()).when().post("/masks").then()
                .statusCode(400).body("error", containsString("not a JPEG or PNG"));
        given().contentType("image/png").body(new byte[0]).when().post("/masks").then().statusCode(400);
        given().contentType("application/json").body(Map.of("image", Base64.getEncoder().encodeToString(
                new byte[] {1, 2, 3}), "state", "upside-down")).when().post("/masks").then().statusCode(400);
    }

    /**
     * A photo of a face cut at 70 % of its bytes (an interrupted upload) was answered with the face masked, its
     * missing rows grey; cut at 50 % it was a 422 "no face found". Serving and preprocess refuse such a photo as
     * truncated or corrupt; so does /masks now: a 400 with the decoder's words, every way in, and a skipped photo in
     * a batch. The whole photo is still masked.
     */
    @Test
    void aTruncatedPhotoOfAFaceIsA400TruncatedOrCorrupt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(bareFace(1), "jpeg", out);
        byte[] whole = out.toByteArray();
        given().contentType("image/jpeg").body(whole).when().post("/masks").then().statusCode(200)
                .header("X-Faces", equalTo("1"));
        String reason = "image is truncated or corrupt: Truncated File - Missing EOI marker";
        for (double share : new double[] {0.7, 0.5}) {
            byte[] cut = Arrays.copyOf(whole, (int) (whole.length * share));
            given().contentType("image/jpeg").body(cut).when().post("/masks").then().statusCode(400)
                    .contentType("application/json").body("error", equalTo(reason));
            String base64 = Base64.getEncoder().encodeToString(cut);
            given().contentType("application/json").body(Map.of("image", base64)).when().post("/masks").then()
                    .statusCode(400).body("error", equalTo(reason));
            given().contentType("application/json").body(Map.of("photos", List.of(Map.of("name", "cut.jpg",
                    "image", base64, "landmarks", DatagenResourceTest.landmarks())))).when().post("/masks/batch")
                    .then().statusCode(200).body("masked", empty())
                    .body("skipped[0].reason", equalTo(reason));
        }
    }

    /**
     * A {@code width} x {@code height} 8-bit RGB PNG of one grey, written row by row: a few hundred KB for 40 million
     * pixels, without holding them (as a decompression bomb would arrive).
     */
    static byte[] flatPng(int width, int height) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter, not interlaced
        chunk(png, "IHDR", header.toByteArray());
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream rows = new DeflaterOutputStream(pixels, deflater)) {
            byte[] row = new byte[1 + 3 * width];
            Arrays.fill(row, 1, row.length, (byte) 150);
            for (int y = 0; y < height; y++) {
                rows.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(png, "IDAT", pixels.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws Exception {
        DataOutputStream out = new DataOutputStream(png);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * A 6300 x 6300 PNG (128 KB, under the 40-megapixel limit there was) once ran the service out of heap (500,
     * OutOfMemoryError): the decoded photo, an int RGB copy of it and the face detector's copy of that. The tests
     * run with the service's heap (the surefire argLine): a photo up to the limit that heap allows is answered, every
     * way in, and one over it gets a 400 saying so, from its header.
     */
    @Test
    void aLargeFlatPhotoIsAnsweredUpToThePixelLimitAndRefusedWithA400Beyond() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("the service's heap").isLessThan(400L << 20);
        byte[] over = flatPng(6300, 6300);
        assertThat(over.length).isLessThan(200_000);
        given().contentType("image/png").body(over).when().post("/masks").then().statusCode(400)
                .contentType("application/json")
                .body("error", containsString("image is 6300x6300 pixels; at most " + LargePhotos.MAX_PIXELS))
                .body("error", containsString("MB heap"));
        given().contentType("application/json").body(Map.of("photos", List.of(Map.of("name", "over.png",
                "image", Base64.getEncoder().encodeToString(over), "landmarks", DatagenResourceTest.landmarks()))))
                .when().post("/masks/batch").then().statusCode(200)
                .body("skipped[0].reason", containsString("at most " + LargePhotos.MAX_PIXELS));

        int side = (int) Math.sqrt(LargePhotos.MAX_PIXELS);
        byte[] png = flatPng(side, side);
        given().contentType("image/png").body(png).when().post("/masks").then().statusCode(422)
                .contentType("application/json")
                .body("error", containsString("no face found in the " + side + "x" + side));
        String base64 = Base64.getEncoder().encodeToString(png);
        given().contentType("application/json").body(Map.of("image", base64)).when().post("/masks").then()
                .statusCode(422).body("error", containsString("no face found"));
        Response masked = given().contentType("application/json")
                .body(Map.of("image", base64, "landmarks", DatagenResourceTest.landmarks())).when().post("/masks");
        masked.then().statusCode(200).contentType("image/jpeg");
        // the header only: the test runs in the service's JVM, with the service's heap
        ImageReader jpeg = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(masked.asByteArray()))) {
            jpeg.setInput(in);
            assertThat(jpeg.getWidth(0)).isEqualTo(side);
        } finally {
            jpeg.dispose();
        }
        given().contentType("application/json").body(Map.of("photos", List.of(Map.of("name", "large.png",
                "image", base64, "landmarks", DatagenResourceTest.landmarks())))).when().post("/masks/batch").then()
                .statusCode(200).body("masked.name", contains("large.png"));
    }

    /** Two at the limit at once would not fit the service's heap: the second waits for the first. */
    @Test
    void twoLargePhotosSentAtOnceAreBothAnswered() throws Exception {
        int side = (int) Math.sqrt(LargePhotos.MAX_PIXELS);
        byte[] png = flatPng(side, side);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            // without the turns the second got a 400 "image cannot be decoded": the PNG decoder wraps the
            // OutOfMemoryError it met
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(senders.submit(() -> given().contentType("image/png").body(png).when().post("/masks")
                        .then().extract().asString()));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).contains("\"status\":422", "no face found in the " + side + "x" + side);
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
