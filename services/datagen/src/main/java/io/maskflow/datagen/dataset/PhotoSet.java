package io.maskflow.datagen.dataset;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.datagen.masks.MaskPlacer;
import io.maskflow.datagen.masks.MaskState;
import io.maskflow.datagen.masks.MaskStyle;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.render.Camera;
import io.maskflow.datagen.render.DrawingStyle;
import io.maskflow.datagen.render.FaceGeometry;
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
 * {@code normal} without one. Each photo has its own pose, light and camera, drawn in the person's
 * {@link DrawingStyle}.
 */
public final class PhotoSet {

    /** What one photo shows, and the camera that takes it. */
    public record Shot(String stem, Pose pose, MaskStyle style, MaskState state, Camera camera) {
    }

    /** One finished photo and the JPEG quality its style writes it at. */
    public record Photo(BufferedImage image, float jpegQuality) {

        public byte[] jpeg() {
            return JpegEncoder.encode(image, jpegQuality);
        }
    }

    /** The colour model of {@code TYPE_INT_RGB}: an image built on it with an int raster is of that type. */
    private static final DirectColorModel RGB = new DirectColorModel(24, 0xff0000, 0x00ff00, 0x0000ff);

    private final MaskPlacer placer = new MaskPlacer();
    private final int width;
    private final int height;
    private final List<MaskType> maskTypes;

    public PhotoSet(int width, int height, List<MaskType> maskTypes) {
        this.width = width;
        this.height = height;
        this.maskTypes = List.copyOf(maskTypes);
    }

    /** Plans the person's seven shots; draws from {@code random} after the person's own draws. */
    public List<Shot> plan(Person person, SplittableRandom random) {
        DrawingStyle drawing = person.style();
        List<Shot> shots = new ArrayList<>(7);
        int offset = random.nextInt(maskTypes.size());
        int worn = 0;
        for (String stem : Mask.fileStems()) {
            Pose pose = drawing.pose(random);
            Camera camera = drawing.camera(random);
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
            shots.add(new Shot(stem, pose, style, state, camera));
        }
        return shots;
    }

    private static MaskState incorrect(SplittableRandom random) {
        double pick = random.nextDouble();
        return pick < 0.6 ? MaskState.NOSE_EXPOSED : pick < 0.8 ? MaskState.MOUTH_ONLY : MaskState.CHIN_ONLY;
    }

    /** Draws one shot of the person. */
    public BufferedImage draw(Person person, Shot shot) {
        return draw(person, shot, person.style().background(person.appearance(), width, height));
    }

    private BufferedImage draw(Person person, Shot shot, BufferedImage background) {
        // a copy of the background's pixels as the new photo's raster (a clone is not zeroed first)
        int[] pixels = ((DataBufferInt) background.getRaster().getDataBuffer()).getData().clone();
        BufferedImage image = new BufferedImage(RGB, Raster.createWritableRaster(RGB.createCompatibleSampleModel(width,
                height), new DataBufferInt(pixels, pixels.length), null), false, null);
        FaceGeometry face = person.style().renderPerson(person.appearance(), shot.pose(), image);
        if (shot.style() != null) {
            placer.place(image, face.landmarks(), shot.style(), shot.state());
        }
        person.style().finish(image, shot.pose(), shot.camera());
        return image;
    }

    /** Draws all seven photos, by file stem, in the competition's order. */
    public Map<String, BufferedImage> drawAll(Person person, SplittableRandom random) {
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        shootAll(person, random).forEach((stem, photo) -> images.put(stem, photo.image()));
        return images;
    }

    /** All seven photos with the JPEG quality of each, by file stem, in the competition's order. */
    public Map<String, Photo> shootAll(Person person, SplittableRandom random) {
        Map<String, Photo> photos = new LinkedHashMap<>();
        BufferedImage background = person.style().background(person.appearance(), width, height);
        for (Shot shot : plan(person, random)) {
            photos.put(shot.stem(), new Photo(draw(person, shot, background), shot.camera().jpegQuality()));
        }
        return photos;
    }
}
