package io.maskflow.datagen.masks;

import java.util.Locale;

/** The kinds of mask the generator draws. */
public enum MaskType {
    SURGICAL,
    N95,
    KN95,
    CLOTH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MaskType fromId(String id) {
        for (MaskType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown mask type '" + id + "'; known: surgical, n95, kn95, cloth");
    }
}
