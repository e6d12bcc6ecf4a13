package io.maskflow.datagen.people;

import static io.maskflow.datagen.people.AppearanceSampler.clamp;
import static io.maskflow.datagen.people.AppearanceSampler.mix;
import static io.maskflow.datagen.people.SnapshotSampler.pick;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} (with its {@link StudioLook}) for the {@code studio} style. Gender acts through
 * several independent cues, each only shifting odds: hair style, hairline shape, face shape, jaw, brows, eyelash
 * length, cheekbone highlight, neck width, Adam's apple, facial hair, earrings and clothing cut. Age acts through
 * a continuous {@code ageing} value (creases, sag, under-eye shadows, skin texture, thinner lips, smaller eyes,
 * duller skin) and a separate greying value. The odds are the ones docs/datagen.md lists; keep the two in step.
 */
public final class StudioSampler {

    /** Odds of each of {@link StudioLook#HAIR_STYLES}. */
    static final double[] HAIR_WOMEN = {0.03, 0.13, 0.10, 0.28, 0.30, 0.16};
    static final double[] HAIR_MEN = {0.18, 0.34, 0.26, 0.08, 0.07, 0.07};
    /** Odds of each of {@link StudioLook#FACE_SHAPES}: long, wide, diamond, pear. */
    static final double[] SHAPE_WOMEN = {0.35, 0.20, 0.30, 0.15};
    static final double[] SHAPE_MEN = {0.20, 0.35, 0.15, 0.30};
    /** Odds of each of {@link StudioLook#HAIRLINES}: rounded, straight, M-shaped. */
    static final double[] HAIRLINE_WOMEN = {0.55, 0.40, 0.05};
    static final double[] HAIRLINE_MEN = {0.20, 0.45, 0.35};
    /** Odds of each of {@link StudioLook#GARMENTS}: hoodie, v-neck, blouse, polo, coat. */
    static final double[] GARMENT_WOMEN = {0.20, 0.22, 0.30, 0.10, 0.18};
    static final double[] GARMENT_MEN = {0.30, 0.20, 0.03, 0.30, 0.17};
    static final double FACIAL_HAIR_YOUNG = 0.30;
    static final double FACIAL_HAIR_OLDER = 0.45;
    static final double ADAMS_APPLE_WOMEN = 0.03;
    static final double ADAMS_APPLE_MEN = 0.45;
    static final double EARRINGS_WOMEN = 0.28;
    static final double EARRINGS_MEN = 0.05;

