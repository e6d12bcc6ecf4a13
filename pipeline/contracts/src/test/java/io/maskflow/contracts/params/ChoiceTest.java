package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.maskflow.contracts.json.EventCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChoiceTest {

    enum Shape implements Choice {
        ROUND("round"), SHARP_EDGED("sharp-edged");

        private final String id;

        Shape(String id) {
            this.id = id;
        }

        @JsonValue
        @Override
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }

        @JsonCreator
        static Shape of(String id) {
            return Choice.parse(Shape.class, "shape", id);
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
                .hasMessage("Params: shape must be one of [round, sharp-edged], got 'square'");
    }
}
