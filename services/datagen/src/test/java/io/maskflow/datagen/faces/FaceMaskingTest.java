package io.maskflow.datagen.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.datagen.api.DamagedPhotos;
import io.maskflow.vision.face.Face;
import io.maskflow.vision.face.FaceBox;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A photo that cannot take a mask, and a file of the face set that is no photo, are left out of the data set with
 * their reason; the job goes on.
 */
class FaceMaskingTest {

    private static byte[] blankPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static FaceMasking.Photo photo(String path, byte[] bytes) {
        return new FaceMasking.Photo(path, () -> new ByteArrayInputStream(bytes));
    }

    /**
     * A photo the decoder fails on with a RuntimeException, and a face whose detected landmarks all fall on one
     * point (no perspective transform fits them), are each skipped with the reason: neither fails the whole job,
     * and nothing of them is written.
     */
    @Test
    void anUndecodablePhotoAndADegenerateFaceAreSkippedWithTheirReasons() throws Exception {
        // every landmark on the face's centre: the detection of a face too small or too blurred to tell its points
        Face degenerate = new Face(new FaceBox(50, 50, 100, 100), 0.9,
                Collections.nCopies(Face.LANDMARKS, new Face.Point(100, 100)), 30, Face.Gender.FEMALE, 0.9);
        FaceMasking masking = new FaceMasking(image -> List.of(degenerate), List.of("surgical"), 7, 2, 1_000_000,
                384, 512);
        Map<String, byte[]> written = new ConcurrentHashMap<>();
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        FaceMasking.Report report = masking.run("test", List.of(
                photo("faces/damaged.png", DamagedPhotos.posBeforeFlushedPng()),
                photo("faces/flat.png", blankPng())), (path, content, type) -> written.put(path, content),
                progress::add);

        assertThat(report.persons()).isEmpty();
        assertThat(report.skipped()).extracting(FaceMasking.Skipped::photo)
                .containsExactly("faces/damaged.png", "faces/flat.png");
        assertThat(report.skipped().get(0).reason()).contains("not a readable JPEG or PNG photo")
                .contains("IndexOutOfBoundsException");
        assertThat(report.skipped().get(1).reason()).contains("cannot take a mask");
        assertThat(written).containsOnlyKeys(CompetitionLayout.TRAIN_CSV);
        assertThat(progress).containsExactly(1, 2);
    }

