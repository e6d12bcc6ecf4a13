package io.maskflow.datagen.people;

import static io.maskflow.datagen.people.AppearanceSampler.clamp;
import static io.maskflow.datagen.people.AppearanceSampler.mix;
import static io.maskflow.datagen.people.SnapshotSampler.pick;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} (with its {@link SculptedLook}) for the {@code sculpted} style. Gender acts through
 * several independent cues, each only shifting odds: hair style, jaw width, brow ridge depth, brow thickness, lip
 * fullness, cheek fullness, neck width, stubble, earrings, make-up and clothing. Age acts through a continuous
 * {@code ageing} value with scatter (wrinkles, sag, uneven skin, age spots, thinner lips) and a separate greying
 * value. The odds are the ones docs/datagen.md lists; keep the two in step.
 */
public final class SculptedSampler {

    /** Odds of each of {@link SculptedLook#HAIR_STYLES}. */
    static final double[] HAIR_WOMEN = {0.08, 0.12, 0.25, 0.20, 0.17, 0.02, 0.16};
    static final double[] HAIR_MEN = {0.30, 0.26, 0.06, 0.05, 0.06, 0.15, 0.12};
    /** Odds of each of {@link SculptedLook#GARMENTS}. */
    static final double[] GARMENT_WOMEN = {0.22, 0.14, 0.20, 0.24, 0.20};
    static final double[] GARMENT_MEN = {0.26, 0.32, 0.26, 0.06, 0.10};
    static final double STUBBLE_YOUNG = 0.35;
    static final double STUBBLE_OLDER = 0.5;
    static final double EARRINGS_WOMEN = 0.30;
    static final double EARRINGS_MEN = 0.05;
    static final double MAKEUP_WOMEN = 0.45;
    static final double MAKEUP_MEN = 0.03;

