package io.maskflow.datagen.people;

import static io.maskflow.datagen.people.AppearanceSampler.clamp;
import static io.maskflow.datagen.people.AppearanceSampler.mix;
import static io.maskflow.datagen.people.SnapshotSampler.pick;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} (with its {@link InkedLook}) for the {@code inked} style. Gender acts through several
 * independent cues, each only shifting odds: hair style, face shape, jaw width, brow thickness, eyelash length, neck
 * width, Adam's apple, facial hair, make-up, earrings and clothing. Age acts through a continuous {@code ageing} value
 * with scatter (ink lines, sag, smaller eyes, thinner lips, duller skin, age spots, glasses) and a separate greying
 * value. The odds are the ones docs/datagen.md lists; keep the two in step.
 */
public final class InkedSampler {

    /** Odds of each of {@link InkedLook#HAIR_STYLES}. */
    static final double[] HAIR_WOMEN = {0.05, 0.06, 0.11, 0.23, 0.27, 0.18, 0.10};
    static final double[] HAIR_MEN = {0.26, 0.24, 0.24, 0.07, 0.06, 0.04, 0.09};
    /** Odds of each of {@link InkedLook#GARMENTS}. */
    static final double[] GARMENT_WOMEN = {0.22, 0.14, 0.14, 0.22, 0.28};
    static final double[] GARMENT_MEN = {0.26, 0.30, 0.24, 0.14, 0.06};
    /** Odds of each of {@link InkedLook#FACE_SHAPES}. */
    static final double[] FACE_WOMEN = {0.40, 0.15, 0.30, 0.15};
    static final double[] FACE_MEN = {0.25, 0.40, 0.10, 0.25};
    static final double FACIAL_HAIR_YOUNG = 0.30;
    static final double FACIAL_HAIR_OLDER = 0.45;
    static final double EARRINGS_WOMEN = 0.30;
    static final double EARRINGS_MEN = 0.05;
    static final double MAKEUP_WOMEN = 0.45;
    static final double MAKEUP_MEN = 0.03;
    static final double ADAMS_APPLE_WOMEN = 0.03;
    static final double ADAMS_APPLE_MEN = 0.40;

