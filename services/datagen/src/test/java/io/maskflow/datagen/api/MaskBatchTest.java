package io.maskflow.datagen.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskResource} called directly, without Quarkus (photos sent with landmarks, or refused before the face
 * networks are needed): a photo the decoder fails on is bad input, a 400 alone and a skipped photo in a batch.
 */
class MaskBatchTest {

    /** The test face's landmarks as the JSON values a request carries. */
    private static List<JsonNode> landmarks() throws Exception {
        ObjectMapper json = new ObjectMapper();
        return DatagenResourceTest.landmarks().stream().map(point -> (JsonNode) json.valueToTree(point)).toList();
    }

    private static String photo() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB), "png", png);
        return Base64.getEncoder().encodeToString(png.toByteArray());
    }

    @Test
    void aPhotoTheDecoderFailsOnIsSkippedInABatchAndTheOthersAreMasked() throws Exception {
        String damaged = DamagedPhotos.POS_BEFORE_FLUSHED_PNG;
        MaskResource.BatchResult result = new MaskResource().maskAll(new MaskResource.BatchRequest(List.of(
                new MaskResource.NamedPhoto("good.png", photo(), landmarks()),
                new MaskResource.NamedPhoto("damaged.png", damaged, landmarks()),
                new MaskResource.NamedPhoto("also-good.png", photo(), landmarks())), null, null, 3L));

        assertThat(result.masked()).extracting(m -> m.get("name")).containsExactly("good.png", "also-good.png");
        assertThat(result.skipped()).containsExactly(Map.of("name", "damaged.png", "reason",
                "image cannot be decoded: IndexOutOfBoundsException: pos < flushedPos!"));
    }

    /**
     * A JPEG cut at 70 % of its bytes was masked without comment (its missing rows grey), one cut at 50 % answered
     * as a photo with no face; both are now bad input, as serving and preprocess refuse them: a skipped photo of a
     * batch and a 400, saying "truncated or corrupt" with the decoder's words, before a face is looked for.
     */
    @Test
    void aTruncatedJpegIsSkippedInABatchAndA400AloneAsTruncatedOrCorrupt() throws Exception {
        String reason = "image is truncated or corrupt: Truncated File - Missing EOI marker";
        String whole = Base64.getEncoder().encodeToString(DamagedPhotos.jpeg());
        String cut70 = Base64.getEncoder().encodeToString(DamagedPhotos.truncatedJpeg(0.7));
        String cut50 = Base64.getEncoder().encodeToString(DamagedPhotos.truncatedJpeg(0.5));
        MaskResource.BatchResult result = new MaskResource().maskAll(new MaskResource.BatchRequest(List.of(
                new MaskResource.NamedPhoto("whole.jpg", whole, landmarks()),
                new MaskResource.NamedPhoto("cut-70.jpg", cut70, landmarks()),
                new MaskResource.NamedPhoto("cut-50.jpg", cut50, landmarks())), null, null, 3L));

        assertThat(result.masked()).extracting(m -> m.get("name")).containsExactly("whole.jpg");
        assertThat(result.skipped()).containsExactly(Map.of("name", "cut-70.jpg", "reason", reason),
                Map.of("name", "cut-50.jpg", "reason", reason));
        for (double share : new double[] {0.7, 0.5}) {
            byte[] cut = DamagedPhotos.truncatedJpeg(share);
            assertThatThrownBy(() -> new MaskResource().mask(new MaskResource.MaskRequest(Base64.getEncoder()
                    .encodeToString(cut), landmarks(), null, null, null))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(reason);
            // sent without landmarks: refused while it is decoded, before a face is looked for (no networks here)
            assertThatThrownBy(() -> new MaskResource().maskPhoto(cut, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
        }
    }

    @Test
    void aPhotoTheDecoderFailsOnIsA400WithItsReasonAlone() throws Exception {
        String damaged = DamagedPhotos.POS_BEFORE_FLUSHED_PNG;
        assertThatThrownBy(() -> new MaskResource().mask(new MaskResource.MaskRequest(damaged, landmarks(), null,
                null, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image cannot be decoded");
        // sent without landmarks: refused while it is decoded, before a face is looked for
        assertThatThrownBy(() -> new MaskResource().maskPhoto(DamagedPhotos.posBeforeFlushedPng(), null, null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image cannot be decoded");
    }
}
