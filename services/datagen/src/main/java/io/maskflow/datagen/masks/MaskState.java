package io.maskflow.datagen.masks;

import java.util.Locale;

/** Where the mask sits on the face. */
public enum MaskState {
    /** From the nose bridge to under the chin: label "worn correctly" (mask1 .. mask5). */
    CORRECT,
    /** Below the nose, over mouth and chin: label "worn incorrectly". */
    NOSE_EXPOSED,
    /** Over the mouth only, nose and chin free: label "worn incorrectly". */
    MOUTH_ONLY,
    /** Pulled down onto the chin: label "worn incorrectly". */
    CHIN_ONLY;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static MaskState fromId(String id) {
        for (MaskState state : values()) {
            if (state.id().equals(id)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown mask state '" + id
                + "'; known: correct, nose-exposed, mouth-only, chin-only");
    }
}
