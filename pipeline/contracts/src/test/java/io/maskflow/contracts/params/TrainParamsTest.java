package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.json.EventCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainParamsTest {

    @Test
    void theDefaultsAreAnUntouchedBuildersAndKeepTheirWords() {
        assertThat(TrainParams.builder().build()).isEqualTo(TrainParams.DEFAULTS);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = EventCodec.instance().mapper().convertValue(TrainParams.DEFAULTS, Map.class);
        assertThat(json).containsEntry("architecture", "compact-cnn").containsEntry("heads", "three")
                .containsEntry("loss", "cross-entropy").containsEntry("classWeights", "none")
                .containsEntry("sampling", "shuffle").containsEntry("mix", "none").containsEntry("optimizer", "adamw")
                .containsEntry("schedule", "cosine").containsEntry("epochs", 5).containsEntry("seed", 42L);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        TrainParams params = TrainParams.DEFAULTS.toBuilder().epochs(2).schedule(TrainParams.Schedule.ONE_CYCLE)
                .build();
        assertThat(params.epochs()).isEqualTo(2);
        assertThat(params.schedule().id()).isEqualTo("one-cycle");
        assertThat(params.toBuilder().epochs(TrainParams.DEFAULTS.epochs()).schedule(TrainParams.Schedule.COSINE)
                .build()).isEqualTo(TrainParams.DEFAULTS);
    }

    @Test
    void everyWordBindsToItsConstantAndBack() {
        Map<String, Object> words = Map.of("architecture", "mobilenet-v2", "heads", "single", "loss", "focal",
                "classWeights", "balanced", "sampling", "weighted", "mix", "cutmix", "optimizer", "sgd",
                "schedule", "one-cycle");
        TrainParams params = StepParameters.bind(words, TrainParams.DEFAULTS);
        assertThat(params.architecture()).isEqualTo(TrainParams.Architecture.MOBILENET_V2);
        assertThat(params.loss()).isEqualTo(TrainParams.Loss.FOCAL);
        assertThat(params.mix()).isEqualTo(TrainParams.Mix.CUTMIX);
        assertThat(EventCodec.instance().mapper().convertValue(params, Map.class)).containsAllEntriesOf(words);
    }

    @Test
    void theBuilderRunsTheRecordsChecks() {
        assertThatThrownBy(() -> TrainParams.builder().epochs(0).build()).hasMessageContaining("epochs must be");
        assertThatThrownBy(() -> TrainParams.builder().heads(null).build())
                .hasMessage("heads must be one of [single, three], got 'null'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("mix", "blend"), TrainParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("TrainParams: mix must be one of [cutmix, mixup, none], got 'blend'");
    }

    @Test
    void theArchitecturesAreTheWordsOfTheEnum() {
        assertThat(TrainParams.ARCHITECTURES).containsExactlyInAnyOrder("compact-cnn", "stem-cnn", "ibn-cnn",
                "resnet18", "resnet34", "resnet50", "mobilenet-v2", "vit-tiny", "convnext-nano");
    }
}
