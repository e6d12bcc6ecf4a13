package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A competition-style {@code eval/} folder in the store ({@code eval/info.csv} with {@code ImageID,ans} and
 * {@code eval/images/<ImageID>}), beside the data set's {@code train/}; the generator keeps the true answers in
 * {@code answers/eval-answers.csv}, which is read when present. Images are prepared exactly as the model's
 * training data was (crop and size from its descriptor).
 */
final class EvalFolder {

    static final String ANSWERS = "answers/eval-answers.csv";

    /** The images in {@code info.csv} order, prepared, with the true class when the answers are known (else -1). */
    record Prepared(List<String> imageIds, List<ShardRecord> records, int[] truth, boolean answered) {
    }

    private EvalFolder() {
    }

    /** The data set's root: the folder of the referenced file ({@code dataset.json} or {@code train/train.csv}). */
    static String root(ArtifactRef dataset) {
        String key = dataset.key();
        String root = key.substring(0, key.lastIndexOf('/') + 1);
        return root.endsWith("train/") ? root.substring(0, root.length() - "train/".length()) : root;
    }

    static Prepared prepare(ArtifactStore store, ArtifactRef dataset, ModelDescriptor descriptor)
            throws IOException, StepFailure {
        String root = root(dataset);
        Optional<ArtifactRef> info = store.stat(root + CompetitionLayout.EVAL_CSV);
        if (info.isEmpty()) {
            throw new StepFailure("missing-eval-set", "no " + CompetitionLayout.EVAL_CSV + " under " + root, false);
        }
        List<String> ids = new ArrayList<>();
        String[] lines = new String(store.read(info.get()), StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                ids.add(lines[i].split(",", -1)[0].trim());
            }
        }
        Map<String, Integer> answers = answers(store, root);
        Map<String, Object> transform = new LinkedHashMap<>(descriptor.preprocessing());
        transform.keySet().retainAll(List.of("cropWidth", "cropHeight", "expectedWidth", "expectedHeight",
                "maxPixels"));
        transform.put("imageSize", descriptor.imageSize());
        ImagePreparer preparer = new ImagePreparer(StepParameters.bind(transform, PreprocessParams.DEFAULTS));
        List<ShardRecord> records = new ArrayList<>();
        int[] truth = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Optional<ArtifactRef> image = store.stat(root + CompetitionLayout.EVAL_IMAGES + id);
            if (image.isEmpty()) {
                throw new StepFailure("missing-eval-image", "eval/info.csv lists " + id + " (line " + (i + 2)
                        + ") but " + root + CompetitionLayout.EVAL_IMAGES + id + " does not exist", false);
            }
            byte[] pixels;
            try {
                pixels = preparer.prepare(store.read(image.get()));
            } catch (ImagePreparer.Rejected e) {
                throw new StepFailure("bad-eval-image", "eval image " + id + ": " + e.getMessage(), false, e);
            }
            truth[i] = answers.getOrDefault(id, -1);
            records.add(new ShardRecord(Math.max(0, truth[i]), i, 0, pixels));
        }
        boolean answered = !answers.isEmpty() && ids.stream().allMatch(answers::containsKey);
        return new Prepared(ids, records, truth, answered);
    }

    private static Map<String, Integer> answers(ArtifactStore store, String root) throws IOException {
        Map<String, Integer> answers = new LinkedHashMap<>();
        Optional<ArtifactRef> file = store.stat(root + ANSWERS);
        if (file.isPresent()) {
            String[] lines = new String(store.read(file.get()), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",", -1);
                if (cells.length >= 2 && !cells[1].isBlank()) {
                    int label = Integer.parseInt(cells[1].trim());
                    if (label >= 0 && label < Label.CLASSES) {
                        answers.put(cells[0].trim(), label);
                    }
                }
            }
        }
        return answers;
    }

    /** The competition's submission file: {@code ImageID,ans}, one line per image in {@code info.csv} order. */
    static byte[] submission(List<String> ids, int[] predicted) {
        StringBuilder csv = new StringBuilder(CompetitionLayout.EVAL_HEADER).append('\n');
        for (int i = 0; i < ids.size(); i++) {
            csv.append(ids.get(i)).append(',').append(predicted[i]).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
