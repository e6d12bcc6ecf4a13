package io.maskflow.datagen.dataset;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A data set's contact sheet: the first person of each gender × age group in {@code train.csv} (so the same data
 * set always gives the same sheet), one column each, with their photo with the mask worn, worn incorrectly and
 * without one. The run page shows it as the generate step's {@code preview}.
 */
public final class DatasetPreview {

    /** The photos read back from the data set. */
    @FunctionalInterface
    public interface Photos {
        byte[] read(String path) throws IOException;
    }

    static final int TILE_W = 120;
    static final int TILE_H = 160;
    private static final int CAPTION = 16;
    private static final String[] SHOWN = {"mask1", "incorrect_mask", "normal"};
    private static final String[] ROWS = {"mask", "incorrect", "no mask"};

    private DatasetPreview() {
    }

    /** The sheet as PNG bytes; a group without a person stays grey. */
    public static byte[] contactSheet(String trainCsv, Photos photos) throws IOException {
        PersonRecord[] chosen = new PersonRecord[6];
        for (PersonRecord person : CompetitionLayout.parseTrainCsv(trainCsv)) {
            int column = Label.group(person.gender(), AgeBands.COMPETITION.groupOf(person.age()));
            if (chosen[column] == null) {
                chosen[column] = person;
            }
        }
        BufferedImage sheet = new BufferedImage(TILE_W * 6, (TILE_H + CAPTION) * 3, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(new Color(235, 235, 235));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int column = 0; column < Label.GROUPS; column++) {
                PersonRecord person = chosen[column];
                if (person == null) {
                    continue;
                }
                for (int row = 0; row < 3; row++) {
                    int x = column * TILE_W;
                    int y = row * (TILE_H + CAPTION);
                    BufferedImage photo = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(
                            photos.read(CompetitionLayout.trainImage(person, SHOWN[row], "jpg")))));
                    if (photo != null) {
                        g.drawImage(photo, x, y + CAPTION, TILE_W, TILE_H, null);
                    }
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(String.format(Locale.ROOT, "%s, %s %d", ROWS[row], person.gender().csvName(),
                            person.age()), x + 4, y + 12);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", png);
        return png.toByteArray();
    }
}
