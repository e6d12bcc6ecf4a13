package io.maskflow.datagen.dataset;

import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.LabelCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.masks.MaskType;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Generates a data set in the competition's layout into a {@link DatasetSink}: persons are drawn, photographed,
 * encoded and written in parallel, a bounded number at a time, so memory does not grow with the set's size.
 * Person {@code i} is the same whatever the threads, order or replica (see {@link PersonFactory}).
 */
public final class DatasetGenerator {

    /** Changes whenever drawing changes, so cached data sets of an older drawing are not reused. */
    public static final String VERSION = "1";
    /** Where the true answers of the eval set go: beside {@code eval/}, not in it. */
    public static final String EVAL_ANSWERS = "answers/eval-answers.csv";
    public static final String MANIFEST = "dataset.json";

    private final DatagenParams params;
    private final int threads;
    private final PersonFactory persons;
    private final PhotoSet photos;
    private final LabelCodec labels = LabelCodec.competition();

    public DatasetGenerator(DatagenParams params, int threads) {
        this.params = params;
        this.threads = Math.max(1, threads);
        this.persons = new PersonFactory(params);
        this.photos = new PhotoSet(params.width(), params.height(),
                params.maskTypes().stream().map(MaskType::fromId).toList());
    }

    /**
     * Writes the whole data set and returns its manifest (also written as {@value #MANIFEST}).
     *
     * @param progress called with the number of persons done so far
     */
    public GenerationReport generate(DatasetSink sink, IntConsumer progress) throws IOException,
            InterruptedException {
        long start = System.nanoTime();
        int first = params.firstPerson();
        int total = params.persons() + params.evalPersons();
        Map<Integer, Person> train = new TreeMap<>();
        Map<String, Integer> evalAnswers = new TreeMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "datagen-worker");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int k = 0; k < total; k++) {
                int index = first + k;
                boolean eval = k >= params.persons();
                inFlight.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        Person person = writePerson(index, eval, sink, evalAnswers);
                        if (!eval) {
                            synchronized (train) {
                                train.put(index, person);
                            }
                        }
                        progress.accept(done.incrementAndGet());
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("generation failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        return finish(sink, train, evalAnswers, (System.nanoTime() - start) / 1e9);
    }

    private Person writePerson(int index, boolean eval, DatasetSink sink, Map<String, Integer> evalAnswers)
            throws IOException {
        SplittableRandom random = persons.randomFor(index);
        Person person = persons.make(index, random);
        for (Map.Entry<String, BufferedImage> photo : photos.drawAll(person, random).entrySet()) {
            byte[] jpeg = JpegEncoder.encode(photo.getValue());
            if (eval) {
                String imageId = evalImageId(index, photo.getKey());
                sink.write(CompetitionLayout.EVAL_IMAGES + imageId, jpeg, "image/jpeg");
                synchronized (evalAnswers) {
                    evalAnswers.put(imageId, classOf(person.truth(), photo.getKey()));
                }
            } else {
                sink.write(CompetitionLayout.trainImage(person.labelled(), photo.getKey(), "jpg"), jpeg,
                        "image/jpeg");
            }
        }
        return person;
    }

    private GenerationReport finish(DatasetSink sink, Map<Integer, Person> train, Map<String, Integer> evalAnswers,
            double seconds) throws IOException {
        StringBuilder trainCsv = new StringBuilder(CompetitionLayout.TRAIN_HEADER).append('\n');
        int[] classCounts = new int[18];
        List<String> noisy = new ArrayList<>();
        for (Person person : train.values()) {
            trainCsv.append(CompetitionLayout.trainCsvLine(person.labelled())).append('\n');
            for (String stem : Mask.fileStems()) {
                classCounts[classOf(person.labelled(), stem)]++;
            }
            if (person.noisy()) {
                noisy.add(person.truth().id());
            }
        }
        StringBuilder info = new StringBuilder(CompetitionLayout.EVAL_HEADER).append('\n');
        StringBuilder answers = new StringBuilder(CompetitionLayout.EVAL_HEADER).append('\n');
        int[] evalCounts = new int[18];
        evalAnswers.forEach((imageId, answer) -> {
            info.append(CompetitionLayout.evalCsvLine(imageId, 0)).append('\n');
            answers.append(CompetitionLayout.evalCsvLine(imageId, answer)).append('\n');
            evalCounts[answer]++;
        });
        sink.write(CompetitionLayout.TRAIN_CSV, utf8(trainCsv), "text/csv");
        sink.write(CompetitionLayout.EVAL_CSV, utf8(info), "text/csv");
        sink.write(EVAL_ANSWERS, utf8(answers), "text/csv");
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = EventCodec.instance().mapper().convertValue(params, Map.class);
        GenerationReport report = new GenerationReport(VERSION, parameters, train.size(), params.evalPersons(),
                train.size() * 7, evalAnswers.size(), classCounts, evalCounts, noisy, seconds);
        sink.write(MANIFEST, EventCodec.instance().mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(report), "application/json");
        return report;
    }

    private int classOf(PersonRecord person, String stem) {
        return labels.encode(Mask.fromFileName(stem), person.gender(), person.age());
    }

    /** A 40-hex-digit name like the competition's eval images, fixed by seed, person and file. */
    private String evalImageId(int index, String stem) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((params.seed() + "/" + index + "/" + stem)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".jpg";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
