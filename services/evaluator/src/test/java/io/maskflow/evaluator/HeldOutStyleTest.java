package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.evaluator.EvaluateStep.HeldOutStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutStyleTest {

    private static final List<String> CLASSIC_AND_SNAPSHOT = List.of("classic", "snapshot");

    private static HeldOutStyle scored(String style, List<String> styles, String trainedStyle,
            List<String> trainedStyles) {
        return new HeldOutStyle(style, styles, trainedStyle, trainedStyles, null, null, 0, null, null);
    }

    private static HeldOutStyle scored(String style, String trainedStyle) {
        return scored(style, List.of(style), trainedStyle, List.of(trainedStyle));
    }

    private static HeldOutStyle onMixed(String style, List<String> mix) {
        return scored(style, List.of(style), "mixed", mix);
    }

    @Test
    void onlyATrainingSetWithoutTheStylesPersonsMakesALeaveOneStyleOutFigure() {
        assertThat(scored("snapshot", "classic").leftOut()).isTrue();
        assertThat(scored("snapshot", "classic").words()).contains("did not train on", "leave-one-style-out");
        assertThat(onMixed("classic", CLASSIC_AND_SNAPSHOT).leftOut()).isFalse();
        assertThat(onMixed("classic", CLASSIC_AND_SNAPSHOT).words())
                .isEqualTo("persons drawn in the classic style, outside the split (the training set, drawn mixed "
                        + "(classic and snapshot), has persons of this style too: no leave-one-style-out figure)");
        assertThat(scored("mixed", CLASSIC_AND_SNAPSHOT, "classic", List.of("classic")).leftOut()).isFalse();
        assertThat(scored("classic", "classic").leftOut()).isFalse();
    }

    @Test
    void aMixedTrainingSetLeavesOutTheStylesItDidNotMix() {
        assertThat(onMixed("studio", CLASSIC_AND_SNAPSHOT).leftOut()).isTrue();
        assertThat(onMixed("studio", CLASSIC_AND_SNAPSHOT).words()).isEqualTo("persons drawn in the studio style, "
                + "which the model did not train on (leave-one-style-out)");
        assertThat(onMixed("snapshot", List.of("classic", "studio")).leftOut()).isTrue();
        assertThat(onMixed("studio", List.of("classic", "snapshot", "studio")).leftOut()).isFalse();
        assertThat(onMixed("studio", List.of("classic", "snapshot", "studio")).words())
                .contains("drawn mixed (classic, snapshot and studio)");
        assertThat(scored("mixed", CLASSIC_AND_SNAPSHOT, "studio", List.of("studio")).leftOut()).isTrue();
        assertThat(scored("studio", "studio").leftOut()).isFalse();
    }

    @Test
    void ownPhotosRecordNoStyleAndAreNotCalledLeaveOneStyleOut() {
        HeldOutStyle own = scored("snapshot", List.of("snapshot"), null, null);
        assertThat(own.leftOut()).isFalse();
        assertThat(own.words())
                .isEqualTo("persons drawn in the snapshot style by the generator, outside the training data");
    }
}
