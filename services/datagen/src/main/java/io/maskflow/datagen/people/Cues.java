package io.maskflow.datagen.people;

import io.maskflow.contracts.dataset.CueTable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A person's drawing values ("cues"): what the picture shows of them, written beside train.csv in
 * {@code train/cues.csv} so the trainer can learn them as extra targets (cue supervision, its {@code cueWeight}).
 * They describe the picture, not the label: a person whose label noise made train.csv wrong keeps the values they
 * were drawn with.
 *
 * <p>Only the {@link Appearance} is needed: the style that drew a person's people part leaves its look in it
 * ({@link Appearance#look()} for {@code snapshot}, {@link Appearance#studio()}, {@link Appearance#sculpted()},
 * {@link Appearance#inked()}, {@link Appearance#painted()}, none of them for {@code classic}). In a {@code mixed}
 * set a person drawn by one style and photographed by another has the appearance of the first, so the values are
 * about the people part whatever the camera.
 */
public final class Cues {

    /**
     * The values, in this order: four flags (0 or 1) and five of the appearance's own numbers.
     * <ul>
     * <li>{@code facial_hair}: any facial hair is drawn (stubble, moustache, beard, goatee, chin beard; in
     * {@code sculpted} the stubble it draws)</li>
     * <li>{@code earrings}: earrings show (not under a {@code painted} headscarf, which hides the ears)</li>
     * <li>{@code long_hair}: the hair style hangs to the jaw or below (see {@link #longHair})</li>
     * <li>{@code makeup}: make-up or lipstick is drawn (never in {@code classic} and {@code studio})</li>
     * <li>{@code jaw}: jaw width at the chin line as a share of the face width</li>
     * <li>{@code brow_thickness}: brow thickness in pixels at 384 wide</li>
     * <li>{@code brow_arch}: how much the brows arch, 0 flat .. 1 high</li>
     * <li>{@code ageing}: the strength of the age cues, 0 young .. 1 very old</li>
     * <li>{@code hairline}: how far the hairline has receded, 0 full .. 1 bald crown</li>
     * </ul>
     */
    public static final List<String> NAMES = java.util.stream.Stream.concat(CueTable.FLAGS.stream(),
            java.util.stream.Stream.of("jaw", "brow_thickness", "brow_arch", "ageing", "hairline")).toList();

    /** How many of the first {@link #NAMES} are flags ({@link CueTable#FLAGS}), written 0 or 1. */
    public static final int FLAGS = CueTable.FLAGS.size();

    /** The header of {@code train/cues.csv}: the person's id (train.csv's {@code id}), then {@link #NAMES}. */
    public static final String CSV_HEADER = CueTable.header(CueTable.TRAIN_KEY, NAMES);

    /*
     * The hair styles that hang to the jaw or below, per style; tied back, ponytail, bun, updo, top knot, short and
     * curled-up styles (the painted afro, the snapshot and inked curly) do not count.
     * classic (Appearance#hairStyle): 3 long, 4 long with fringe.
     * snapshot (Look.HAIR_STYLES): bob, long.
     * studio (StudioLook.HAIR_STYLES): layered bob (to about the jaw), long wavy.
     * sculpted (SculptedLook.HAIR_STYLES): long straight, long wavy, fringe (a bob with bangs, to the jaw).
     * inked (InkedLook.HAIR_STYLES): bob, long.
     * painted (PaintedLook.HAIR_STYLES): bangs (a bob with a fringe), long straight, braids (two, hanging in front
     * of the shoulders beside the face); none under a headscarf, which hides the hair.
     */
    private static final boolean[] CLASSIC_LONG = {false, false, false, true, true, false};
    private static final boolean[] SNAPSHOT_LONG = longStyles(Look.HAIR_STYLES, "bob", "long");
    private static final boolean[] STUDIO_LONG = longStyles(StudioLook.HAIR_STYLES, "layered bob", "long wavy");
    private static final boolean[] SCULPTED_LONG = longStyles(SculptedLook.HAIR_STYLES, "long straight",
            "long wavy", "fringe");
    private static final boolean[] INKED_LONG = longStyles(InkedLook.HAIR_STYLES, "bob", "long");
    private static final boolean[] PAINTED_LONG = longStyles(PaintedLook.HAIR_STYLES, "bangs", "long straight",
            "braids");
    /** {@link PaintedLook#HEADWEAR}'s headscarf, which hides the hair and the ears. */
    private static final int HEADSCARF = List.of(PaintedLook.HEADWEAR).indexOf("headscarf");

    private Cues() {
    }

    /** The person's values in the order of {@link #NAMES}. */
    public static double[] of(Appearance a) {
        return new double[] {
            flag(a.facialHair() > 0),
            flag(a.earrings() && !headscarf(a)),
            flag(longHair(a)),
            flag(makeup(a)),
            a.jaw(),
            a.browThickness(),
            a.browArch(),
            a.ageing(),
            a.hairline(),
        };
    }

    /** The person's row of {@code train/cues.csv} (no line end): {@code id}, then the values of {@link #of}. */
    public static String csvLine(String id, Appearance a) {
        double[] values = of(a);
        StringBuilder line = new StringBuilder(id);
        for (int i = 0; i < values.length; i++) {
            line.append(',');
            line.append(i < FLAGS ? Integer.toString((int) values[i]) : String.format(Locale.ROOT, "%.4f",
                    values[i]));
        }
        return line.toString();
    }

    /** Whether the person's hair hangs to the jaw or below, in the style that drew them (see the table above). */
    static boolean longHair(Appearance a) {
        boolean[] hanging;
        if (a.look() != null) {
            hanging = SNAPSHOT_LONG;
        } else if (a.studio() != null) {
            hanging = STUDIO_LONG;
        } else if (a.sculpted() != null) {
            hanging = SCULPTED_LONG;
        } else if (a.inked() != null) {
            hanging = INKED_LONG;
        } else if (a.painted() != null) {
            hanging = PAINTED_LONG;
        } else {
            hanging = CLASSIC_LONG;
        }
        return !headscarf(a) && a.hairStyle() >= 0 && a.hairStyle() < hanging.length && hanging[a.hairStyle()];
    }

    /** Lipstick in {@code snapshot}, make-up of any strength in {@code sculpted}, {@code inked} and {@code painted}. */
    private static boolean makeup(Appearance a) {
        if (a.look() != null) {
            return a.look().lipstick();
        }
        if (a.sculpted() != null) {
            return a.sculpted().makeup() > 0;
        }
        if (a.inked() != null) {
            return a.inked().makeup() > 0;
        }
        return a.painted() != null && a.painted().makeup() > 0;
    }

    private static boolean headscarf(Appearance a) {
        return a.painted() != null && a.painted().headwear() == HEADSCARF;
    }

    private static double flag(boolean on) {
        return on ? 1 : 0;
    }

    /** Which of a style's hair styles are long, by name; a name the list lacks is a mistake here. */
    private static boolean[] longStyles(String[] styles, String... longOnes) {
        boolean[] hanging = new boolean[styles.length];
        for (String name : longOnes) {
            int index = Arrays.asList(styles).indexOf(name);
            if (index < 0) {
                throw new IllegalStateException("no hair style '" + name + "' among " + Arrays.toString(styles));
            }
            hanging[index] = true;
        }
        return hanging;
    }
}
