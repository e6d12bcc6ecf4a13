package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * What the {@code sculpted} style draws beyond the classic {@link Appearance}. In that style some fields of the
 * appearance mean other things: {@code hairStyle} is one of {@link #HAIR_STYLES}, {@code collar} one of
 * {@link #GARMENTS}, {@code background} one of {@link #SCENES}, {@code facialHair} 1 for stubble (its density is
 * {@link #stubble}), {@code hairColor} the colour before greying, and {@code glasses} is not drawn.
 *
 * @param browRidge how far the brow ridge stands out of the head model, 0 .. 1
 * @param cheekFullness how full the cheeks are, 0 .. 1
 * @param neckWidth neck width as a share of the face width
 * @param makeup strength of make-up (lip tint, blush, eye shadow), 0 none .. 1
 * @param makeupColor the tint of lips and cheeks under make-up
 * @param stubble density of stubble (0 none)
 * @param wrinkles depth of the wrinkles (forehead, crow's feet, nasolabial folds), grows with age
 * @param sag how much the cheeks and jaw sag, grows with age
 * @param unevenness how uneven the skin tone is (blotches), grows with age
 * @param greying share of grey and white hair strands, grows with age
 * @param freckles density of freckles, pores and small blemishes, 0 .. 1
 * @param curl how wavy the strands are, 0 .. 1
 * @param keyWarmth colour temperature of the key light, -1 cool .. 1 warm
 * @param accent second clothing colour (print, scarf, the shirt under a cardigan)
 */
public record SculptedLook(double browRidge, double cheekFullness, double neckWidth, double makeup,
        Color makeupColor, double stubble, double wrinkles, double sag, double unevenness, double greying,
        double freckles, double curl, double keyWarmth, Color accent) {

    public static final String[] HAIR_STYLES = {"short crop", "side part", "long straight", "long wavy",
        "bun", "balding", "fringe"};
    public static final String[] GARMENTS = {"knit sweater", "collared shirt", "printed t-shirt", "scarf",
        "cardigan"};
    public static final String[] SCENES = {"blurred interior", "tiled wall", "sky and horizon", "office"};
}
