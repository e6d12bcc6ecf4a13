package io.maskflow.datagen;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.LabelCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.PhotoSet;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Draws one generated person per class into a PNG: columns are gender x age group, rows are the mask states.
 *
 * <p>Run: {@code mvn -q -pl services/datagen test-compile exec:java -Dexec.mainClass=io.maskflow.datagen.ContactSheet
 * -Dexec.args="../../docs/datagen-contact-sheet.png [style]"}; the tiles are the JPEGs as the generator writes
 * them (decoded), so the camera's JPEG quality shows.
 */
public final class ContactSheet {

    private static final int TILE_W = 160;
    private static final int TILE_H = 213;

    private ContactSheet() {
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "contact-sheet.png";
        DatagenParams params = StepParameters.bind(Map.of("style", args.length > 1 ? args[1] : "classic"),
                DatagenParams.DEFAULTS);
        PersonFactory factory = new PersonFactory(params);
        PhotoSet photos = new PhotoSet(params.width(), params.height(), List.of(MaskType.values()));
        LabelCodec codec = LabelCodec.competition();
        BufferedImage sheet = new BufferedImage(TILE_W * 6, TILE_H * 3, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        boolean[] found = new boolean[6];
        for (int index = 0; index < 10_000; index++) {
            SplittableRandom random = factory.randomFor(index);
            Person person = factory.make(index, random);
            int column = 3 * person.gender().value() + AgeBands.COMPETITION.groupOf(person.age()).value();
            if (found[column]) {
                continue;
            }
            found[column] = true;
            Map<String, PhotoSet.Photo> all = photos.shootAll(person, random);
            String[] shown = {"mask1", "incorrect_mask", "normal"};
            for (int row = 0; row < 3; row++) {
                int c = codec.encode(Mask.fromFileName(shown[row]), person.gender(), person.age());
                int x = column * TILE_W;
                int y = row * TILE_H;
                g.drawImage(ImageIO.read(new ByteArrayInputStream(all.get(shown[row]).jpeg())), x, y, TILE_W, TILE_H,
                        null);
                g.setColor(new Color(0, 0, 0, 150));
                g.fillRect(x, y, TILE_W, 18);
                g.setColor(Color.WHITE);
                Label label = Label.ofClass(c);
                String mask = label.displayName().substring(0, label.displayName().indexOf('/'));
                g.drawString(c + "  " + mask + ", " + person.gender().csvName() + ", " + person.age(), x + 4, y + 13);
            }
            boolean all6 = true;
            for (boolean f : found) {
                all6 &= f;
            }
            if (all6) {
                break;
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", new File(out));
        System.out.println("wrote " + new File(out).getAbsolutePath());
    }
}
