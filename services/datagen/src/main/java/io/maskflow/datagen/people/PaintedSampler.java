package io.maskflow.datagen.people;

import static io.maskflow.datagen.people.AppearanceSampler.clamp;
import static io.maskflow.datagen.people.AppearanceSampler.mix;
import static io.maskflow.datagen.people.SnapshotSampler.pick;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} (with its {@link PaintedLook}) for the {@code painted} style. Gender acts through
 * several independent cues, each only shifting odds: hair style, face shape, jaw width, brow thickness, neck width,
 * facial hair, make-up, earrings and clothing (hats, caps and headscarves are worn by both, at other odds). Age acts
 * through a continuous {@code ageing} value with scatter (wrinkles, sag, shadows under the eyes, skin texture,
 * smaller eyes, thinner lips, duller skin, age spots, glasses, a receding hairline for men) and a separate greying
 * value. The odds are the ones docs/datagen.md lists; keep the two in step.
 */
public final class PaintedSampler {

    /** Odds of each of {@link PaintedLook#HAIR_STYLES}. */
    static final double[] HAIR_WOMEN = {0.03, 0.07, 0.09, 0.12, 0.17, 0.24, 0.13, 0.15};
    static final double[] HAIR_MEN = {0.17, 0.27, 0.22, 0.12, 0.07, 0.06, 0.05, 0.04};
    /** Odds of each of {@link PaintedLook#GARMENTS}. */
    static final double[] GARMENT_WOMEN = {0.16, 0.12, 0.20, 0.26, 0.12, 0.14};
    static final double[] GARMENT_MEN = {0.18, 0.22, 0.18, 0.06, 0.28, 0.08};
    /** Odds of each of {@link PaintedLook#FACE_SHAPES}. */
    static final double[] FACE_WOMEN = {0.14, 0.34, 0.22, 0.10, 0.20};
    static final double[] FACE_MEN = {0.26, 0.20, 0.14, 0.30, 0.10};
    /** Odds of each of {@link PaintedLook#HEADWEAR}. */
    static final double[] HEADWEAR_WOMEN = {0.80, 0.07, 0.04, 0.09};
    static final double[] HEADWEAR_MEN = {0.80, 0.06, 0.12, 0.02};
    static final double FACIAL_HAIR_YOUNG = 0.28;
    static final double FACIAL_HAIR_OLDER = 0.42;
    static final double EARRINGS_WOMEN = 0.32;
    static final double EARRINGS_MEN = 0.05;
    static final double MAKEUP_WOMEN = 0.48;
    static final double MAKEUP_MEN = 0.03;
    static final double CHIAROSCURO = 0.22;

