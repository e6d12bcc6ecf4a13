package io.maskflow.datagen.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
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
}
