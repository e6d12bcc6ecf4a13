package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.json.EventCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamBuildersTest {

    @Test
    void aBuilderStartsAtTheDefaultsAndChangesOnlyWhatItIsTold() {
        DatagenParams datagen = DatagenParams.builder().persons(7).style(DatagenParams.Style.MIXED).build();
        assertThat(datagen).isEqualTo(StepParameters.bind(Map.of("persons", 7, "style", "mixed"),
                DatagenParams.DEFAULTS));
        assertThat(datagen.toBuilder().build()).isEqualTo(datagen);

        PreprocessParams preprocess = PreprocessParams.builder().crop(PreprocessParams.Crop.FACE).folds(3).build();
        assertThat(preprocess).isEqualTo(StepParameters.bind(Map.of("crop", "face", "folds", 3),
                PreprocessParams.DEFAULTS));
        assertThat(preprocess.toBuilder().build()).isEqualTo(preprocess);
    }

    @Test
    void theDefaultsAreWrittenWithTheSameWordsAsBefore() {
        Map<String, Object> datagen = EventCodec.instance().mapper().convertValue(DatagenParams.DEFAULTS,
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
        assertThat(datagen).containsEntry("style", "classic").containsEntry("demographics", "competition")
                .containsEntry("persons", 60);
        Map<String, Object> preprocess = EventCodec.instance().mapper().convertValue(PreprocessParams.DEFAULTS,
                new com.fasterxml.jackson.core.type.TypeReference<>() { });
        assertThat(preprocess).containsEntry("crop", "centre").containsEntry("imageSize", 96);
    }

    @Test
    void aBuilderChecksWhatItBuilds() {
        assertThatThrownBy(() -> DatagenParams.builder().persons(0).build())
                .hasMessageContaining("persons must be between 1 and 100000");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("style", "sketch"), DatagenParams.DEFAULTS))
                .hasMessage("style must be one of [classic, inked, mixed, painted, sculpted, snapshot, "
                        + "studio], got 'sketch'");
        assertThatThrownBy(() -> DatagenParams.builder().style(null).build())
                .hasMessage("style must be one of [classic, inked, mixed, painted, sculpted, snapshot, studio], "
                        + "got 'null'");
    }

    @Test
    void aMixNamesAtLeastTwoSingleStylesOnceEachAndIsKeptInOneOrder() {
        DatagenParams studioAndClassic = StepParameters.bind(Map.of("style", "mixed", "mixStyles",
                " studio, classic"), DatagenParams.DEFAULTS);
        assertThat(studioAndClassic.mixStyles()).isEqualTo("classic,studio");
        assertThat(studioAndClassic.styles()).containsExactly(DatagenParams.Style.CLASSIC,
                DatagenParams.Style.STUDIO);
        assertThat(DatagenParams.DEFAULTS.mixStyles()).isEqualTo("classic,snapshot");
        DatagenParams four = StepParameters.bind(Map.of("style", "mixed", "mixStyles",
                "sculpted,studio,snapshot,classic"), DatagenParams.DEFAULTS);
        assertThat(four.mixStyles()).isEqualTo("classic,snapshot,studio,sculpted");
        DatagenParams five = StepParameters.bind(Map.of("style", "mixed", "mixStyles",
                "inked,sculpted,studio,snapshot,classic"), DatagenParams.DEFAULTS);
        assertThat(five.mixStyles()).isEqualTo("classic,snapshot,studio,sculpted,inked");
        assertThat(five.styles()).hasSize(5).endsWith(DatagenParams.Style.INKED);
        DatagenParams six = StepParameters.bind(Map.of("style", "mixed", "mixStyles",
                "painted,inked,sculpted,studio,snapshot,classic"), DatagenParams.DEFAULTS);
        assertThat(six.mixStyles()).isEqualTo("classic,snapshot,studio,sculpted,inked,painted");
        assertThat(six.styles()).hasSize(6).endsWith(DatagenParams.Style.PAINTED);
        assertThat(StepParameters.bind(Map.of("style", "inked"), DatagenParams.DEFAULTS).styles())
                .containsExactly(DatagenParams.Style.INKED);
        assertThat(DatagenParams.DEFAULTS.styles()).containsExactly(DatagenParams.Style.CLASSIC);
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("classic").build())
                .hasMessage("mixStyles must name at least two styles to mix, got 'classic'");
        String singles = "mixStyles must name two or more of the single styles [classic, snapshot, studio, sculpted, "
                + "inked, painted], comma-separated; got ";
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("classic,mixed").build())
                .hasMessage(singles + "'mixed' in 'classic,mixed'");
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("classic,classic").build())
                .hasMessage("mixStyles names classic twice: 'classic,classic'");
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("classic,sketch").build())
                .hasMessage(singles + "'sketch' in 'classic,sketch'");
        // the single styles only: until 2026-12-07 an empty or blank value was told it could be 'mixed'
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles(null).build()).hasMessage(singles + "'' in ''");
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("  ").build()).hasMessage(singles + "'' in '  '");
        assertThatThrownBy(() -> DatagenParams.builder().mixStyles("classic,,snapshot").build())
                .hasMessage(singles + "'' in 'classic,,snapshot'");
        assertThat(DatagenParams.builder().mixStyles(" snapshot , classic ").build().mixStyles())
                .isEqualTo("classic,snapshot");
    }
}