    private static final Color[] HAIR = {
        new Color(24, 20, 22), new Color(58, 40, 30), new Color(96, 62, 36), new Color(140, 96, 52),
        new Color(196, 150, 82), new Color(150, 62, 34), new Color(44, 44, 60), new Color(210, 180, 120),
    };
    private static final Color[] EYES = {new Color(70, 44, 28), new Color(110, 76, 40), new Color(70, 110, 80),
        new Color(60, 100, 150), new Color(40, 34, 36)};
    private static final Color[] INK = {new Color(20, 18, 22), new Color(34, 26, 22), new Color(22, 28, 48),
        new Color(44, 40, 38)};
    private static final Color LIGHT_SKIN = new Color(250, 224, 204);
    private static final Color DEEP_SKIN = new Color(124, 82, 58);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 19) / 48.0 + r.nextGaussian() * 0.09, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 30) / 38.0 + r.nextGaussian() * 0.16, 0, 1), 1.4), 0, 1);
        double lines = clamp(ageing * 0.95 + r.nextGaussian() * 0.12, 0, 1);
        double sag = clamp(ageing * 0.85 + r.nextGaussian() * 0.13, 0, 1);

        int faceShape = pick(r, female ? FACE_WOMEN : FACE_MEN);
        double faceWidth = clamp(0.165 + (female ? -0.003 : 0.003) + r.nextGaussian() * 0.01, 0.14, 0.195);
        double faceRatio = clamp(1.28 + r.nextGaussian() * 0.06 + ageing * 0.04, 1.12, 1.48);
        double jaw = clamp((female ? 0.60 : 0.69) + r.nextGaussian() * 0.07, 0.42, 0.9);
        double brow = clamp((female ? 2.3 : 3.2) + r.nextGaussian() * 0.8, 0.9, 6);
        double browArch = clamp((female ? 0.55 : 0.35) + r.nextGaussian() * 0.2, 0, 1);
        double lashes = clamp((female ? 0.58 : 0.32) + r.nextGaussian() * 0.2, 0, 1);
        double neckWidth = clamp((female ? 0.60 : 0.70) + r.nextGaussian() * 0.07, 0.42, 0.9);
        boolean adamsApple = r.nextDouble() < (female ? ADAMS_APPLE_WOMEN : ADAMS_APPLE_MEN);
        double eyeSize = clamp(0.42 + r.nextGaussian() * 0.035 - ageing * 0.05, 0.28, 0.52);
        double noseWidth = clamp(0.34 + r.nextGaussian() * 0.05 + ageing * 0.03, 0.22, 0.5);
        double lipFullness = clamp(0.075 + r.nextGaussian() * 0.014 - ageing * 0.025, 0.025, 0.12);

        Color skin = skin(r, ageing);
        boolean makeupOn = r.nextDouble() < (female ? MAKEUP_WOMEN : MAKEUP_MEN);
        double makeup = makeupOn ? 0.35 + r.nextDouble() * 0.65 : 0;
        Color makeupColor = Color.getHSBColor((float) ((0.95 + r.nextDouble() * 0.09) % 1),
                0.5f + 0.35f * (float) r.nextDouble(), 0.55f + 0.3f * (float) r.nextDouble());
        Color lips = mix(skin, new Color(180, 92, 88), clamp(0.35 + r.nextGaussian() * 0.08 - ageing * 0.18, 0.08,
                0.6));

        int hairStyle = pick(r, female ? HAIR_WOMEN : HAIR_MEN);
        Color hairColor = HAIR[r.nextInt(HAIR.length)];
        double hairline = !female && age > 28 && r.nextDouble() < 0.1 + ageing * 0.5
                ? clamp(ageing * 0.8 + r.nextGaussian() * 0.2, 0.1, 1) : 0;
        int facialHair = !female && r.nextDouble() < (age < 35 ? FACIAL_HAIR_YOUNG : FACIAL_HAIR_OLDER)
                ? 1 + r.nextInt(4) : 0;
        boolean earrings = r.nextDouble() < (female ? EARRINGS_WOMEN : EARRINGS_MEN);
        int glasses = r.nextDouble() < 0.08 + ageing * 0.3 ? 1 : 0;
        int ageSpots = ageing > 0.45 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 7)) : 0;

        int garment = pick(r, female ? GARMENT_WOMEN : GARMENT_MEN);
        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.15 + 0.65 * r.nextDouble()),
                (float) (0.3 + 0.65 * r.nextDouble()));
        Color accent = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.6 * r.nextDouble()),
                (float) (0.5 + 0.5 * r.nextDouble()));
        int scene = r.nextInt(InkedLook.SCENES.length);
        Color sceneA = Color.getHSBColor((float) r.nextDouble(), (float) (0.08 + 0.5 * r.nextDouble()),
                (float) (0.55 + 0.42 * r.nextDouble()));
        Color sceneB = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.55 * r.nextDouble()),
                (float) (0.35 + 0.55 * r.nextDouble()));
        int shading = r.nextInt(3);
        double pen = clamp(1 + r.nextGaussian() * 0.22, 0.6, 1.5);
        Color ink = INK[r.nextInt(INK.length)];
        Color paper = Color.getHSBColor((float) (0.08 + r.nextDouble() * 0.08), (float) (r.nextDouble() * 0.14),
                (float) (0.88 + r.nextDouble() * 0.12));
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, facialHair, glasses, earrings,
                ageing, ageSpots, clothing, garment, scene, sceneA, sceneB, r.nextLong(), null, null, null,
                new InkedLook(faceShape, neckWidth, lashes, adamsApple, makeup, makeupColor, lines, sag, greying,
                        shading, pen, ink, paper, accent));
    }

    /** Flat skin between a light and a deep tone (uniform), a little duller and yellower with age. */
    private static Color skin(SplittableRandom r, double ageing) {
        Color base = mix(LIGHT_SKIN, DEEP_SKIN, r.nextDouble() * 0.85);
        double dull = 1 - ageing * 0.08;
        int red = (int) clamp(base.getRed() * dull + r.nextGaussian() * 6, 0, 255);
        int green = (int) clamp(base.getGreen() * dull + r.nextGaussian() * 5, 0, 255);
        int blue = (int) clamp(base.getBlue() * dull - ageing * 10 + r.nextGaussian() * 5, 0, 255);
        return new Color(red, green, blue);
    }
}
