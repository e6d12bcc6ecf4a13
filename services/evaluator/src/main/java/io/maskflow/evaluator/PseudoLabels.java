package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.vision.model.ModelDescriptor;
import io.maskflow.vision.model.Votes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Confident predictions on the unlabelled eval images as a data set in the competition layout, so a later run
 * can train on them: each kept image becomes a person of its own ({@code 9xxxxx_<gender>_Asian_<age>}) with one
 * photo named for its mask state ({@code mask1}, {@code incorrect_mask} or {@code normal}); the age written is
 * the middle of the predicted age group under the model's cut-offs.
 */
final class PseudoLabels {

    /** Where the data set went and how many images it kept. */
    record Written(ArtifactRef trainCsv, int kept, int offered) {
    }

    private PseudoLabels() {
    }

    static Written write(ArtifactStore store, String root, DatasetFiles evalFiles, List<String> imageIds,
            float[][] probabilities, Set<Integer> unreadable, double threshold, ModelDescriptor descriptor)
            throws IOException {
        StringBuilder csv = new StringBuilder(CompetitionLayout.TRAIN_HEADER).append('\n');
        int kept = 0;
        for (int i = 0; i < imageIds.size(); i++) {
            int label = Votes.argMax(probabilities[i]);
            if (unreadable.contains(i) || probabilities[i][label] < threshold) {
                continue;
            }
            Label l = Label.ofClass(label);
            int age = switch (l.age()) {
                case YOUNG -> Math.max(18, descriptor.middleAgeFrom() - 5);
                case MIDDLE -> (descriptor.middleAgeFrom() + descriptor.oldAgeFrom()) / 2;
                case OLD -> descriptor.oldAgeFrom() + 5;
            };
            String id = String.format("9%05d", kept);
            String folder = CompetitionLayout.folderName(id, l.gender(), "Asian", age);
            PersonRecord person = new PersonRecord(id, l.gender(), "Asian", age, folder);
            String stem = l.mask() == Mask.WEAR ? "mask1" : l.mask() == Mask.INCORRECT ? "incorrect_mask" : "normal";
            String name = imageIds.get(i);
            String extension = name.substring(name.lastIndexOf('.') + 1);
            byte[] photo = evalFiles.read(CompetitionLayout.EVAL_IMAGES + name);
            store.put(root + CompetitionLayout.trainImage(person, stem, extension), photo, "image/jpeg");
            csv.append(CompetitionLayout.trainCsvLine(person)).append('\n');
            kept++;
        }
        ArtifactRef train = store.put(root + CompetitionLayout.TRAIN_CSV, csv.toString()
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        return new Written(train, kept, imageIds.size());
    }
}
