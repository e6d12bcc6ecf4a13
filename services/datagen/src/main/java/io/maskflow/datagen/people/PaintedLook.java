package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * What the {@code painted} style draws beyond the classic {@link Appearance}. In that style some fields of the
 * appearance mean other things: {@code hairStyle} is one of {@link #HAIR_STYLES}, {@code collar} one of
 * {@link #GARMENTS}, {@code background} one of {@link #SCENES}, {@code facialHair} one of {@link #FACIAL_HAIR},
 * {@code hairColor} the colour before greying, and {@code glasses} 1 for thin frames.
 *
 * @param faceShape one of {@link #FACE_SHAPES}
 * @param headwear one of {@link #HEADWEAR}
 * @param headwearColor the colour of the hat, cap or scarf
 * @param neckWidth neck width as a share of the face width
 * @param makeup strength of make-up (lip colour, eye shadow, blush), 0 none .. 1
 * @param makeupColor lip and blush colour under make-up
 * @param wrinkles strength of the painted lines of age (forehead, crow's feet, folds), grows with age
 * @param sag how much cheeks and jaw sag (jowls, a lower, wider jaw line), grows with age
 * @param underEye darkness of the shadows and bags under the eyes, grows with age
 * @param texture unevenness of the skin (blotches, duller dabs), grows with age
 * @param greying how grey or white the hair is, 0 .. 1
 * @param keyWarmth the key light's colour: positive warm (amber), negative cool (blue); the fill light has the
 *     opposite tint
 * @param chiaroscuro whether the light is dramatic: a dark room, a strong key light and little fill
 * @param accent second clothing colour (the shirt under a coat, knit pattern, drawstrings)
 */
public record PaintedLook(int faceShape, int headwear, Color headwearColor, double neckWidth, double makeup,
        Color makeupColor, double wrinkles, double sag, double underEye, double texture, double greying,
        double keyWarmth, boolean chiaroscuro, Color accent) {

    public static final String[] HAIR_STYLES = {"shaved", "cropped", "side-swept", "curly afro", "bangs",
        "long straight", "braids", "updo"};
    public static final String[] GARMENTS = {"coat", "hoodie", "knit sweater", "blouse", "collared shirt",
        "tank top"};
    public static final String[] SCENES = {"colour field", "blurred interior", "outdoors", "dark studio"};
    public static final String[] FACE_SHAPES = {"long", "oval", "round", "square", "diamond"};
    public static final String[] HEADWEAR = {"none", "brimmed hat", "cap", "headscarf"};
    public static final String[] FACIAL_HAIR = {"none", "stubble", "moustache", "full beard", "goatee"};
}
