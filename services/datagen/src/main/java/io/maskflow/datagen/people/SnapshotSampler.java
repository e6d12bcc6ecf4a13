package io.maskflow.datagen.people;

import static io.maskflow.datagen.people.AppearanceSampler.clamp;
import static io.maskflow.datagen.people.AppearanceSampler.mix;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} (with its {@link Look}) for the {@code snapshot} style. Gender acts through several
 * independent cues, each only shifting odds (hair style, face shape, brows, facial hair, clothing, lipstick,
 * earrings); age through wrinkles (from {@code ageing}), greying (its own scatter), skin colour and texture, face
 * proportions and a receding hairline. The odds are the ones docs/datagen.md lists; keep the two in step.
 */
public final class SnapshotSampler {

    /** Odds of each of {@link Look#HAIR_STYLES}: crop, side part, curly, bob, ponytail, long, bun. */
    static final double[] HAIR_WOMEN = {0.08, 0.07, 0.12, 0.22, 0.17, 0.24, 0.10};
    static final double[] HAIR_MEN = {0.38, 0.28, 0.14, 0.06, 0.04, 0.06, 0.04};
    /** Odds of each of {@link Look#FACE_SHAPES}: oval, round, square, heart. */
    static final double[] SHAPE_WOMEN = {0.40, 0.25, 0.10, 0.25};
    static final double[] SHAPE_MEN = {0.30, 0.20, 0.40, 0.10};
    /** Odds of each of {@link Look#GARMENTS}: t-shirt, jacket, turtleneck, shirt, scarf. */
    static final double[] GARMENT_WOMEN = {0.25, 0.15, 0.20, 0.15, 0.25};
    static final double[] GARMENT_MEN = {0.30, 0.30, 0.15, 0.22, 0.03};
    /** Facial hair (stubble, moustache, beard, goatee) for men under 35 and from 35. */
    static final double FACIAL_HAIR_YOUNG = 0.18;
    static final double FACIAL_HAIR_OLDER = 0.40;
    static final double LIPSTICK_WOMEN = 0.35;
    static final double LIPSTICK_MEN = 0.02;
    static final double EARRINGS_WOMEN = 0.30;
    static final double EARRINGS_MEN = 0.04;

    private static final Color[] HAIR = {
        new Color(14, 12, 14), new Color(40, 30, 22), new Color(62, 42, 28), new Color(88, 58, 34),
        new Color(120, 84, 52), new Color(26, 24, 34), new Color(70, 40, 30),
    };
    private static final Color[] EYES = {new Color(30, 20, 14), new Color(70, 46, 26), new Color(50, 36, 30)};
    private static final Color WHITE_HAIR = new Color(226, 224, 220);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 18) / 50.0 + r.nextGaussian() * 0.08, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 30) / 36.0 + r.nextGaussian() * 0.15, 0, 1), 1.6), 0, 1);

        int shape = pick(r, female ? SHAPE_WOMEN : SHAPE_MEN);
        double faceWidth = clamp(0.185 + (female ? -0.003 : 0.005) + r.nextGaussian() * 0.014, 0.15, 0.235);
        double faceRatio = clamp(1.28 + r.nextGaussian() * 0.08 + ageing * 0.06, 1.1, 1.55);
        double jaw = clamp((female ? 0.62 : 0.70) + r.nextGaussian() * 0.07 + ageing * 0.05, 0.45, 0.9);

        double skinTexture = clamp(ageing * 0.8 + r.nextGaussian() * 0.1, 0, 1);
        Color skin = skin(r, ageing);
        double eyeSize = clamp(0.33 + r.nextGaussian() * 0.035 - ageing * 0.04, 0.2, 0.45);
        double brow = clamp((female ? 2.6 : 3.4) + r.nextGaussian() * 0.8, 1.2, 6);
        double browArch = clamp((female ? 0.5 : 0.3) + r.nextGaussian() * 0.2, 0, 1);
        double noseWidth = clamp(0.38 + (female ? -0.02 : 0.02) + r.nextGaussian() * 0.05 + ageing * 0.03, 0.25,
                0.55);
        boolean lipstick = r.nextDouble() < (female ? LIPSTICK_WOMEN : LIPSTICK_MEN);
        Color lips = lipstick
                ? Color.getHSBColor((float) (0.97 + r.nextDouble() * 0.05) % 1f, 0.55f + 0.3f * (float) r.nextDouble(),
                        0.45f + 0.3f * (float) r.nextDouble())
                : Color.getHSBColor(0.01f, (float) clamp(0.35 + r.nextGaussian() * 0.07 - ageing * 0.12, 0.12, 0.6),
                        (float) clamp(0.66 + r.nextGaussian() * 0.06, 0.4, 0.85));
        double lipFullness = clamp(0.08 + r.nextGaussian() * 0.014 - ageing * 0.02, 0.035, 0.12);

        int hairStyle = pick(r, female ? HAIR_WOMEN : HAIR_MEN);
        Color hairColor = mix(HAIR[r.nextInt(HAIR.length)], WHITE_HAIR, greying);
        double hairline = !female && age > 35 && r.nextDouble() < 0.1 + ageing * 0.5
                ? clamp(ageing * 0.8 + r.nextGaussian() * 0.2, 0.1, 1) : 0;
        int facialHair = 0;
        if (!female && r.nextDouble() < (age < 35 ? FACIAL_HAIR_YOUNG : FACIAL_HAIR_OLDER)) {
            facialHair = 1 + r.nextInt(4);
        }
        int glasses = r.nextDouble() < 0.12 + ageing * 0.25 ? 1 + r.nextInt(2) : 0;
        boolean earrings = r.nextDouble() < (female ? EARRINGS_WOMEN : EARRINGS_MEN);
        int ageSpots = ageing > 0.4 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 10)) : 0;

        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.8 * r.nextDouble()),
                (float) (0.15 + 0.8 * r.nextDouble()));
        Color accent = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.7 * r.nextDouble()),
                (float) (0.3 + 0.7 * r.nextDouble()));
        int garment = pick(r, female ? GARMENT_WOMEN : GARMENT_MEN);
        int pattern = r.nextInt(3);
        int scene = r.nextInt(Look.SCENES.length);
        Color wall = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.5 * r.nextDouble()),
                (float) (0.3 + 0.65 * r.nextDouble()));
        Color other = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.6 * r.nextDouble()),
                (float) (0.15 + 0.8 * r.nextDouble()));
        double blush = clamp(r.nextDouble() * 0.6 + (female ? 0.15 : 0), 0, 1);
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, facialHair, glasses,
                earrings, ageing, ageSpots, clothing, garment, scene, wall, other, r.nextLong(),
                new Look(shape, lipstick, blush, pattern, accent, skinTexture), null, null, null);
    }

    /** A wider range of skin than the classic style's, paler and greyer with age. */
    private static Color skin(SplittableRandom r, double ageing) {
        float hue = (float) (0.06 + r.nextGaussian() * 0.012);
        float saturation = (float) clamp(0.30 + r.nextGaussian() * 0.07 - ageing * 0.08, 0.1, 0.6);
        float brightness = (float) clamp(0.80 + r.nextGaussian() * 0.09 - ageing * 0.05, 0.4, 0.98);
        return Color.getHSBColor(hue, saturation, brightness);
    }

    static int pick(SplittableRandom r, double[] odds) {
        double pick = r.nextDouble();
        for (int i = 0; i < odds.length; i++) {
            pick -= odds[i];
            if (pick < 0) {
                return i;
            }
        }
        return odds.length - 1;
    }
}
