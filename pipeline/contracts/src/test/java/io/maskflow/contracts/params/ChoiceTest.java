package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.json.EventCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChoiceTest {

    enum Shape implements Choice {
        ROUND, SHARP_EDGED;

        @Override
        public String toString() {
            return id();
        }
    }

    record Params(Shape shape, int size) {
        static final Params DEFAULTS = new Params(Shape.ROUND, 1);
    }

    @Test
    void aWordBindsToItsConstantAndIsWrittenBackAsTheSameWord() {
        Params bound = StepParameters.bind(Map.of("shape", "sharp-edged"), Params.DEFAULTS);

        assertThat(bound.shape()).isEqualTo(Shape.SHARP_EDGED);
        assertThat(EventCodec.instance().mapper().convertValue(bound, Map.class)).containsEntry("shape", "sharp-edged");
    }

    @Test
    void aWrongWordIsRefusedWithTheParameterAndTheAllowedWords() {
        assertThatThrownBy(() -> StepParameters.bind(Map.of("shape", "square"), Params.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("shape must be one of [round, sharp-edged], got 'square'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("shape", "Round"), Params.DEFAULTS))
                .hasMessage("shape must be one of [round, sharp-edged], got 'Round'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("shape", " round"), Params.DEFAULTS))
                .hasMessage("shape must be one of [round, sharp-edged], got ' round'");
        assertThatThrownBy(() -> StepParameters.bind(Map.of("shape", 1), Params.DEFAULTS))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessage("shape must be one of [round, sharp-edged], got '1'");
    }

    @Test
    void theWordIsTheConstantsNameInLowerCaseWithHyphens() {
        assertThat(Shape.SHARP_EDGED.id()).isEqualTo("sharp-edged");
        assertThat(Choice.parse(Shape.class, "shape", "round")).isEqualTo(Shape.ROUND);
        assertThat("a " + Shape.SHARP_EDGED + " one").isEqualTo("a sharp-edged one");
    }
}
