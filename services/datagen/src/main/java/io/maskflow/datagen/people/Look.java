package io.maskflow.datagen.people;

import java.awt.Color;

/**
 * What the {@code snapshot} style draws beyond the classic {@link Appearance}. In that style some fields of the
 * appearance mean other things: {@code hairStyle} is one of {@link #HAIR_STYLES}, {@code collar} one of
 * {@link #GARMENTS}, {@code background} one of {@link #SCENES} and {@code facialHair} also has 4 (goatee).
 *
 * @param faceShape 0 oval, 1 round, 2 square, 3 heart
 * @param lipstick whether the lips are painted (a strong colour)
 * @param blush strength of the cheek colour, 0 .. 1
 * @param pattern clothing pattern: 0 plain, 1 stripes, 2 dots
 * @param accent second clothing colour (pattern, scarf, lapels)
 * @param skinTexture strength of the skin's blotches, grows with age
 */
public record Look(int faceShape, boolean lipstick, double blush, int pattern, Color accent, double skinTexture) {

    public static final String[] HAIR_STYLES = {"crop", "side part", "curly", "bob", "ponytail", "long", "bun"};
    public static final String[] GARMENTS = {"t-shirt", "jacket", "turtleneck", "shirt", "scarf"};
    public static final String[] SCENES = {"wall and floor", "window", "bokeh", "wallpaper"};
    public static final String[] FACE_SHAPES = {"oval", "round", "square", "heart"};
}
