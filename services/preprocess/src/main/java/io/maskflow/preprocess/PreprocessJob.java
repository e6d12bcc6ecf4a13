package io.maskflow.preprocess;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.labels.Label;
import io.maskflow.contracts.labels.LabelCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.contracts.shards.ShardWriter;
import io.maskflow.preprocess.dataset.DatasetScanner;
import io.maskflow.preprocess.dataset.Issue;
import io.maskflow.preprocess.dataset.LabelCorrections;
import io.maskflow.preprocess.dataset.PersonCues;
import io.maskflow.preprocess.dataset.PersonEntry;
import io.maskflow.preprocess.dataset.ValidationReport;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import io.maskflow.preprocess.shards.Outputs;
import io.maskflow.contracts.shards.ShardIndex;
import io.maskflow.preprocess.source.DatasetSource;
import io.maskflow.preprocess.split.PersonSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * One preprocessing job: validate and merge the data sets, correct labels, split by person, and write the
 * prepared images as shards in a fixed shuffled order. Images are read and prepared on all cores a chunk at a
 * time, so memory holds one chunk and one shard, whatever the data set's size. With {@code crop=face} the worker
 * threads share one face analyzer; images without a face found get the centre crop and are counted.
 */
public final class PreprocessJob {

    /** What the job produced. */
    public record Result(ShardIndex index, ArtifactRef indexRef, ArtifactRef reportRef, ArtifactRef summaryRef,
            ArtifactRef splitRef, ValidationReport report, double seconds) {
    }

    private static final Logger LOG = Logger.getLogger(PreprocessJob.class);
    private static final int CHUNK = 256;
    /** How long the job waits at its end (after a failure, say) for its workers to finish the photo they are on. */
    private static final long WORKER_WAIT_SECONDS = 5;

    private final PreprocessParams params;
    private final int threads;
    private final SharedFaceAnalyzer faces;
    private final LabelCodec labels;
    private final Map<String, int[]> faceBoxes = new ConcurrentHashMap<>();

    /** A job that loads a face analyzer of its own when {@code crop=face} (and closes it at the end of a run). */
    public PreprocessJob(PreprocessParams params, int threads) {
        this(params, threads, null);
    }

    /**
     * @param faces the service's face analyzer, loaded on first use and not closed here; null for one of the job's
     *     own
     */
    public PreprocessJob(PreprocessParams params, int threads, SharedFaceAnalyzer faces) {
        this.params = params;
        this.threads = Math.max(1, threads);
        this.faces = faces;
        this.labels = new LabelCodec(new AgeBands(params.middleAgeFrom(), params.oldAgeFrom()));
    }

    /** One image to prepare. */
    private record Task(PersonEntry person, int personIndex, String stem, int fold) {
    }

    /** One prepared image, or why it was left out; {@code fellBack} when no face was found in it. */
    private record Prepared(Task task, byte[] pixels, Issue problem, boolean fellBack) {
    }

