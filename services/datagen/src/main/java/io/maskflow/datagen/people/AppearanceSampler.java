package io.maskflow.datagen.people;

import io.maskflow.contracts.labels.Gender;
import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Draws an {@link Appearance} for a person of a given gender and age. Gender shifts the odds of cues (hair
 * length, facial hair, brow thickness, jaw, earrings) without deciding any of them; age acts through one
 * continuous {@code ageing} value plus greying and a receding hairline, each with its own per-person scatter, so
 * that people a year either side of a cut-off look alike.
 */
public final class AppearanceSampler {

    private static final Color[] HAIR = {
        new Color(20, 18, 18), new Color(35, 28, 24), new Color(52, 38, 30), new Color(70, 50, 36),
        new Color(96, 70, 48), new Color(30, 30, 36),
    };
    private static final Color[] EYES = {new Color(40, 28, 20), new Color(60, 40, 25), new Color(30, 25, 25)};
    private static final Color GREY = new Color(200, 200, 204);

    public Appearance sample(Gender gender, int age, SplittableRandom r) {
        boolean female = gender == Gender.FEMALE;
        double ageing = clamp((age - 20) / 52.0 + r.nextGaussian() * 0.06, 0, 1);
        double greying = clamp(Math.pow(clamp((age - 32) / 38.0 + r.nextGaussian() * 0.12, 0, 1), 1.3), 0, 1);

        double faceWidth = clamp(0.195 + (female ? -0.004 : 0.006) + r.nextGaussian() * 0.012, 0.16, 0.24);
        double faceRatio = clamp(1.32 + r.nextGaussian() * 0.07 + ageing * 0.05, 1.15, 1.55);
        double jaw = clamp((female ? 0.60 : 0.68) + r.nextGaussian() * 0.06 + ageing * 0.06, 0.48, 0.88);

        Color skin = skin(r, ageing);
        double eyeSize = clamp(0.30 + r.nextGaussian() * 0.03 - ageing * 0.03, 0.2, 0.4);
        double brow = clamp((female ? 2.4 : 3.3) + r.nextGaussian() * 0.7, 1.2, 5.5);
        double browArch = clamp((female ? 0.55 : 0.35) + r.nextGaussian() * 0.18, 0, 1);
        double noseWidth = clamp(0.36 + (female ? -0.02 : 0.02) + r.nextGaussian() * 0.04 + ageing * 0.03, 0.25, 0.5);
        Color lips = lips(r, female, ageing);
        double lipFullness = clamp((female ? 0.085 : 0.072) + r.nextGaussian() * 0.012 - ageing * 0.015, 0.04, 0.12);

        int hairStyle = hairStyle(r, female);
        Color hairColor = mix(HAIR[r.nextInt(HAIR.length)], GREY, greying);
        double hairline = !female && age > 38 && r.nextDouble() < 0.15 + ageing * 0.45
                ? clamp(ageing * 0.9 + r.nextGaussian() * 0.15, 0.1, 1) : 0;
        int facialHair = 0;
        if (!female && r.nextDouble() < 0.32) {
            facialHair = 1 + r.nextInt(3);
        }
        int glasses = r.nextDouble() < 0.18 + ageing * 0.15 ? 1 + r.nextInt(2) : 0;
        boolean earrings = r.nextDouble() < (female ? 0.25 : 0.03);
        int ageSpots = ageing > 0.45 && r.nextDouble() < ageing ? r.nextInt(1 + (int) (ageing * 8)) : 0;

        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.6 * r.nextDouble()),
                (float) (0.2 + 0.7 * r.nextDouble()));
        int collar = r.nextInt(4);
        int background = r.nextInt(3);
        Color backgroundA = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.35 * r.nextDouble()),
                (float) (0.45 + 0.5 * r.nextDouble()));
        Color backgroundB = Color.getHSBColor((float) r.nextDouble(), (float) (0.05 + 0.35 * r.nextDouble()),
                (float) (0.35 + 0.6 * r.nextDouble()));
        return new Appearance(faceWidth, faceRatio, jaw, skin, eyeSize, EYES[r.nextInt(EYES.length)], brow,
                browArch, noseWidth, lips, lipFullness, hairStyle, hairColor, hairline, facialHair, glasses,
                earrings, ageing, ageSpots, clothing, collar, background, backgroundA, backgroundB, r.nextLong(),
                null, null, null, null);
    }

    private static int hairStyle(SplittableRandom r, boolean female) {
        double[] odds = female
                ? new double[] {0.02, 0.13, 0.22, 0.30, 0.18, 0.15}
                : new double[] {0.22, 0.46, 0.20, 0.06, 0.03, 0.03};
        double pick = r.nextDouble();
        for (int style = 0; style < odds.length; style++) {
            pick -= odds[style];
            if (pick < 0) {
                return style;
            }
        }
        return 1;
    }

    private static Color skin(SplittableRandom r, double ageing) {
        float hue = (float) (0.055 + r.nextGaussian() * 0.008);
        float saturation = (float) clamp(0.34 + r.nextGaussian() * 0.05 - ageing * 0.06, 0.15, 0.55);
        float brightness = (float) clamp(0.86 + r.nextGaussian() * 0.06 - ageing * 0.07, 0.5, 0.98);
        return Color.getHSBColor(hue, saturation, brightness);
    }

    private static Color lips(SplittableRandom r, boolean female, double ageing) {
        float saturation = (float) clamp((female ? 0.45 : 0.36) + r.nextGaussian() * 0.08 - ageing * 0.1, 0.15, 0.7);
        float brightness = (float) clamp(0.68 + r.nextGaussian() * 0.06, 0.45, 0.85);
        return Color.getHSBColor((float) (0.99 + r.nextGaussian() * 0.01) % 1f, saturation, brightness);
    }

    public static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    public static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
