package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepParametersTest {

    @Test
    void givenValuesOverrideDefaults() {
        TrainParams params = StepParameters.bind(Map.of("epochs", 2, "heads", "single"), TrainParams.DEFAULTS);
        assertThat(params.epochs()).isEqualTo(2);
        assertThat(params.heads()).isEqualTo(TrainParams.Heads.SINGLE);
        assertThat(params.batchSize()).isEqualTo(TrainParams.DEFAULTS.batchSize());
        assertThat(StepParameters.bind(null, DatagenParams.DEFAULTS)).isEqualTo(DatagenParams.DEFAULTS);
    }

    @Test
    void namesTheParameterThatIsWrong() {
        assertThatThrownBy(() -> StepParameters.bind(Map.of("epocs", 2), TrainParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("unknown parameter 'epocs'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("epochs", 0), TrainParams.DEFAULTS))
                .hasMessageContaining("epochs must be between 1");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("camera", 1.5), TrainParams.DEFAULTS))
                .hasMessageContaining("camera must be between 0 and 1");
        assertThat(StepParameters.bind(Map.of("camera", 0.6), TrainParams.DEFAULTS).camera()).isEqualTo(0.6);
        assertThatThrownBy(() -> StepParameters.bind(Map.of("grey", 1.2), TrainParams.DEFAULTS))
                .hasMessageContaining("grey must be between 0 and 1");
        assertThat(StepParameters.bind(Map.of("grey", 0.3), TrainParams.DEFAULTS).grey()).isEqualTo(0.3);
        assertThatThrownBy(() -> StepParameters.bind(Map.of("randomFilter", -0.1), TrainParams.DEFAULTS))
                .hasMessageContaining("randomFilter must be between 0 and 1");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("mixStyle", 0.5, "architecture", "resnet18"),
                TrainParams.DEFAULTS)).hasMessageContaining("mixStyle works with compact-cnn and stem-cnn, not "
                        + "'resnet18'");
        assertThat(StepParameters.bind(Map.of("mixStyle", 0.5, "architecture", "stem-cnn"), TrainParams.DEFAULTS)
                .mixStyle()).isEqualTo(0.5);
        for (double decay : new double[] {0.3, 1, -0.5, 1.5}) {
            assertThatThrownBy(() -> StepParameters.bind(Map.of("emaDecay", decay), TrainParams.DEFAULTS))
                    .hasMessageContaining("emaDecay must be 0 (off) or between 0.5 and 0.99999");
        }
        for (double decay : new double[] {0.5, 0.999, 0.99999}) {
            assertThat(StepParameters.bind(Map.of("emaDecay", decay), TrainParams.DEFAULTS).emaDecay())
                    .isEqualTo(decay);
        }
        assertThat(TrainParams.DEFAULTS.emaDecay()).as("off by default").isZero();
        for (double weight : new double[] {-0.1, 10.5}) {
            assertThatThrownBy(() -> StepParameters.bind(Map.of("ageRegression", weight), TrainParams.DEFAULTS))
                    .hasMessageContaining("ageRegression");
        }
        assertThat(StepParameters.bind(Map.of("ageRegression", 0.5), TrainParams.DEFAULTS).ageRegression())
                .isEqualTo(0.5);
        assertThat(TrainParams.DEFAULTS.ageRegression()).as("off by default").isZero();
        for (double weight : new double[] {-0.1, 10.5}) {
            assertThatThrownBy(() -> StepParameters.bind(Map.of("cueWeight", weight), TrainParams.DEFAULTS))
                    .hasMessageContaining("cueWeight");
        }
        assertThat(StepParameters.bind(Map.of("cueWeight", 0.5), TrainParams.DEFAULTS).cueWeight()).isEqualTo(0.5);
        assertThat(TrainParams.DEFAULTS.cueWeight()).as("off by default").isZero();
        assertThat(StepParameters.bind(Map.of("balanceCue", "long_hair"), TrainParams.DEFAULTS).balanceCue())
                .isEqualTo("long_hair");
        assertThat(StepParameters.bind(Map.of("balanceCue", ""), TrainParams.DEFAULTS).balanceCue()).isEmpty();
        for (Object bad : new Object[] {"long hair", "Long_hair", 3}) {
            assertThatThrownBy(() -> StepParameters.bind(Map.of("balanceCue", bad), TrainParams.DEFAULTS))
                    .hasMessageContaining("balanceCue");
        }
        assertThat(StepParameters.bind(Map.of("classWeights", "sqrt-balanced"), TrainParams.DEFAULTS).classWeights())
                .isEqualTo(TrainParams.ClassWeights.SQRT_BALANCED);
        assertThatThrownBy(() -> StepParameters.bind(Map.of("optimizer", "lion"), TrainParams.DEFAULTS))
                .hasMessageContaining("optimizer must be one of");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("folds", "five"), PreprocessParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("five");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("minAge", 50, "maxAge", 40), DatagenParams.DEFAULTS))
                .hasMessageContaining("maxAge must be between 50");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("promotionMargin", 3), EvaluateParams.DEFAULTS))
                .hasMessageContaining("promotionMargin");
        // a fraction for a whole number is refused, not cut (1.5 persons were 1); 4.0 is 4
        assertThatThrownBy(() -> StepParameters.bind(Map.of("persons", 1.5), DatagenParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("persons must be a whole number, got 1.5");
        assertThat(StepParameters.bind(Map.of("epochs", 4.0), TrainParams.DEFAULTS).epochs()).isEqualTo(4);
        // a whole number too large for the parameter is refused naming it (not "Numeric value ... out of range")
        assertThatThrownBy(() -> StepParameters.bind(Map.of("persons", 2147483648L), DatagenParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("persons must be a whole number from -2147483648 to 2147483647, got 2147483648");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("epochs", new java.math.BigInteger("99999999999999999999")),
                TrainParams.DEFAULTS)).hasMessage("epochs must be a whole number from -2147483648 to 2147483647, "
                        + "got 99999999999999999999");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("seed", new java.math.BigInteger("99999999999999999999")),
                TrainParams.DEFAULTS)).hasMessage("seed must be a whole number from -9223372036854775808 to "
                        + "9223372036854775807, got 99999999999999999999");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("persons", 1e30), DatagenParams.DEFAULTS))
                .hasMessage("persons must be a whole number from -2147483648 to 2147483647, got 1.0E30");
        // a string for a number or a yes/no value is refused, not read ("1" person was 1)
        assertThatThrownBy(() -> StepParameters.bind(Map.of("persons", "1"), DatagenParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("persons must be a number, not the string '1'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("learningRate", "0.01"), TrainParams.DEFAULTS))
                .hasMessage("learningRate must be a number, not the string '0.01'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("promote", "true"), EvaluateParams.DEFAULTS))
                .hasMessage("promote must be true or false, not the string 'true'");
    }

    @Test
    void theEvaluatorCombinesModelsByAVoteByTheBestOrHeadByHead() {
        for (String ensemble : new String[] {"soft", "hard", "best", "per-head"}) {
            assertThat(StepParameters.bind(Map.of("ensemble", ensemble), EvaluateParams.DEFAULTS).ensemble().id())
                    .isEqualTo(ensemble);
        }
        assertThatThrownBy(() -> StepParameters.bind(Map.of("ensemble", "average"), EvaluateParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("ensemble must be one of [best, hard, per-head, soft], got 'average'");
    }

    @Test
    void theNetworksAreChosenByNameAndAWrongNameListsTheKnownOnes() {
        for (String name : new String[] {"vit-tiny", "convnext-nano"}) {
            assertThat(StepParameters.bind(Map.of("architecture", name), TrainParams.DEFAULTS).architecture().id())
                    .isEqualTo(name);
        }
        assertThatThrownBy(() -> StepParameters.bind(Map.of("architecture", "vit"), TrainParams.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("architecture must be one of [compact-cnn, convnext-nano, ibn-cnn, "
                        + "mobilenet-v2, resnet18, resnet34, resnet50, stem-cnn, vit-tiny], got 'vit'");
    }
}
