package io.maskflow.datagen.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Gender;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.people.Cues;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated data set writes {@value DatasetGenerator#CUES_CSV} beside train.csv, row for row, and the eval
 * persons' values beside the eval answers ({@value DatasetGenerator#EVAL_CUES}).
 */
class DatasetGeneratorCuesTest {

    private static DatagenParams params(double labelNoise) {
        Map<String, Object> values = new HashMap<>(Map.of("persons", 12, "evalPersons", 2, "width", 96, "height",
                128, "seed", 13, "style", "mixed", "mixStyles", "classic,snapshot,studio,sculpted,inked,painted"));
        values.put("labelNoise", labelNoise);
        return StepParameters.bind(values, DatagenParams.DEFAULTS);
    }

    @Test
    void cuesCsvHasOneRowPerTrainingPersonWithTrainCsvsIdsInOrder(@TempDir Path dir) throws Exception {
        DatagenParams params = params(0);
        new DatasetGenerator(params, 2).generate(new DirectorySink(dir), done -> { });

        List<PersonRecord> train = CompetitionLayout.parseTrainCsv(Files.readString(dir.resolve(
                CompetitionLayout.TRAIN_CSV)));
        List<String> lines = Files.readAllLines(dir.resolve(DatasetGenerator.CUES_CSV));
        assertThat(dir.resolve("train/cues.csv")).isRegularFile();
        assertThat(lines.get(0)).isEqualTo("id,facial_hair,earrings,long_hair,makeup,jaw,brow_thickness,brow_arch,"
                + "ageing,hairline");
        assertThat(lines).hasSize(1 + train.size());
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]))
                .containsExactlyElementsOf(train.stream().map(PersonRecord::id).toList());
        PersonFactory factory = new PersonFactory(params);
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            assertThat(cells).hasSize(1 + Cues.NAMES.size());
            double[] values = new double[Cues.NAMES.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Double.parseDouble(cells[i + 1]);
            }
            for (int i = 0; i < Cues.FLAGS; i++) {
                assertThat(cells[i + 1]).as(lines.get(row)).isIn("0", "1");
            }
            assertThat(values[Cues.NAMES.indexOf("ageing")]).isBetween(0.0, 1.0);
            assertThat(values[Cues.NAMES.indexOf("hairline")]).isBetween(0.0, 1.0);
            PersonRecord person = train.get(row - 1);
            if (person.gender() == Gender.FEMALE) {
                assertThat(values[Cues.NAMES.indexOf("facial_hair")]).as(lines.get(row)).isZero();
            }
            // the row is the person's own: the values the generator drew them with
            int index = Integer.parseInt(person.id()) - 1;
            Person drawn = factory.make(index, factory.randomFor(index));
            assertThat(lines.get(row)).isEqualTo(Cues.csvLine(person.id(), drawn.appearance()));
        }
        try (Stream<Path> eval = Files.walk(dir.resolve("eval"))) {
            assertThat(eval.map(p -> p.getFileName().toString())).doesNotContain("cues.csv");
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("cues.csv"))).hasSize(1);
        }
    }

    @Test
    void theEvalPersonsValuesAreKeptBesideTheAnswersByTheAnswersPersonNumbers(@TempDir Path dir) throws Exception {
        DatagenParams params = params(0);
        new DatasetGenerator(params, 2).generate(new DirectorySink(dir), done -> { });

        List<String> lines = Files.readAllLines(dir.resolve(DatasetGenerator.EVAL_CUES));
        assertThat(DatasetGenerator.EVAL_CUES).startsWith("answers/");
        assertThat(lines.get(0)).isEqualTo("person,facial_hair,earrings,long_hair,makeup,jaw,brow_thickness,"
                + "brow_arch,ageing,hairline");
        List<String> answered = Files.readAllLines(dir.resolve(DatasetGenerator.EVAL_ANSWERS)).stream().skip(1)
                .map(l -> l.split(",")[2]).distinct().sorted().toList();
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).sorted())
                .as("one row per person of the answers").containsExactlyElementsOf(answered).hasSize(2);
        PersonFactory factory = new PersonFactory(params);
        for (String line : lines.subList(1, lines.size())) {
            int index = Integer.parseInt(line.split(",")[0]);
            Person drawn = factory.make(index, factory.randomFor(index));
            assertThat(line).isEqualTo(Cues.csvLine(String.valueOf(index), drawn.appearance()));
        }
    }

    /** Label noise changes what train.csv says, not the picture: the cues are the same as without noise. */
    @Test
    void personsWithLabelNoiseKeepTheirDrawingValues(@TempDir Path dir) throws Exception {
        new DatasetGenerator(params(0), 2).generate(new DirectorySink(dir.resolve("clean")), done -> { });
        GenerationReport noisy = new DatasetGenerator(params(0.5), 2).generate(new DirectorySink(dir.resolve(
                "noisy")), done -> { });
        assertThat(noisy.noisyPersons()).isNotEmpty();
        assertThat(Files.readString(dir.resolve("noisy").resolve(CompetitionLayout.TRAIN_CSV)))
                .isNotEqualTo(Files.readString(dir.resolve("clean").resolve(CompetitionLayout.TRAIN_CSV)));
        assertThat(Files.readString(dir.resolve("noisy").resolve(DatasetGenerator.CUES_CSV)))
                .isEqualTo(Files.readString(dir.resolve("clean").resolve(DatasetGenerator.CUES_CSV)));
    }
}