    private static final Color[] HAIR = {
        new Color(20, 16, 14), new Color(48, 34, 24), new Color(78, 52, 32), new Color(110, 74, 44),
        new Color(150, 110, 70), new Color(36, 30, 30), new Color(96, 46, 28),
    };
    private static final Color[] EYES = {new Color(52, 32, 20), new Color(92, 62, 34), new Color(70, 78, 60),
        new Color(40, 28, 24)};
    private static final Color SILVER = new Color(214, 214, 218);
    /** Skin model: a mix between a light and a deep tone (melanin), then red added (blood under the skin). */
    private static final Color LIGHT_SKIN = new Color(246, 222, 200);
    private static final Color DEEP_SKIN = new Color(128, 84, 58);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 19) / 48.0 + r.nextGaussian() * 0.09, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 28) / 40.0 + r.nextGaussian() * 0.14, 0, 1), 1.4), 0, 1);

        int shape = pick(r, female ? SHAPE_WOMEN : SHAPE_MEN);
        double faceWidth = clamp(0.175 + (female ? -0.003 : 0.004) + r.nextGaussian() * 0.012, 0.145, 0.205);
        double faceRatio = clamp(1.32 + r.nextGaussian() * 0.07 + ageing * 0.05, 1.15, 1.55);
        double jaw = clamp((female ? 0.60 : 0.69) + r.nextGaussian() * 0.07, 0.42, 0.9);
        double sag = clamp(ageing * 0.9 + r.nextGaussian() * 0.12, 0, 1);
        double underEye = clamp(0.1 + ageing * 0.7 + r.nextGaussian() * 0.12, 0, 1);
        double skinTexture = clamp(ageing * 0.75 + r.nextGaussian() * 0.1, 0, 1);
        Color skin = skin(r, ageing);

        double eyeSize = clamp(0.34 + r.nextGaussian() * 0.03 - ageing * 0.035, 0.22, 0.44);
        double brow = clamp((female ? 2.5 : 3.3) + r.nextGaussian() * 0.8, 1.0, 6);
        double browArch = clamp((female ? 0.55 : 0.35) + r.nextGaussian() * 0.2, 0, 1);
        double lashes = clamp((female ? 0.6 : 0.35) + r.nextGaussian() * 0.2, 0, 1);
        double cheekbones = clamp((female ? 0.55 : 0.4) + r.nextGaussian() * 0.2, 0, 1);
        double neckWidth = clamp((female ? 0.63 : 0.71) + r.nextGaussian() * 0.07, 0.45, 0.9);
        boolean adamsApple = r.nextDouble() < (female ? ADAMS_APPLE_WOMEN : ADAMS_APPLE_MEN);
        double noseWidth = clamp(0.36 + (female ? -0.015 : 0.015) + r.nextGaussian() * 0.045 + ageing * 0.03, 0.24,
                0.52);
        Color lips = mix(skin, Color.getHSBColor((float) (0.98 + r.nextGaussian() * 0.015) % 1f, 0.5f, 0.7f),
                clamp(0.55 + r.nextGaussian() * 0.12 - ageing * 0.25, 0.15, 0.9));
        double lipFullness = clamp(0.085 + r.nextGaussian() * 0.015 - ageing * 0.03, 0.03, 0.13);

        int hairStyle = pick(r, female ? HAIR_WOMEN : HAIR_MEN);
        int hairlineShape = pick(r, female ? HAIRLINE_WOMEN : HAIRLINE_MEN);
        Color hairColor = mix(HAIR[r.nextInt(HAIR.length)], SILVER, greying);
        double hairline = !female && age > 30 && r.nextDouble() < 0.1 + ageing * 0.5
                ? clamp(ageing * 0.8 + r.nextGaussian() * 0.2, 0.1, 1) : 0;
        int facialHair = 0;
        if (!female && r.nextDouble() < (age < 35 ? FACIAL_HAIR_YOUNG : FACIAL_HAIR_OLDER)) {
            facialHair = 1 + r.nextInt(4);
        }
        int glasses = r.nextDouble() < 0.1 + ageing * 0.3 ? 1 + r.nextInt(2) : 0;
        boolean earrings = r.nextDouble() < (female ? EARRINGS_WOMEN : EARRINGS_MEN);
        int ageSpots = ageing > 0.45 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 8)) : 0;

        int garment = pick(r, female ? GARMENT_WOMEN : GARMENT_MEN);
        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.7 * r.nextDouble()),
                (float) (0.2 + 0.7 * r.nextDouble()));
        Color accent = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.5 * r.nextDouble()),
                (float) (0.5 + 0.5 * r.nextDouble()));
        int scene = r.nextInt(StudioLook.SCENES.length);
        Color backdrop = Color.getHSBColor((float) r.nextDouble(), (float) (0.08 + 0.45 * r.nextDouble()),
                (float) (0.35 + 0.6 * r.nextDouble()));
        Color other = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.5 * r.nextDouble()),
                (float) (0.2 + 0.7 * r.nextDouble()));
        double keyWarmth = clamp(r.nextGaussian() * 0.45, -1, 1);
        double fill = 0.2 + r.nextDouble() * 0.6;
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, facialHair, glasses,
                earrings, ageing, ageSpots, clothing, garment, scene, backdrop, other, r.nextLong(), null,
                new StudioLook(shape, lashes, cheekbones, neckWidth, adamsApple, hairlineShape, keyWarmth, fill, sag,
                        underEye, skinTexture, accent), null, null);
    }

    /**
     * Skin as a mix of a light and a deep tone (melanin, uniform 0.05 .. 0.75) with some red (blood, N(0.3, 0.1));
     * with age less red and a little more yellow and grey.
     */
    private static Color skin(SplittableRandom r, double ageing) {
        double melanin = 0.05 + r.nextDouble() * 0.7;
        double blood = clamp(0.3 + r.nextGaussian() * 0.1 - ageing * 0.12, 0, 0.6);
        Color base = mix(LIGHT_SKIN, DEEP_SKIN, melanin);
        int red = (int) clamp(base.getRed() + blood * 30, 0, 255);
        int green = (int) clamp(base.getGreen() - blood * 14 - ageing * 6, 0, 255);
        int blue = (int) clamp(base.getBlue() - blood * 10 - ageing * 14, 0, 255);
        return new Color(red, green, blue);
    }
}