    private static final Color[] HAIR = {
        new Color(22, 17, 15), new Color(52, 36, 25), new Color(84, 56, 34), new Color(122, 84, 50),
        new Color(168, 128, 80), new Color(40, 32, 30), new Color(112, 52, 30), new Color(196, 160, 110),
    };
    private static final Color[] EYES = {new Color(58, 36, 22), new Color(96, 66, 38), new Color(72, 90, 70),
        new Color(66, 96, 130), new Color(44, 30, 24)};
    private static final Color LIGHT_SKIN = new Color(242, 214, 192);
    private static final Color DEEP_SKIN = new Color(112, 72, 50);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 19) / 48.0 + r.nextGaussian() * 0.1, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 32) / 40.0 + r.nextGaussian() * 0.2, 0, 1), 1.3), 0, 1);
        double wrinkles = clamp(ageing * 0.95 + r.nextGaussian() * 0.12, 0, 1);
        double sag = clamp(ageing * 0.85 + r.nextGaussian() * 0.13, 0, 1);
        double unevenness = clamp(0.1 + ageing * 0.6 + r.nextGaussian() * 0.12, 0, 1);

        double faceWidth = clamp(0.172 + (female ? -0.003 : 0.003) + r.nextGaussian() * 0.011, 0.145, 0.2);
        double faceRatio = clamp(1.3 + r.nextGaussian() * 0.06 + ageing * 0.04, 1.15, 1.5);
        double jaw = clamp((female ? 0.62 : 0.70) + r.nextGaussian() * 0.07, 0.45, 0.9);
        double browRidge = clamp((female ? 0.35 : 0.6) + r.nextGaussian() * 0.22, 0, 1);
        double brow = clamp((female ? 2.4 : 3.3) + r.nextGaussian() * 0.8, 1.0, 6);
        double browArch = clamp((female ? 0.55 : 0.38) + r.nextGaussian() * 0.2, 0, 1);
        double lipFullness = clamp((female ? 0.09 : 0.075) + r.nextGaussian() * 0.015 - ageing * 0.025, 0.03, 0.14);
        double cheekFullness = clamp((female ? 0.55 : 0.42) + r.nextGaussian() * 0.2 - ageing * 0.1, 0, 1);
        double neckWidth = clamp((female ? 0.62 : 0.71) + r.nextGaussian() * 0.07, 0.45, 0.9);
        double eyeSize = clamp(0.33 + r.nextGaussian() * 0.03 - ageing * 0.03, 0.22, 0.42);
        double noseWidth = clamp(0.36 + (female ? -0.01 : 0.01) + r.nextGaussian() * 0.045 + ageing * 0.03, 0.24,
                0.52);

        Color skin = skin(r, ageing);
        boolean makeupOn = r.nextDouble() < (female ? MAKEUP_WOMEN : MAKEUP_MEN);
        double makeup = makeupOn ? 0.3 + r.nextDouble() * 0.7 : 0;
        Color makeupColor = Color.getHSBColor((float) ((0.96 + r.nextDouble() * 0.08) % 1), 0.55f + 0.3f
                * (float) r.nextDouble(), 0.55f + 0.25f * (float) r.nextDouble());
        Color lips = mix(skin, new Color(170, 80, 80), clamp(0.45 + r.nextGaussian() * 0.1 - ageing * 0.2, 0.1, 0.8));

        int hairStyle = pick(r, female ? HAIR_WOMEN : HAIR_MEN);
        Color hairColor = HAIR[r.nextInt(HAIR.length)];
        double hairline = !female && age > 28 && r.nextDouble() < 0.1 + ageing * 0.5
                ? clamp(ageing * 0.8 + r.nextGaussian() * 0.2, 0.1, 1) : 0;
        double curl = hairStyle == 3 ? 0.5 + r.nextDouble() * 0.5 : r.nextDouble() * 0.35;
        boolean stubbleOn = !female && r.nextDouble() < (age < 35 ? STUBBLE_YOUNG : STUBBLE_OLDER);
        double stubble = stubbleOn ? 0.35 + r.nextDouble() * 0.65 : 0;
        boolean earrings = r.nextDouble() < (female ? EARRINGS_WOMEN : EARRINGS_MEN);
        int ageSpots = ageing > 0.45 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 9)) : 0;
        double freckles = r.nextDouble() < 0.3 ? 0.3 + r.nextDouble() * 0.7 : r.nextDouble() * 0.25;

        int garment = pick(r, female ? GARMENT_WOMEN : GARMENT_MEN);
        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.65 * r.nextDouble()),
                (float) (0.2 + 0.7 * r.nextDouble()));
        Color accent = Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.6 * r.nextDouble()),
                (float) (0.45 + 0.5 * r.nextDouble()));
        int scene = r.nextInt(SculptedLook.SCENES.length);
        Color sceneA = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.45 * r.nextDouble()),
                (float) (0.3 + 0.65 * r.nextDouble()));
        Color sceneB = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.5 * r.nextDouble()),
                (float) (0.2 + 0.7 * r.nextDouble()));
        double keyWarmth = clamp(r.nextGaussian() * 0.45, -1, 1);
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, stubbleOn ? 1 : 0, 0,
                earrings, ageing, ageSpots, clothing, garment, scene, sceneA, sceneB, r.nextLong(), null, null,
                new SculptedLook(browRidge, cheekFullness, neckWidth, makeup, makeupColor, stubble, wrinkles, sag,
                        unevenness, greying, freckles, curl, keyWarmth, accent), null);
    }

    /** Skin between a light and a deep tone (melanin uniform 0.03 .. 0.8) with some red; with age less red. */
    private static Color skin(SplittableRandom r, double ageing) {
        double melanin = 0.03 + r.nextDouble() * 0.77;
        double blood = clamp(0.3 + r.nextGaussian() * 0.1 - ageing * 0.1, 0, 0.6);
        Color base = mix(LIGHT_SKIN, DEEP_SKIN, melanin);
        int red = (int) clamp(base.getRed() + blood * 26, 0, 255);
        int green = (int) clamp(base.getGreen() - blood * 12 - ageing * 5, 0, 255);
        int blue = (int) clamp(base.getBlue() - blood * 8 - ageing * 12, 0, 255);
        return new Color(red, green, blue);
    }
}