    public Result run(List<DatasetSource> sources, Outputs outputs, IntConsumer progress) throws IOException,
            InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            names.add(i == 0 ? "dataset" : "extra-" + i);
        }
        return run(sources, names, Set.of(), outputs, progress);
    }

    /**
     * Preprocesses several data sets into one split.
     *
     * @param inputNames a name per source for the report's per-input class counts ({@code dataset}, {@code synthetic})
     * @param trainOnly indices of the sources whose persons only train: they get fold {@link ShardFormat#TRAIN_ONLY},
     *     never a validation fold or the hold-out (synthetic people added to a user's data)
     */
    public Result run(List<DatasetSource> sources, List<String> inputNames, Set<Integer> trainOnly, Outputs outputs,
            IntConsumer progress) throws IOException, InterruptedException {
        if (faces != null) {
            return run(sources, inputNames, trainOnly, outputs, progress, faces);
        }
        try (SharedFaceAnalyzer own = new SharedFaceAnalyzer()) {
            return run(sources, inputNames, trainOnly, outputs, progress, own);
        }
    }

    /** What the images gave: how many were left out (each with its issue) and which fell back to the centre crop. */
    private record Outcome(int excluded, List<String> fallbacks) {
    }

    private Result run(List<DatasetSource> sources, List<String> inputNames, Set<Integer> trainOnly, Outputs outputs,
            IntConsumer progress, SharedFaceAnalyzer analyzer) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ImagePreparer preparer = analyzer.preparer(params); // first: a missing face detector fails before the scan
        List<Issue> issues = new ArrayList<>();
        List<PersonEntry> persons = new ArrayList<>();
        List<PersonCues> cues = new ArrayList<>();
        int csvRows = scan(sources, persons, cues, issues);
        if (params.applyKnownCorrections()) {
            persons = new LabelCorrections(LabelCorrections.PUBLISHED).apply(persons, new ArrayList<>());
        }
        persons = new LabelCorrections(params.corrections()).apply(persons, issues);
        Map<String, Integer> folds = folds(persons, trainOnly);
        ShardBuilder shards = new ShardBuilder(outputs, params.imageSize(), params.shardSize());
        Outcome outcome;
        List<ShardIndex.Shard> written;
        try {
            outcome = prepareAll(sources, tasks(persons, folds), preparer, shards, inputNames, issues, progress);
            written = shards.finish();
        } finally {
            // after finish() there is nothing left; when the job failed or was stopped, this deletes the shard
            // file being filled, which would otherwise stay in the temp folder for good
            shards.discard();
        }

        ValidationReport report = ValidationReport.of(sources.stream().map(DatasetSource::name).toList(), csvRows,
                persons.size(), shards.count(), outcome.excluded(), issues, params.crop().id(), outcome.fallbacks());
        var json = EventCodec.instance().mapper().writerWithDefaultPrettyPrinter();
        ArtifactRef reportRef = outputs.put("report.json", json.writeValueAsBytes(report), "application/json");
        ArtifactRef summaryRef = outputs.put("report.txt", report.summary().getBytes(StandardCharsets.UTF_8),
                "text/plain");
        ArtifactRef splitRef = outputs.put("split.json", json.writeValueAsBytes(split(persons, folds)),
                "application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = EventCodec.instance().mapper().convertValue(params, Map.class);
        ShardIndex index = shards.index(written, params.folds(),
                persons.stream().mapToInt(p -> p.record().age()).toArray(), parameters, cues, persons);
        ArtifactRef indexRef = outputs.put("index.json", json.writeValueAsBytes(index), "application/json");
        return new Result(index, indexRef, reportRef, summaryRef, splitRef, report, (System.nanoTime() - start) / 1e9);
    }

    /** Reads every source's persons, issues, face boxes and drawing values; returns the number of CSV rows read. */
    private int scan(List<DatasetSource> sources, List<PersonEntry> persons, List<PersonCues> cues,
            List<Issue> issues) throws IOException {
        faceBoxes.clear();
        int csvRows = 0;
        for (int s = 0; s < sources.size(); s++) {
            DatasetScanner.Scan scan = DatasetScanner.scan(sources.get(s), s);
            persons.addAll(scan.persons());
            issues.addAll(scan.issues());
            csvRows += scan.csvRows();
            cues.add(PersonCues.read(sources.get(s), issues));
            int source = s;
            scan.faceBoxes().forEach((path, box) -> faceBoxes.put(source + "/" + path, box));
        }
        return csvRows;
    }

    /**
     * Each person's fold: the stratified person-level split of the persons that may validate, and
     * {@link ShardFormat#TRAIN_ONLY} for those of the train-only sources.
     */
    private Map<String, Integer> folds(List<PersonEntry> persons, Set<Integer> trainOnly) {
        Map<String, Integer> folds = new TreeMap<>(PersonSplit.assign(persons.stream()
                .filter(p -> !trainOnly.contains(p.source())).toList(), params.folds(), params.holdoutFraction(),
                labels.bands(), params.seed()));
        persons.stream().filter(p -> trainOnly.contains(p.source()))
                .forEach(p -> folds.put(p.key(), ShardFormat.TRAIN_ONLY));
        return folds;
    }

    /** One task per photo, shuffled with the seed so shards mix persons and classes. */
    private List<Task> tasks(List<PersonEntry> persons, Map<String, Integer> folds) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            PersonEntry p = persons.get(i);
            for (String stem : p.images().keySet()) {
                tasks.add(new Task(p, i, stem, folds.get(p.key())));
            }
        }
        Collections.shuffle(tasks, new Random(params.seed()));
        return tasks;
    }

    /**
     * Prepares every photo on the worker threads, a chunk at a time so memory stays bounded, and adds each to the
     * shards in task order; a photo that cannot be prepared becomes an issue.
     */
    private Outcome prepareAll(List<DatasetSource> sources, List<Task> tasks, ImagePreparer preparer,
            ShardBuilder shards, List<String> inputNames, List<Issue> issues, IntConsumer progress)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "preprocess-worker");
            t.setDaemon(true);
            return t;
        });
        int done = 0;
        int excluded = 0;
        List<String> fallbacks = new ArrayList<>();
        try {
            for (int from = 0; from < tasks.size(); from += CHUNK) {
                List<Future<Prepared>> chunk = new ArrayList<>();
                for (Task task : tasks.subList(from, Math.min(tasks.size(), from + CHUNK))) {
                    chunk.add(pool.submit(() -> prepare(sources, task, preparer)));
                }
                for (Future<Prepared> future : chunk) {
                    Prepared prepared = future.get();
                    if (prepared.problem() != null) {
                        issues.add(prepared.problem());
                        excluded++;
                    } else {
                        Task t = prepared.task();
                        if (prepared.fellBack()) {
                            fallbacks.add(item(sources, t));
                        }
                        int label = labels.encode(Mask.fromFileName(t.stem()), t.person().record().gender(),
                                t.person().record().age());
                        shards.add(new ShardRecord(label, t.personIndex(), t.fold(), prepared.pixels()),
                                inputNames.get(t.person().source()));
                    }
                    progress.accept(++done);
                }
            }
        } catch (ExecutionException e) {
            throw new IOException("preparing images failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
        }
        return new Outcome(excluded, fallbacks);
    }

    /**
     * Waits a few seconds for the workers to end, so that a job that failed is not still reading and decoding
     * photos after it has reported the failure. A worker busy with one photo ends when that photo is done.
     */
    private static void awaitWorkers(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(WORKER_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warnf("preprocess workers still busy %d s after the job ended", WORKER_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The split as {@code split.json} records it: the folds, the special fold numbers, and each person's fold. */
    private Map<String, Object> split(List<PersonEntry> persons, Map<String, Integer> folds) {
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("folds", params.folds());
        split.put("holdout", ShardFormat.HOLDOUT);
        split.put("trainOnly", ShardFormat.TRAIN_ONLY);
        Map<String, Integer> byPerson = new TreeMap<>();
        persons.forEach(p -> byPerson.put(p.key() + " " + p.record().path(), folds.get(p.key())));
        split.put("persons", byPerson);
        return split;
    }

    private Prepared prepare(List<DatasetSource> sources, Task task, ImagePreparer preparer) {
        String path = task.person().images().get(task.stem());
        String item = item(sources, task);
        try {
            byte[] encoded = sources.get(task.person().source()).read(path);
            int[] box = faceBoxes.get(task.person().source() + "/" + path);
            ImagePreparer.Prepared prepared = preparer.prepareImage(encoded, box);
            return new Prepared(task, prepared.pixels(), null, prepared.fellBack());
        } catch (ImagePreparer.Rejected e) {
            Issue.Kind kind = e.tooManyPixels() ? Issue.Kind.TOO_MANY_PIXELS
                    : e.unexpectedSize() ? Issue.Kind.UNEXPECTED_SIZE : Issue.Kind.UNREADABLE_IMAGE;
            return new Prepared(task, null, new Issue(kind, item, e.getMessage()), false);
        } catch (IOException e) {
            return new Prepared(task, null, new Issue(Issue.Kind.UNREADABLE_IMAGE, item, e.getMessage()), false);
        }
    }

    /** How the report names a task's image: its path, after its data set's name when there are several. */
    private static String item(List<DatasetSource> sources, Task task) {
        String path = task.person().images().get(task.stem());
        return sources.size() > 1 ? sources.get(task.person().source()).name() + path : path;
    }

    /**
     * Fills shard files one after the other, hands each to the outputs when full, and keeps the statistics. The
     * shard being filled is a temp file; {@link #discard()} deletes it when the job does not get to the end.
     */
    private static final class ShardBuilder {
        private final Outputs outputs;
        private final int size;
        private final int perShard;
        private final List<ShardIndex.Shard> shards = new ArrayList<>();
        private final int[] classCounts = new int[Label.CLASSES];
        private final Map<String, int[]> classCountsByInput = new TreeMap<>();
        private final Map<String, Integer> foldCounts = new TreeMap<>();
        private final double[] sum = new double[3];
        private final double[] sumSquares = new double[3];
        private ShardWriter writer;
        private Path file;
        private int count;

        ShardBuilder(Outputs outputs, int size, int perShard) {
            this.outputs = outputs;
            this.size = size;
            this.perShard = perShard;
        }

        void add(ShardRecord record, String input) throws IOException {
            if (writer == null) {
                file = Files.createTempFile("shard-", ".bin");
                writer = new ShardWriter(file, size, size);
            }
            writer.write(record);
            count++;
            classCounts[record.label()]++;
            classCountsByInput.computeIfAbsent(input, i -> new int[18])[record.label()]++;
            foldCounts.merge(foldName(record.fold()), 1, Integer::sum);
            byte[] px = record.pixels();
            for (int i = 0; i < px.length; i++) {
                double v = (px[i] & 0xff) / 255.0;
                sum[i % 3] += v;
                sumSquares[i % 3] += v * v;
            }
            if (writer.count() == perShard) {
                flush();
            }
        }

        private void flush() throws IOException {
            if (writer == null) {
                return;
            }
            ShardWriter full = writer;
            writer = null; // close() lets go of the file even when it fails; discard() then only deletes it
            full.close();
            ArtifactRef ref = outputs.put(String.format("shards/shard-%05d.bin", shards.size()), file,
                    "application/octet-stream");
            shards.add(new ShardIndex.Shard(ref, full.count()));
            Files.deleteIfExists(file);
            file = null;
        }

        /**
         * Closes and deletes the shard file not uploaded yet, if there is one: the job failed or was stopped
         * while filling it, or its upload failed. Does nothing after {@link #finish()}. Never throws, so the
         * job's own failure is the one reported.
         */
        void discard() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException e) {
                    LOG.debugf(e, "could not close the unfinished shard %s", file);
                }
                writer = null;
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf(e, "could not delete the unfinished shard %s", file);
                }
                file = null;
            }
        }

        List<ShardIndex.Shard> finish() throws IOException {
            flush();
            return shards;
        }

        int count() {
            return count;
        }

        /**
         * The index of the shards written, with each person's age and drawing values by the person number the
         * records carry. The values' names are the first source's that has them; a person of a source without
         * them, or with other names, gets none.
         */
        ShardIndex index(List<ShardIndex.Shard> written, int folds, int[] ages, Map<String, Object> parameters,
                List<PersonCues> cues, List<PersonEntry> persons) {
            List<String> cueNames = cues.stream().map(PersonCues::names).filter(n -> !n.isEmpty()).findFirst()
                    .orElse(List.of());
            double[][] personCues = new double[cueNames.isEmpty() ? 0 : persons.size()][];
            for (int i = 0; i < personCues.length; i++) {
                PersonCues of = cues.get(persons.get(i).source());
                personCues[i] = of.names().equals(cueNames) ? of.byId().get(persons.get(i).record().id()) : null;
            }
            double pixels = (double) count * size * size;
            double[] mean = new double[3];
            double[] std = new double[3];
            for (int c = 0; c < 3; c++) {
                mean[c] = pixels == 0 ? 0 : sum[c] / pixels;
                std[c] = pixels == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares[c] / pixels - mean[c] * mean[c]));
            }
            double[] weights = new double[18];
            for (int c = 0; c < 18; c++) {
                weights[c] = classCounts[c] == 0 ? 0 : 1.0 / classCounts[c];
            }
            return new ShardIndex(size, 3, count, written, classCounts, weights, foldCounts, folds, mean, std,
                    ages.length, parameters, classCountsByInput, ages, cueNames, personCues);
        }

        private static String foldName(int fold) {
            return fold == ShardFormat.HOLDOUT ? "holdout" : fold == ShardFormat.TRAIN_ONLY ? "trainOnly"
                    : Integer.toString(fold);
        }
    }
}