    /** A face on the frontal test landmarks of a 384 x 512 photo (the resource the /masks tests send). */
    private static Face frontalFace() throws IOException {
        List<Face.Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/landmarks/frontal-384x512.csv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] xy = line.split(",");
                points.add(new Face.Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
            }
        }
        return new Face(new FaceBox(110, 150, 170, 200), 0.9, points, 30, Face.Gender.FEMALE, 0.9);
    }

    /**
     * Files of the face set that are no photo (notes, a README, a GIF) were once dropped by the mask-faces step
     * before masking: neither counted nor listed. Each is now listed in {@code skipped} with the reason, after the
     * photos' own, without being opened; the photos' ids and the progress are the photos' alone.
     */
    @Test
    void filesThatAreNoPhotosAreListedInSkippedWithTheReasonAndNotOpened() throws Exception {
        Face face = frontalFace();
        FaceMasking masking = new FaceMasking(image -> image.getWidth() == 384 ? List.of(face) : List.of(),
                List.of("surgical"), 7, 2, 1_000_000, 384, 512);
        ByteArrayOutputStream photo = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB), "png", photo);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB), "gif", gif);
        Set<String> opened = ConcurrentHashMap.newKeySet();
        List<FaceMasking.Photo> files = new ArrayList<>();
        Map<String, byte[]> content = Map.of("faces/a-notes.txt", "not a photo".getBytes(),
                "faces/face.PNG", photo.toByteArray(), "faces/flat.png", blankPng(), "faces/x.gif", gif.toByteArray(),
                "faces/README", "read me".getBytes());
        content.forEach((path, bytes) -> files.add(new FaceMasking.Photo(path, () -> {
            opened.add(path);
            return new ByteArrayInputStream(bytes);
        })));
        Map<String, byte[]> written = new ConcurrentHashMap<>();
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        FaceMasking.Report report = masking.run("test", files, (path, bytes, type) -> written.put(path, bytes),
                progress::add);

        String reason = "not a photo: only .jpg, .jpeg and .png files are masked";
        assertThat(report.skipped()).containsExactly(
                new FaceMasking.Skipped("faces/flat.png", "no face found in the 200x200 photo"),
                new FaceMasking.Skipped("faces/README", reason),
                new FaceMasking.Skipped("faces/a-notes.txt", reason),
                new FaceMasking.Skipped("faces/x.gif", reason));
        assertThat(report.persons()).extracting(FaceMasking.Person::photo).containsExactly("faces/face.PNG");
        assertThat(report.persons().get(0).folder()).startsWith(FaceMasking.FIRST_ID + "_");
        assertThat(opened).containsExactlyInAnyOrder("faces/face.PNG", "faces/flat.png");
        assertThat(progress).containsExactly(1, 2);
        assertThat(written).hasSize(1 + 7);
    }

    /**
     * A JPEG cut at 70 % of its bytes was made into a masked person without comment (and one cut at 50 % left out
     * as "no face found" by the real detector): the decoder's warnings went unheard. Both are now left out as
     * truncated or corrupt, with the decoder's words, as serving and preprocess refuse them; the whole JPEG is
     * masked.
     */
    @Test
    void aTruncatedJpegIsSkippedAsTruncatedOrCorrupt() throws Exception {
        Face face = frontalFace();
        FaceMasking masking = new FaceMasking(image -> List.of(face), List.of("surgical"), 7, 2, 1_000_000, 384,
                512);
        Map<String, byte[]> written = new ConcurrentHashMap<>();

        FaceMasking.Report report = masking.run("test", List.of(photo("faces/whole.jpg", DamagedPhotos.jpeg()),
                photo("faces/cut-70.jpg", DamagedPhotos.truncatedJpeg(0.7)),
                photo("faces/cut-50.jpg", DamagedPhotos.truncatedJpeg(0.5))),
                (path, content, type) -> written.put(path, content), done -> { });

        String reason = "not a readable JPEG or PNG photo: image is truncated or corrupt: Truncated File - Missing EOI"
                + " marker";
        assertThat(report.skipped()).containsExactly(new FaceMasking.Skipped("faces/cut-50.jpg", reason),
                new FaceMasking.Skipped("faces/cut-70.jpg", reason));
        assertThat(report.persons()).extracting(FaceMasking.Person::photo).containsExactly("faces/whole.jpg");
        assertThat(written).hasSize(1 + 7);
    }

    /**
     * A photo in a folder named like a person's of the competition that does not read as one (an age that is no
     * number, a gender that is not male or female, a part missing) was masked with the age/gender network's
     * estimates instead, silently: the user's "female" could come out "male". Each is now left out, without being
     * opened, with a reason naming the folder and each part not read; a folder that reads gives its gender and
     * age, and one named otherwise ({@code faces/holiday/}) has them estimated as before.
     */
    @Test
    void aPhotoInAFolderNamedLikeAPersonsThatDoesNotReadIsSkippedNamingWhatWasNotRead() throws Exception {
        Face face = frontalFace();
        FaceMasking masking = new FaceMasking(image -> List.of(face), List.of("surgical"), 7, 2, 1_000_000, 384,
                512);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB), "png", png);
        Set<String> opened = ConcurrentHashMap.newKeySet();
        List<FaceMasking.Photo> files = new ArrayList<>();
        for (String path : List.of("faces/000500_female_Asian_abc/a.png", "faces/000501_woman_Asian_45/b.png",
                "faces/000502_female_Asian/c.png", "faces/000503_male_Asian_61/d.png", "faces/holiday/e.png",
                "faces/000504_Female_Asian_200/f.png")) {
            files.add(new FaceMasking.Photo(path, () -> {
                opened.add(path);
                return new ByteArrayInputStream(png.toByteArray());
            }));
        }
        Map<String, byte[]> written = new ConcurrentHashMap<>();

        FaceMasking.Report report = masking.run("test", files, (path, bytes, type) -> written.put(path, bytes),
                done -> { });

        String form = "' is not read as <6-digit id>_<male|female>_<race>_<age>: ";
        String remedy = "; rename it to give the person's gender and age, or move the photo out of it to have them"
                + " estimated";
        assertThat(report.skipped()).containsExactly(
                new FaceMasking.Skipped("faces/000500_female_Asian_abc/a.png", "folder '000500_female_Asian_abc"
                        + form + "the age 'abc' is not a whole number of years" + remedy),
                new FaceMasking.Skipped("faces/000501_woman_Asian_45/b.png", "folder '000501_woman_Asian_45" + form
                        + "the gender 'woman' is not male or female (in lower case)" + remedy),
                new FaceMasking.Skipped("faces/000502_female_Asian/c.png", "folder '000502_female_Asian" + form
                        + "it has 3 parts, not 4 joined by '_'" + remedy),
                new FaceMasking.Skipped("faces/000504_Female_Asian_200/f.png", "folder '000504_Female_Asian_200"
                        + form + "the gender 'Female' is not male or female (in lower case)" + remedy));
        assertThat(opened).containsExactlyInAnyOrder("faces/000503_male_Asian_61/d.png", "faces/holiday/e.png");
        assertThat(report.persons()).extracting(FaceMasking.Person::photo, FaceMasking.Person::gender,
                FaceMasking.Person::age, FaceMasking.Person::estimated).containsExactly(
                        tuple("faces/000503_male_Asian_61/d.png", "male", 61, false),
                        tuple("faces/holiday/e.png", "female", 30, true));
        assertThat(report.estimated()).isEqualTo(1);
        assertThat(written).hasSize(1 + 2 * 7);
    }

    /** Which folders are taken as named like a person's, and so must read as one. */
    @Test
    void onlyFoldersNamedLikeAPersonsMustReadAsOne() {
        assertThat(FaceMasking.unreadFolder("faces/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/holiday/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/my_trip/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/2024_summer/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/trip_to_rome_2024/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/females/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/000500_female_Asian_45/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/000500-2_male_Black_7/photo.jpg")).isNull();
        assertThat(FaceMasking.unreadFolder("faces/500_female_Asian_45/photo.jpg"))
                .contains("the id '500' is not 6 digits");
        assertThat(FaceMasking.unreadFolder("faces/female_Asian_45/photo.jpg")).contains("it has 3 parts");
        assertThat(FaceMasking.unreadFolder("faces/000500_x/photo.jpg")).contains("it has 2 parts");
        assertThat(FaceMasking.unreadFolder("faces/Male/photo.jpg")).contains("it has 1 part, not 4 joined by '_'");
        assertThat(FaceMasking.unreadFolder("faces/000500_female_Asian_151/photo.jpg"))
                .contains("the age 151 is over 150");
        assertThat(FaceMasking.unreadFolder("faces/000500_female_As1an_x/photo.jpg"))
                .contains("the race 'As1an' is not letters, the age 'x' is not a whole number of years");
    }
}
