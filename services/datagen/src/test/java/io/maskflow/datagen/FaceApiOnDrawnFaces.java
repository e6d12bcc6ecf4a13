package io.maskflow.datagen;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import io.maskflow.vision.face.Face;
import io.maskflow.vision.face.FaceAnalyzer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * How face-api's pretrained detector and age/gender net (trained on photos of real people) read the persons each
 * drawing style draws: faces found, gender and age-group accuracy, on the unmasked and the masked photo.
 *
 * <p>Run: {@code mvn -q -pl services/datagen test-compile exec:java
 * -Dexec.mainClass=io.maskflow.datagen.FaceApiOnDrawnFaces -Dexec.args="150 classic,snapshot,studio,sculpted"}.
 */
public final class FaceApiOnDrawnFaces {

    private FaceApiOnDrawnFaces() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        try (FaceAnalyzer faces = new FaceAnalyzer()) {
            for (String style : args[1].split(",")) {
                DatagenParams params = StepParameters.bind(Map.of("style", style, "firstPerson", "700000"),
                        DatagenParams.DEFAULTS);
                PersonFactory factory = new PersonFactory(params);
                PhotoSet photos = new PhotoSet(params.width(), params.height(), List.of(MaskType.values()));
                for (String shot : new String[] {"normal", "mask1"}) {
                    int found = 0;
                    int genderOk = 0;
                    int ageOk = 0;
                    int[][] ageConf = new int[3][3];
                    double sumMale = 0;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        SplittableRandom random = factory.randomFor(700000 + i);
                        Person person = factory.make(700000 + i, random);
                        Map<String, PhotoSet.Photo> all = photos.shootAll(person, random);
                        BufferedImage img = ImageIO.read(new ByteArrayInputStream(all.get(shot).jpeg()));
                        List<Face> detected = faces.detect(img);
                        if (detected.isEmpty()) {
                            continue;
                        }
                        found++;
                        Face f = detected.get(0); // the best score
                        int g = f.gender() == Face.Gender.MALE ? 0 : 1;
                        if (g == person.gender().value()) {
                            genderOk++;
                        }
                        sumMale += g == 0 ? 1 : 0;
                        int truth = AgeBands.COMPETITION.groupOf(person.age()).value();
                        int pred = f.age() < 30 ? 0 : f.age() < 60 ? 1 : 2;
                        ageConf[truth][pred]++;
                        if (pred == truth) {
                            ageOk++;
                        }
                    }
                    double ms = (System.nanoTime() - t0) / 1e6 / n;
                    System.out.printf("%-9s %-6s found %d/%d gender %.3f (male share %.2f) age3 %.3f %s  "
                            + "%.0f ms/photo%n", style, shot, found, n, genderOk / (double) found, sumMale / found,
                            ageOk / (double) found, Arrays.deepToString(ageConf), ms);
                }
            }
        }
    }
}
