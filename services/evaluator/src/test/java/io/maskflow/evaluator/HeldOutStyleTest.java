package io.maskflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.evaluator.EvaluateStep.HeldOutStyle;
import org.junit.jupiter.api.Test;

class HeldOutStyleTest {

    private static HeldOutStyle scored(String style, String trainedStyle) {
        return new HeldOutStyle(style, trainedStyle, null, null, 0);
    }

    @Test
    void onlyATrainingSetOfOneOtherStyleMakesALeaveOneStyleOutFigure() {
        assertThat(scored("snapshot", "classic").leftOut()).isTrue();
        assertThat(scored("snapshot", "classic").words()).contains("did not train on", "leave-one-style-out");
        assertThat(scored("classic", "mixed").leftOut()).isFalse();
        assertThat(scored("classic", "mixed").words())
                .isEqualTo("persons drawn in the classic style, outside the split (the training set, drawn mixed, "
                        + "has this style too: no leave-one-style-out figure)");
        assertThat(scored("mixed", "classic").leftOut()).isFalse();
        assertThat(scored("classic", "classic").leftOut()).isFalse();
    }

    @Test
    void aMixedTrainingSetHasOnlyClassicAndSnapshotPersonsSoStudioIsLeftOut() {
        assertThat(scored("studio", "mixed").leftOut()).isTrue();
        assertThat(scored("studio", "mixed").words()).isEqualTo("persons drawn in the studio style, which the model "
                + "did not train on (leave-one-style-out)");
        assertThat(scored("studio", "classic").leftOut()).isTrue();
        assertThat(scored("mixed", "studio").leftOut()).isTrue();
        assertThat(scored("snapshot", "mixed").leftOut()).isFalse();
        assertThat(scored("studio", "studio").leftOut()).isFalse();
    }

    @Test
    void ownPhotosRecordNoStyleAndAreNotCalledLeaveOneStyleOut() {
        assertThat(scored("snapshot", null).leftOut()).isFalse();
        assertThat(scored("snapshot", null).words())
                .isEqualTo("persons drawn in the snapshot style by the generator, outside the training data");
    }
}
