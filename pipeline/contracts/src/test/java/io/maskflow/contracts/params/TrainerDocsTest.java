package io.maskflow.contracts.params;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maskflow.contracts.json.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter table of docs/trainer.md gives the defaults {@link TrainParams#DEFAULTS} has. */
class TrainerDocsTest {

    @Test
    void theTrainerPageGivesTheDefaultsOfTrainParams() throws Exception {
        JsonNode defaults = EventCodec.instance().mapper().valueToTree(TrainParams.DEFAULTS);
        List<String> lines = Files.readAllLines(Path.of("../../docs/trainer.md"));
        int start = lines.indexOf("| parameter | default | meaning |");
        assertThat(start).as("the parameter table of docs/trainer.md").isPositive();
        List<String> checked = new ArrayList<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            String[] names = cells[1].replace("`", "").strip().split(",\\s*");
            String[] values = cells[2].replace("`", "").strip().split(",\\s*");
            assertThat(values).as(line).hasSameSizeAs(names);
            for (int i = 0; i < names.length; i++) {
                JsonNode value = defaults.get(names[i]);
                assertThat(value).as("docs/trainer.md names %s, which TrainParams lacks", names[i]).isNotNull();
                if (value.isNumber()) {
                    assertThat(Double.parseDouble(values[i])).as(names[i]).isEqualTo(value.asDouble());
                } else {
                    assertThat(values[i]).as(names[i]).isEqualTo(value.asText());
                }
                checked.add(names[i]);
            }
        }
        assertThat(checked).contains("maxGpus", "gradientClip", "epochs", "seed");
    }
}
