package io.maskflow.datagen.dataset;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.datagen.masks.MaskPlacer;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskStyle;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.render.FaceGeometry;
import io.maskflow.datagen.render.FaceRenderer;
import io.maskflow.datagen.render.Lighting;
import io.maskflow.datagen.render.Pose;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seven photos of one person, as the competition has them: {@code mask1}..{@code mask5} with five different
 * correctly worn masks, {@code incorrect_mask} with a mask below the nose, on the mouth only or on the chin, and
 * {@code normal} without one. Each photo has its own pose and light.
 */
public final class PhotoSet {

    /** What one photo shows. */
    public record Shot(String stem, Pose pose, MaskStyle style, MaskState state) {
    }

    /** The colour model of {@code TYPE_INT_RGB}: an image built on it with an int raster is of that type. */
    private static final DirectColorModel RGB = new DirectColorModel(24, 0xff0000, 0x00ff00, 0x0000ff);

    private final FaceRenderer renderer = new FaceRenderer();
    private final MaskPlacer placer = new MaskPlacer();
    private final int width;
    private final int height;
    private final List<MaskType> maskTypes;

    public PhotoSet(int width, int height, List<MaskType> maskTypes) {
        this.width = width;
        this.height = height;
        this.maskTypes = List.copyOf(maskTypes);
    }

    /** Plans the seven shots; draws from {@code random} after the person's own draws. */
    public List<Shot> plan(SplittableRandom random) {
        List<Shot> shots = new ArrayList<>(7);
        int offset = random.nextInt(maskTypes.size());
        int worn = 0;
        for (String stem : Mask.fileStems()) {
            Pose pose = Pose.random(random);
            Mask mask = Mask.fromFileName(stem);
            MaskStyle style = null;
            MaskState state = null;
            if (mask == Mask.WEAR || mask == Mask.INCORRECT) {
                // mask1..mask5 go through the types in turn (one repeats, in another colour)
                MaskType type = mask == Mask.WEAR ? maskTypes.get((offset + worn++) % maskTypes.size())
                        : maskTypes.get(random.nextInt(maskTypes.size()));
                style = MaskStyle.random(type, random);
                state = mask == Mask.WEAR ? MaskState.CORRECT : incorrect(random);
            }
            shots.add(new Shot(stem, pose, style, state));
        }
        return shots;
    }

    private static MaskState incorrect(SplittableRandom random) {
        double pick = random.nextDouble();
        return pick < 0.6 ? MaskState.NOSE_EXPOSED : pick < 0.8 ? MaskState.MOUTH_ONLY : MaskState.CHIN_ONLY;
    }

    /** Draws one shot of the person. */
    public BufferedImage draw(Person person, Shot shot) {
        return draw(person, shot, renderer.background(person.appearance(), width, height));
    }

    private BufferedImage draw(Person person, Shot shot, BufferedImage background) {
        // a copy of the background's pixels as the new photo's raster (a clone is not zeroed first)
        int[] pixels = ((DataBufferInt) background.getRaster().getDataBuffer()).getData().clone();
        BufferedImage image = new BufferedImage(RGB, Raster.createWritableRaster(RGB.createCompatibleSampleModel(width,
                height), new DataBufferInt(pixels, pixels.length), null), false, null);
        FaceGeometry face = renderer.renderPerson(person.appearance(), shot.pose(), image);
        if (shot.style() != null) {
            placer.place(image, face.landmarks(), shot.style(), shot.state());
        }
        Lighting.apply(image, shot.pose());
        return image;
    }

    /** Draws all seven photos, by file stem, in the competition's order. */
    public Map<String, BufferedImage> drawAll(Person person, SplittableRandom random) {
        Map<String, BufferedImage> photos = new LinkedHashMap<>();
        BufferedImage background = renderer.background(person.appearance(), width, height);
        for (Shot shot : plan(random)) {
            photos.put(shot.stem(), draw(person, shot, background));
        }
        return photos;
    }
}
