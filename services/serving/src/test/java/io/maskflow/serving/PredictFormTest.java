package io.maskflow.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which multipart /predict forms are refused, and with what reason: it takes the one field 'image'. */
class PredictFormTest {

    @Test
    void theOneFieldImageIsTaken() {
        assertThat(PredictResource.formProblem(Map.of("image", List.of("a photo")))).isEmpty();
    }

    @Test
    void aSecondImageOrAnotherFieldIsNamed() {
        assertThat(PredictResource.formProblem(Map.of("image", List.of("a", "b")))).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("send one photo per request in the form field 'image'; got 2 'image' "
                        + "fields"));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("image", List.of("a"));
        fields.put("x", List.of("1"));
        assertThat(PredictResource.formProblem(fields)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("unknown form field 'x': "));
        fields.put("y", List.of("2", "3"));
        fields.put("image", List.of("a", "b", "c"));
        assertThat(PredictResource.formProblem(fields)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("got 3 'image' fields").contains("; unknown form fields 'x', 'y': "));
    }

    @Test
    void noImageNamesWhatCameInstead() {
        assertThat(PredictResource.formProblem(Map.of())).hasValue("no multipart field 'image': send the photo as "
                + "a file field named image");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            fields.put(i == 0 ? "x".repeat(300) : "f" + i, List.of("v"));
        }
        assertThat(PredictResource.formProblem(fields)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("(got 'xxx").contains("(200 more characters)', 'f1'").endsWith("'f9' and 2 more)"));
    }
}
