package io.maskflow.evaluator;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.CsvRows;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.DatasetFiles;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A competition-style {@code eval/} folder of a data set ({@code eval/info.csv} with {@code ImageID,ans} and
 * {@code eval/images/<ImageID>}), beside its {@code train/}; the generator keeps the true answers in
 * {@code answers/eval-answers.csv}, which is read when present. Images are prepared exactly as the model's
 * training data was (crop and size from its descriptor; for a model trained with {@code crop=face}, the face found
 * in each image, the centre crop when none is, counted in {@code faceFallbacks}). An image that is missing or
 * cannot be read does not stop the evaluation: it keeps its row (the submission must have every row of
 * {@code info.csv}), is answered with a fallback class, and is listed in {@code unreadable} with the reason.
 */
final class EvalFolder {

    static final String ANSWERS = "answers/eval-answers.csv";

    /**
     * The images in {@code info.csv} order, prepared, with the true class when the answers are known (else -1).
     *
     * @param unreadable row index (0-based, in {@code info.csv} order) to why the image could not be used; those
     *     records hold blank pixels and must be answered by {@link #answerUnreadable}
     * @param faceFallbacks with {@code crop=face}, the images in which no face was found (they got the centre crop)
     * @param persons the person of each image, from the kept answers' optional third column ({@code person},
     *     written by the generator since its version 3); null when any image has none there
     */
    record Prepared(List<String> imageIds, List<ShardRecord> records, int[] truth, boolean answered,
            Map<Integer, String> unreadable, int faceFallbacks, int[] persons) {
    }

    /** The kept answers: each image's true class, and its person where the file says. */
    record Answers(Map<String, Integer> classes, Map<String, Integer> persons) {

        static final Answers NONE = new Answers(Map.of(), Map.of());
    }

    /** Reads a file of the data set by its path; null when the data set has no such file. */
    @FunctionalInterface
    interface FileReader {
        byte[] read(String path) throws IOException;
    }

    private EvalFolder() {
    }

    /** Whether the data set has an {@code eval/info.csv}. */
    static boolean present(DatasetFiles files) {
        return files.exists(CompetitionLayout.EVAL_CSV);
    }

    static Prepared prepare(DatasetFiles files, ModelDescriptor descriptor) throws IOException, StepFailure {
        if (!present(files)) {
            throw new StepFailure("missing-eval-set", "no " + CompetitionLayout.EVAL_CSV + " in " + files.name(),
                    false);
        }
        List<CsvRows.Row> rows = CsvRows.parse(new String(files.read(CompetitionLayout.EVAL_CSV),
                StandardCharsets.UTF_8));
        if (rows.isEmpty() || rows.get(0).cells().isEmpty() || !rows.get(0).cells().get(0).equals("ImageID")) {
            throw new StepFailure("bad-eval-set", CompetitionLayout.EVAL_CSV + " of " + files.name()
                    + " must start with the header '" + CompetitionLayout.EVAL_HEADER + "'", false);
        }
        List<String> ids = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            ids.add(row.cells().get(0));
        }
        // a name written composed in info.csv finds its file stored decomposed (macOS), and the other way round
        Map<String, String> byForm = new HashMap<>();
        files.list(CompetitionLayout.EVAL_IMAGES).forEach(p -> byForm.putIfAbsent(CompetitionLayout.sameForm(p), p));
        return prepareImages(ids, answers(files), path -> {
            String stored = files.exists(path) ? path : byForm.get(CompetitionLayout.sameForm(path));
            return stored == null ? null : files.read(stored);
        }, descriptor);
    }

    /** Prepares the images {@code ids} (under {@code eval/images/}) as {@code descriptor}'s model was trained. */
    static Prepared prepareImages(List<String> ids, Answers kept, FileReader files,
            ModelDescriptor descriptor) {
        byte[] blank = new byte[descriptor.imageSize() * descriptor.imageSize() * 3];
        List<ShardRecord> records = new ArrayList<>();
        Map<Integer, String> unreadable = new TreeMap<>();
        int[] truth = new int[ids.size()];
        int[] persons = new int[ids.size()];
        boolean personsKnown = true;
        int fallbacks = 0;
        // a face analyzer only for a model trained on face crops, for this evaluation
        try (SharedFaceAnalyzer faces = new SharedFaceAnalyzer()) {
            ImagePreparer preparer = faces.preparer(ImagePreparer.paramsOf(descriptor));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String path = CompetitionLayout.EVAL_IMAGES + id;
                byte[] pixels = blank;
                try {
                    byte[] encoded = files.read(path);
                    if (encoded == null) {
                        unreadable.put(i, "eval/info.csv lists " + id + " (line " + (i + 2) + ") but " + path
                                + " is not in the data set");
                    } else {
                        ImagePreparer.Prepared prepared = preparer.prepareImage(encoded, null);
                        pixels = prepared.pixels();
                        fallbacks += prepared.fellBack() ? 1 : 0;
                    }
                } catch (ImagePreparer.Rejected | IOException e) {
                    unreadable.put(i, path + ": " + e.getMessage());
                }
                truth[i] = kept.classes().getOrDefault(id, -1);
                Integer person = kept.persons().get(id);
                personsKnown &= person != null;
                persons[i] = person == null ? -1 : person;
                records.add(new ShardRecord(Math.max(0, truth[i]), i, 0, pixels));
            }
        }
        boolean answered = !kept.classes().isEmpty() && ids.stream().allMatch(kept.classes()::containsKey);
        return new Prepared(ids, records, truth, answered, unreadable, fallbacks, personsKnown ? persons : null);
    }

    /**
     * Replaces the probabilities of the unreadable images with a certain answer of {@code fallbackClass} (the
     * training data's most frequent class), so each keeps its row; pseudo-labelling skips them by index.
     */
    static void answerUnreadable(Prepared prepared, float[][] probabilities, int fallbackClass) {
        for (int i : prepared.unreadable().keySet()) {
            java.util.Arrays.fill(probabilities[i], 0f);
            probabilities[i][fallbackClass] = 1f;
        }
    }

    private static Answers answers(DatasetFiles files) throws IOException {
        if (!files.exists(ANSWERS)) {
            return Answers.NONE;
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        Map<String, Integer> persons = new LinkedHashMap<>();
        List<CsvRows.Row> rows = CsvRows.parse(new String(files.read(ANSWERS), StandardCharsets.UTF_8));
        for (CsvRows.Row row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            List<String> cells = row.cells();
            if (cells.size() >= 2 && cells.get(1).matches("[0-9]{1,2}")) {
                int label = Integer.parseInt(cells.get(1));
                if (label >= 0 && label < Label.CLASSES) {
                    classes.put(cells.get(0), label);
                }
            }
            // the person each image shows: a third column, written by the generator since its version 3
            if (cells.size() >= 3 && cells.get(2).matches("[0-9]{1,9}")) {
                persons.put(cells.get(0), Integer.parseInt(cells.get(2)));
            }
        }
        return new Answers(classes, persons);
    }

    /** The competition's submission file: {@code ImageID,ans}, one line per image in {@code info.csv} order. */
    static byte[] submission(List<String> ids, int[] predicted) {
        StringBuilder csv = new StringBuilder(CompetitionLayout.EVAL_HEADER).append('\n');
        for (int i = 0; i < ids.size(); i++) {
            csv.append(CompetitionLayout.evalCsvLine(ids.get(i), predicted[i])).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
