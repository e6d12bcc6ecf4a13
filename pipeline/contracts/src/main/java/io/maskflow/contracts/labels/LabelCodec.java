package io.maskflow.contracts.labels;

import java.util.Objects;

/**
 * Turns what the data set says about a photo (its file name, the person's gender and age) into one of the 18
 * classes, with configurable age cut-offs, and back.
 */
public final class LabelCodec {

    private final AgeBands bands;

    public LabelCodec(AgeBands bands) {
        this.bands = Objects.requireNonNull(bands, "bands");
    }

    /** A codec with the competition's cut-offs (30 / 60). */
    public static LabelCodec competition() {
        return new LabelCodec(AgeBands.COMPETITION);
    }

    public AgeBands bands() {
        return bands;
    }

    public Label label(Mask mask, Gender gender, int age) {
        return new Label(mask, gender, bands.groupOf(age));
    }

    /** The class of one image, e.g. {@code encode("incorrect_mask.jpg", "female", 45)}. */
    public int encode(String fileName, String gender, int age) {
        return label(Mask.fromFileName(fileName), Gender.parse(gender), age).classIndex();
    }

    public int encode(Mask mask, Gender gender, int age) {
        return label(mask, gender, age).classIndex();
    }

    public Label decode(int classIndex) {
        return Label.ofClass(classIndex);
    }
}
