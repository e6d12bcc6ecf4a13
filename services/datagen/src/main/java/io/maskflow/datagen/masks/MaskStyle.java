package io.maskflow.datagen.masks;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * One mask's look.
 *
 * @param type the kind of mask
 * @param color main colour
 * @param accent second colour of patterned cloth masks, and of straps
 * @param pattern cloth only: 0 solid, 1 stripes, 2 dots, 3 checks
 * @param valve N95 only: whether it has an exhalation valve
 */
public record MaskStyle(MaskType type, Color color, Color accent, int pattern, boolean valve) {

    private static final Color[] SURGICAL = {
        new Color(150, 196, 226), new Color(240, 242, 244), new Color(38, 40, 44), new Color(236, 184, 200),
        new Color(170, 220, 200), new Color(120, 124, 130),
    };
    private static final Color[] RESPIRATOR = {
        new Color(244, 244, 240), new Color(236, 234, 226), new Color(40, 40, 44), new Color(120, 150, 190),
    };

    /** A random look of the given type. */
    public static MaskStyle random(MaskType type, SplittableRandom r) {
        return switch (type) {
            case SURGICAL -> new MaskStyle(type, SURGICAL[r.nextInt(SURGICAL.length)], Color.WHITE, 0, false);
            case N95 -> new MaskStyle(type, RESPIRATOR[r.nextInt(RESPIRATOR.length)], new Color(60, 90, 160), 0,
                    r.nextDouble() < 0.4);
            case KN95 -> new MaskStyle(type, RESPIRATOR[r.nextInt(RESPIRATOR.length)], Color.WHITE, 0, false);
            case CLOTH -> new MaskStyle(type, Color.getHSBColor((float) r.nextDouble(),
                    (float) (0.2 + 0.7 * r.nextDouble()), (float) (0.25 + 0.7 * r.nextDouble())),
                    Color.getHSBColor((float) r.nextDouble(), (float) (0.2 + 0.6 * r.nextDouble()),
                            (float) (0.5 + 0.5 * r.nextDouble())), r.nextInt(4), false);
        };
    }
}
