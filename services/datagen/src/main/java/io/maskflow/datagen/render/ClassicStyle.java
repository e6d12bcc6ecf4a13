package io.maskflow.datagen.render;

import io.maskflow.contracts.labels.Gender;
import io.maskflow.datagen.people.Appearance;
import io.maskflow.datagen.people.AppearanceSampler;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** The generator's first look: {@link AppearanceSampler}, {@link FaceRenderer} and {@link Lighting}, no camera. */
final class ClassicStyle implements DrawingStyle {

    private final AppearanceSampler appearances = new AppearanceSampler();
    private final FaceRenderer renderer = new FaceRenderer();

    @Override
    public String id() {
        return "classic";
    }

    @Override
    public Appearance appearance(Gender gender, int age, SplittableRandom random) {
        return appearances.sample(gender, age, random);
    }

    @Override
    public Pose pose(SplittableRandom random) {
        return Pose.random(random);
    }

    /** Draws nothing, so classic data sets keep their bytes. */
    @Override
    public Camera camera(SplittableRandom random) {
        return Camera.CLASSIC;
    }

    @Override
    public BufferedImage background(Appearance a, int width, int height) {
        return renderer.background(a, width, height);
    }

    @Override
    public FaceGeometry renderPerson(Appearance a, Pose pose, BufferedImage image) {
        return renderer.renderPerson(a, pose, image);
    }

    @Override
    public void finish(BufferedImage image, Pose pose, Camera camera) {
        Lighting.apply(image, pose);
    }
}
