package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * Everything that makes one person look like themselves in all seven photos. Gender and age act only through
 * these values, and each is drawn with overlap between groups (see docs/datagen.md), so no single value
 * gives a label away.
 *
 * @param faceWidth half-width of the face as a share of the photo width
 * @param faceRatio face height over face width
 * @param jaw jaw width at the chin line, as a share of the face width (0.5 pointed .. 0.85 square)
 * @param skin skin colour
 * @param eyeSize eye width as a share of the face half-width
 * @param eyeColor iris colour
 * @param browThickness brow thickness in pixels at 384 wide
 * @param browArch how much the brows arch (0 flat .. 1 high)
 * @param noseWidth nose width as a share of the face half-width
 * @param lipColor lip colour
 * @param lipFullness lip height as a share of the face half-height
 * @param hairStyle 0 buzz, 1 short, 2 medium, 3 long, 4 long with fringe, 5 tied back
 * @param hairColor hair colour after greying
 * @param hairline how far the hairline has receded (0 full .. 1 bald crown)
 * @param facialHair 0 none, 1 stubble, 2 moustache, 3 beard
 * @param glasses 0 none, 1 thin frames, 2 thick frames
 * @param earrings whether earrings show
 * @param ageing overall strength of age cues, 0 (young) .. 1 (very old), continuous in age
 * @param ageSpots number of age spots
 * @param clothing clothing colour
 * @param collar 0 round neck, 1 v-neck, 2 shirt collar, 3 hoodie
 * @param background 0 plain, 1 gradient, 2 textured
 * @param backgroundA first background colour
 * @param backgroundB second background colour
 * @param textureSeed seed of the background texture and skin grain
 * @param look what only the {@code snapshot} style draws (null in the other styles)
 * @param studio what only the {@code studio} style draws (null in the other styles)
 * @param sculpted what only the {@code sculpted} style draws (null in the other styles)
 * @param inked what only the {@code inked} style draws (null in the other styles)
 * @param painted what only the {@code painted} style draws (null in the other styles)
 */
public record Appearance(
        double faceWidth, double faceRatio, double jaw, Color skin, double eyeSize, Color eyeColor,
        double browThickness, double browArch, double noseWidth, Color lipColor, double lipFullness,
        int hairStyle, Color hairColor, double hairline, int facialHair, int glasses, boolean earrings,
        double ageing, int ageSpots, Color clothing, int collar, int background, Color backgroundA,
        Color backgroundB, long textureSeed, Look look, StudioLook studio, SculptedLook sculpted,
        InkedLook inked, PaintedLook painted) {

    /** An appearance of one of the styles before {@code painted}, which has no {@link PaintedLook}. */
    public Appearance(double faceWidth, double faceRatio, double jaw, Color skin, double eyeSize, Color eyeColor,
            double browThickness, double browArch, double noseWidth, Color lipColor, double lipFullness,
            int hairStyle, Color hairColor, double hairline, int facialHair, int glasses, boolean earrings,
            double ageing, int ageSpots, Color clothing, int collar, int background, Color backgroundA,
            Color backgroundB, long textureSeed, Look look, StudioLook studio, SculptedLook sculpted,
            InkedLook inked) {
        this(faceWidth, faceRatio, jaw, skin, eyeSize, eyeColor, browThickness, browArch, noseWidth, lipColor,
                lipFullness, hairStyle, hairColor, hairline, facialHair, glasses, earrings, ageing, ageSpots, clothing,
                collar, background, backgroundA, backgroundB, textureSeed, look, studio, sculpted, inked, null);
    }
}