    private static final Color[] HAIR = {
        new Color(22, 18, 20), new Color(48, 34, 28), new Color(86, 56, 36), new Color(128, 84, 48),
        new Color(180, 136, 80), new Color(136, 58, 32), new Color(62, 44, 40), new Color(200, 170, 116),
    };
    private static final Color[] EYES = {new Color(66, 40, 24), new Color(104, 70, 38), new Color(74, 104, 76),
        new Color(70, 106, 150), new Color(44, 32, 30), new Color(120, 110, 80)};
    private static final Color LIGHT_SKIN = new Color(240, 206, 184);
    private static final Color DEEP_SKIN = new Color(104, 66, 46);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 18) / 49.0 + r.nextGaussian() * 0.09, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 31) / 37.0 + r.nextGaussian() * 0.15, 0, 1), 1.5), 0, 1);
        double wrinkles = clamp(ageing * 0.95 + r.nextGaussian() * 0.12, 0, 1);
        double sag = clamp(ageing * 0.85 + r.nextGaussian() * 0.13, 0, 1);
        double underEye = clamp(0.1 + ageing * 0.7 + r.nextGaussian() * 0.12, 0, 1);
        double texture = clamp(0.1 + ageing * 0.6 + r.nextGaussian() * 0.1, 0, 1);

        int faceShape = pick(r, female ? FACE_WOMEN : FACE_MEN);
        double faceWidth = clamp(0.16 + (female ? -0.003 : 0.003) + r.nextGaussian() * 0.01, 0.135, 0.19);
        double faceRatio = clamp(1.3 + r.nextGaussian() * 0.06 + ageing * 0.04, 1.14, 1.5);
        double jaw = clamp((female ? 0.61 : 0.70) + r.nextGaussian() * 0.07, 0.44, 0.9);
        double brow = clamp((female ? 2.4 : 3.3) + r.nextGaussian() * 0.8, 0.9, 6);
        double browArch = clamp((female ? 0.55 : 0.35) + r.nextGaussian() * 0.2, 0, 1);
        double neckWidth = clamp((female ? 0.60 : 0.69) + r.nextGaussian() * 0.07, 0.42, 0.9);
        double eyeSize = clamp(0.4 + r.nextGaussian() * 0.035 - ageing * 0.05, 0.28, 0.5);
        double noseWidth = clamp(0.36 + r.nextGaussian() * 0.05 + ageing * 0.03, 0.24, 0.52);
        double lipFullness = clamp(0.08 + r.nextGaussian() * 0.014 - ageing * 0.025, 0.03, 0.125);

        Color skin = skin(r, ageing);
        boolean makeupOn = r.nextDouble() < (female ? MAKEUP_WOMEN : MAKEUP_MEN);
        double makeup = makeupOn ? 0.3 + r.nextDouble() * 0.7 : 0;
        Color makeupColor = Color.getHSBColor((float) ((0.94 + r.nextDouble() * 0.1) % 1),
                0.45f + 0.4f * (float) r.nextDouble(), 0.5f + 0.35f * (float) r.nextDouble());
        Color lips = mix(skin, new Color(176, 86, 80), clamp(0.38 + r.nextGaussian() * 0.08 - ageing * 0.18, 0.08,
                0.6));

        int hairStyle = pick(r, female ? HAIR_WOMEN : HAIR_MEN);
        Color hairColor = HAIR[r.nextInt(HAIR.length)];
        double hairline = !female && age > 30 && r.nextDouble() < 0.1 + ageing * 0.5
                ? clamp(ageing * 0.8 + r.nextGaussian() * 0.2, 0.1, 1) : 0;
        int facialHair = !female && r.nextDouble() < (age < 35 ? FACIAL_HAIR_YOUNG : FACIAL_HAIR_OLDER)
                ? 1 + r.nextInt(4) : 0;
        boolean earrings = r.nextDouble() < (female ? EARRINGS_WOMEN : EARRINGS_MEN);
        int glasses = r.nextDouble() < 0.08 + ageing * 0.28 ? 1 : 0;
        int ageSpots = ageing > 0.45 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 7)) : 0;
        int headwear = pick(r, female ? HEADWEAR_WOMEN : HEADWEAR_MEN);
        Color headwearColor = Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.6 * r.nextDouble()),
                (float) (0.25 + 0.6 * r.nextDouble()));

        int garment = pick(r, female ? GARMENT_WOMEN : GARMENT_MEN);
        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.15 + 0.65 * r.nextDouble()),
                (float) (0.25 + 0.65 * r.nextDouble()));
        Color accent = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.5 * r.nextDouble()),
                (float) (0.5 + 0.5 * r.nextDouble()));
        boolean chiaroscuro = r.nextDouble() < CHIAROSCURO;
        int scene = chiaroscuro && r.nextBoolean() ? 3 : r.nextInt(PaintedLook.SCENES.length);
        Color sceneA = Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.5 * r.nextDouble()),
                (float) (0.35 + 0.55 * r.nextDouble()));
        Color sceneB = Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.55 * r.nextDouble()),
                (float) (0.3 + 0.6 * r.nextDouble()));
        double keyWarmth = (r.nextDouble() < 0.55 ? 1 : -1) * (0.35 + 0.65 * r.nextDouble());
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, facialHair, glasses, earrings,
                ageing, ageSpots, clothing, garment, scene, sceneA, sceneB, r.nextLong(), null, null, null, null,
                new PaintedLook(faceShape, headwear, headwearColor, neckWidth, makeup, makeupColor, wrinkles, sag,
                        underEye, texture, greying, keyWarmth, chiaroscuro, accent));
    }

    /** Skin between a light and a deep tone (uniform), a little duller and yellower with age. */
    private static Color skin(SplittableRandom r, double ageing) {
        Color base = mix(LIGHT_SKIN, DEEP_SKIN, r.nextDouble() * 0.9);
        double dull = 1 - ageing * 0.07;
        int red = (int) clamp(base.getRed() * dull + r.nextGaussian() * 6, 0, 255);
        int green = (int) clamp(base.getGreen() * dull + r.nextGaussian() * 5, 0, 255);
        int blue = (int) clamp(base.getBlue() * dull - ageing * 9 + r.nextGaussian() * 5, 0, 255);
        return new Color(red, green, blue);
    }
}
