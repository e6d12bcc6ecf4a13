package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * What the {@code studio} style draws beyond the classic {@link Appearance}. In that style some fields of the
 * appearance mean other things: {@code hairStyle} is one of {@link #HAIR_STYLES}, {@code collar} one of
 * {@link #GARMENTS}, {@code background} one of {@link #SCENES}, {@code facialHair} 1 stubble, 2 moustache,
 * 3 full beard, 4 chin beard, and {@code glasses} 1 rimless, 2 dark rectangular frames.
 *
 * @param faceShape one of {@link #FACE_SHAPES}: 0 long, 1 wide, 2 diamond, 3 pear
 * @param lashes eyelash length, 0 .. 1
 * @param cheekbones strength of the highlight on the cheekbones, 0 .. 1
 * @param neckWidth neck width as a share of the face width
 * @param adamsApple whether the throat shows an Adam's apple
 * @param hairlineShape one of {@link #HAIRLINES}: 0 rounded, 1 straight, 2 M-shaped (receded temples)
 * @param keyWarmth colour temperature of the key light, -1 (cool, blue) .. 1 (warm, tungsten)
 * @param fill strength of the fill light on the shadow side, 0 .. 1
 * @param sag how much the cheeks and jaw sag (jowls), grows with age
 * @param underEye strength of the shadows under the eyes, grows with age
 * @param skinTexture strength of the skin's pores and unevenness, grows with age
 * @param accent second clothing colour (drawstrings, blouse trim, the shirt under a coat)
 */
public record StudioLook(int faceShape, double lashes, double cheekbones, double neckWidth, boolean adamsApple,
        int hairlineShape, double keyWarmth, double fill, double sag, double underEye, double skinTexture,
        Color accent) {

    public static final String[] HAIR_STYLES = {"shaved", "short textured", "side-swept", "layered bob", "long wavy",
        "top knot"};
    public static final String[] GARMENTS = {"hoodie", "v-neck", "blouse", "polo", "coat"};
    public static final String[] SCENES = {"studio backdrop", "seamless paper", "bookshelf", "outdoors"};
    public static final String[] FACE_SHAPES = {"long", "wide", "diamond", "pear"};
    public static final String[] HAIRLINES = {"rounded", "straight", "M-shaped"};
}
