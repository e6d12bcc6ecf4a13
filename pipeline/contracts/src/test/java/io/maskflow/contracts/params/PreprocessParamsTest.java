package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessParamsTest {

    @Test
    void cropsTheCentreUnlessAskedForTheFace() {
        assertThat(PreprocessParams.DEFAULTS.crop()).isEqualTo(PreprocessParams.Crop.CENTRE);
        assertThat(PreprocessParams.DEFAULTS.cropsFaces()).isFalse();
        assertThat(PreprocessParams.DEFAULTS.faceMargin()).isEqualTo(0.25);
        PreprocessParams face = StepParameters.bind(Map.of("crop", "face", "faceMargin", 0.4),
                PreprocessParams.DEFAULTS);
        assertThat(face.cropsFaces()).isTrue();
        assertThat(face.faceMargin()).isEqualTo(0.4);
    }

    @Test
    void refusesAnUnknownCropAndAMarginOutOfRange() {
        assertThatThrownBy(() -> StepParameters.bind(Map.of("crop", "center"), PreprocessParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("crop must be one of [centre, face], got 'center'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("faceMargin", -0.1), PreprocessParams.DEFAULTS))
                .hasMessageContaining("faceMargin must be between 0 and 1");
    }

    @Test
    void readsTheParametersOfDataPreparedBeforeCropExisted() {
        // a model descriptor's preprocessing map written before crop and faceMargin existed
        PreprocessParams old = StepParameters.bind(Map.of("cropWidth", 200, "cropHeight", 300),
                PreprocessParams.DEFAULTS);
        assertThat(old.crop()).isEqualTo(PreprocessParams.Crop.CENTRE);
        assertThat(old.cropWidth()).isEqualTo(200);
    }
}
