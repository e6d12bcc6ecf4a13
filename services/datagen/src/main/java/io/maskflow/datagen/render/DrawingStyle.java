package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One way of drawing people: how they look ({@link #appearance}), how they are posed and photographed
 * ({@link #pose}, {@link #camera}), how the scene is painted ({@link #background}, {@link #renderPerson}) and what
 * happens to the picture after the mask is on ({@link #finish}: light and camera effects). A person is drawn in
 * one style in all seven photos; the {@code mixed} data sets choose a style per person ({@link #mixed}).
 */
public interface DrawingStyle {

    /** The name the manifest records. */
    String id();

    Appearance appearance(Gender gender, int age, SplittableRandom random);

    /** One photo's head turn, size, position and light; drawn from the person's stream. */
    Pose pose(SplittableRandom random);

    /** One photo's camera effects; drawn from the person's stream after the pose. */
    Camera camera(SplittableRandom random);

    BufferedImage background(Appearance a, int width, int height);

    /** Draws the person over the background already in {@code image}; the landmarks lie on what is drawn. */
    FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image);

    /** Light and camera effects over the finished scene, mask included. */
    void finish(BufferedImage image, Pose pose, Camera camera);

    DrawingStyle CLASSIC = new ClassicStyle();
    DrawingStyle SNAPSHOT = new SnapshotStyle();
    DrawingStyle STUDIO = new StudioStyle();
    DrawingStyle SCULPTED = new SculptedStyle();
    DrawingStyle INKED = new InkedStyle();
    DrawingStyle PAINTED = new PaintedStyle();

    /**
     * The style of a data set's persons: {@code classic}, {@code snapshot}, {@code studio}, {@code sculpted},
     * {@code inked} or {@code painted}; {@code mixed} has no single one.
     */
    static DrawingStyle of(String id) {
        return switch (id) {
            case "classic" -> CLASSIC;
            case "snapshot" -> SNAPSHOT;
            case "studio" -> STUDIO;
            case "sculpted" -> SCULPTED;
            case "inked" -> INKED;
            case "painted" -> PAINTED;
            default -> throw new IllegalArgumentException("style must be classic, snapshot, studio, sculpted, inked "
                    + "or painted for one person, got '" + id + "'");
        };
    }

    /**
     * A person's style in a {@code mixed} data set (domain randomisation): the people drawn by one of {@code styles}
     * and the light and camera of one of them, each chosen at random (even odds), so every combination occurs. Two
     * styles take one coin toss each, so classic and snapshot sets keep the bytes they had before a third style;
     * three to six take a die with as many sides.
     */
    static DrawingStyle mixed(SplittableRandom random, List<DrawingStyle> styles) {
        DrawingStyle people = pick(random, styles);
        DrawingStyle camera = pick(random, styles);
        return people == camera ? people : new Composed(people, camera);
    }

    private static DrawingStyle pick(SplittableRandom random, List<DrawingStyle> styles) {
        if (styles.size() == 2) {
            return random.nextBoolean() ? styles.get(0) : styles.get(1);
        }
        return styles.get(random.nextInt(styles.size()));
    }

    /** People drawn in one style, photographed in another. */
    record Composed(DrawingStyle people, DrawingStyle photo) implements DrawingStyle {

        @Override
        public String id() {
            return people.id() + " people, " + photo.id() + " camera";
        }

        @Override
        public Appearance appearance(Gender gender, int age, SplittableRandom random) {
            return people.appearance(gender, age, random);
        }

        @Override
        public Pose pose(SplittableRandom random) {
            return photo.pose(random);
        }

        @Override
        public Camera camera(SplittableRandom random) {
            return photo.camera(random);
        }

        @Override
        public BufferedImage background(Appearance a, int width, int height) {
            return people.background(a, width, height);
        }

        @Override
        public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
            return people.renderPerson(a, pose, image);
        }

        @Override
        public void finish(BufferedImage image, Pose pose, Camera camera) {
            photo.finish(image, pose, camera);
        }
    }
}
