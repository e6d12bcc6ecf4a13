package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * What the {@code inked} style draws beyond the classic {@link Appearance}. In that style some fields of the
 * appearance mean other things: {@code hairStyle} is one of {@link #HAIR_STYLES}, {@code collar} one of
 * {@link #GARMENTS}, {@code background} one of {@link #SCENES}, {@code facialHair} one of {@link #FACIAL_HAIR},
 * {@code hairColor} the colour before greying, and {@code glasses} 1 for round ink frames.
 *
 * @param faceShape one of {@link #FACE_SHAPES}
 * @param neckWidth neck width as a share of the face width
 * @param lashes length of the eyelash strokes, 0 .. 1
 * @param adamsApple whether the throat shows an Adam's apple line
 * @param makeup strength of make-up (coloured lips, eyeliner wing, blush hatching), 0 none .. 1
 * @param makeupColor lip colour under make-up
 * @param lines strength of the ink lines of age (forehead, crow's feet, folds, neck), grows with age
 * @param sag how much cheeks and jaw sag (jowls, a lower, wider jaw line), grows with age
 * @param greying how grey or white the hair is, 0 .. 1
 * @param shading 0 cel shading (flat tones, hard shadow edges), 1 hatching, 2 both
 * @param pen the artist's line weight, a factor around 1
 * @param ink the colour of the ink
 * @param paper the colour of the page
 * @param accent second clothing colour (stripes, the shirt under a jacket, a bow)
 */
public record InkedLook(int faceShape, double neckWidth, double lashes, boolean adamsApple, double makeup,
        Color makeupColor, double lines, double sag, double greying, int shading, double pen, Color ink, Color paper,
        Color accent) {

    public static final String[] HAIR_STYLES = {"crew cut", "spiky", "swept quiff", "bob", "long", "ponytail",
        "curly"};
    public static final String[] GARMENTS = {"t-shirt", "collared shirt", "jacket", "striped sweater", "blouse"};
    public static final String[] SCENES = {"paper", "halftone panel", "drawn room", "drawn outdoors"};
    public static final String[] FACE_SHAPES = {"egg", "long", "pointed", "round"};
    public static final String[] FACIAL_HAIR = {"none", "stubble", "moustache", "goatee", "full beard"};
}
