package io.maskflow.datagen;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.api.LargePhotos;
import io.maskflow.datagen.dataset.DatasetGenerator;
import io.maskflow.datagen.dataset.DatasetPreview;
import io.maskflow.datagen.dataset.GenerationReport;
import io.maskflow.datagen.faces.FaceMasking;
import io.maskflow.datagen.faces.SharedFaceAnalyzer;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.DatasetFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * The {@code datagen} step. Without inputs it generates a data set in the competition's layout under the step's
 * output prefix and answers with its manifest ({@code dataset}, whose key's folder is the data set's root),
 * {@code trainCsv}, {@code evalInfo} and {@code evalAnswers}. With input {@code photos} — a set of bare face photos
 * under {@code faces/} — it puts masks on them instead ({@link FaceMasking}, the {@code mask-faces} step) and
 * answers with {@code dataset} (its manifest: each person, whether gender and age were estimated, the photos and
 * other files left out) and {@code trainCsv}; of the parameters, {@code maskTypes}, {@code seed}, {@code width} and
 * {@code height} apply.
 */
@ApplicationScoped
public class DatagenStep implements StepHandler {

    private static final Logger LOG = Logger.getLogger(DatagenStep.class);

    @Inject
    DatagenSettings settings;
    @Inject
    SharedFaceAnalyzer faces;

    @Override
    public StepType type() {
        return StepType.DATAGEN;
    }

    @Override
    public String codeVersion() {
        return DatasetGenerator.VERSION;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        DatagenParams params = context.parameters(DatagenParams.DEFAULTS);
        if (context.command().inputs().containsKey(PHOTOS)) {
            return maskFaces(context, params);
        }
        int total = params.persons() + params.evalPersons();
        int every = Math.max(1, total / 10);
        Generated generated = generateInto(context.store(), context.outputPrefix(), params, settings.threadCount(),
                settings.uploadCount(), settings.packBytes(), done -> {
                    if (done % every == 0 || done == total) {
                        context.progress(new Progress("persons", done, total, done + " of " + total + " persons",
                                Map.of()));
                    }
                });
        StoreSink sink = generated.sink();
        GenerationReport report = generated.report();
        LOG.infof("generated %d + %d persons (%d images) in %.1f s under %s", report.persons(), report.evalPersons(),
                report.trainImages() + report.evalImages(), report.seconds(), context.outputPrefix());
        ArtifactRef trainCsv = sink.ref(CompetitionLayout.TRAIN_CSV);
        DatasetFiles files = DatasetFiles.open(context.store(), trainCsv);
        byte[] preview = DatasetPreview.contactSheet(new String(files.read(CompetitionLayout.TRAIN_CSV),
                StandardCharsets.UTF_8), files::read);
        ArtifactRef previewRef = context.store().put(context.outputPrefix() + PREVIEW, preview, "image/png");
        return new StepResult(Map.of(
                "dataset", sink.ref(DatasetGenerator.MANIFEST),
                "trainCsv", trainCsv,
                "evalInfo", sink.ref(CompetitionLayout.EVAL_CSV),
                "evalAnswers", sink.ref(DatasetGenerator.EVAL_ANSWERS),
                "preview", previewRef),
                Map.of("persons", (double) report.persons(), "evalPersons", (double) report.evalPersons(),
                        "images", (double) report.trainImages() + report.evalImages(),
                        "seconds", report.seconds(),
                        "imagesPerSecond", (report.trainImages() + report.evalImages()) / report.seconds()));
    }

    /** A generated data set: its manifest, and the sink that knows the references of its files. */
    record Generated(GenerationReport report, StoreSink sink) {
    }

    /** Generates the data set under {@code prefix} of the store: the step's work without its events and preview. */
    static Generated generateInto(ArtifactStore store, String prefix, DatagenParams params, int threads, int uploads,
            int packBytes, IntConsumer progress) throws IOException, InterruptedException {
        try (StoreSink sink = new StoreSink(store, prefix, uploads, packBytes)) {
            GenerationReport report = new DatasetGenerator(params, threads).generate(sink, progress);
            return new Generated(report, sink);
        }
    }

    /** The data set's contact sheet, beside its manifest (not under train/ or eval/: no part of the layout). */
    static final String PREVIEW = "preview.png";

    /** The input that makes this step put masks on photos instead of generating people. */
    static final String PHOTOS = "photos";

    private StepResult maskFaces(StepContext context, DatagenParams params) throws Exception {
        DatasetFiles files = DatasetFiles.open(context.store(), context.input(PHOTOS));
        // every file, so that those that are no photos are reported (not a folder's marker key: no file)
        List<FaceMasking.Photo> faceSet = new ArrayList<>();
        for (String path : files.list(CompetitionLayout.FACES)) {
            if (!path.endsWith("/")) {
                faceSet.add(new FaceMasking.Photo(path, () -> files.open(path)));
            }
        }
        long photos = faceSet.stream().filter(file -> FaceMasking.isPhoto(file.path())).count();
        if (photos == 0) {
            throw new StepFailure("no-photos", "there are no .jpg, .jpeg or .png photos under "
                    + CompetitionLayout.FACES + " in " + files.name() + others(faceSet), false);
        }
        try (StoreSink sink = new StoreSink(context.store(), context.outputPrefix(), settings.uploadCount(),
                settings.packBytes())) {
            return maskFaces(context, params, files, faceSet, (int) photos, sink);
        }
    }

    /** The files found instead of photos, for the no-photos failure: " (2 other files, e.g. faces/a.txt)", or "". */
    private static String others(List<FaceMasking.Photo> files) {
        if (files.isEmpty()) {
            return "";
        }
        String count = files.size() == 1 ? "1 other file: " : files.size() + " other files, e.g. ";
        return " (" + count + files.get(0).path() + ")";
    }

    /** Masks the {@code total} photos among the face set's files; the other files are reported as left out. */
    private StepResult maskFaces(StepContext context, DatagenParams params, DatasetFiles files,
            List<FaceMasking.Photo> faceSet, int total, StoreSink sink) throws Exception {
        FaceMasking masking = new FaceMasking(faces.get(), params.maskTypes(), params.seed(), settings.threadCount(),
                LargePhotos.MAX_PIXELS, params.width(), params.height());
        FaceMasking.Report report = masking.run(files.name(), faceSet, sink, done -> {
            if (done % Math.max(1, total / 10) == 0 || done == total) {
                context.progress(new Progress("photos", done, total, done + " of " + total + " photos", Map.of()));
            }
        });
        if (report.persons().isEmpty()) {
            // a photo is also left out for its folder's name, or as truncated, not only for want of a face
            throw new StepFailure("no-faces", "none of the " + total + " photos of " + files.name()
                    + " gave a masked face; e.g. " + report.skipped().get(0).photo() + ": "
                    + report.skipped().get(0).reason(), false);
        }
        sink.write(DatasetGenerator.MANIFEST, EventCodec.instance().mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(report), "application/json");
        LOG.infof("masked %d faces of %d photos (%d estimated, %d left out) in %.1f s under %s",
                report.persons().size(), total, report.estimated(), report.skipped().size(), report.seconds(),
                context.outputPrefix());
        return new StepResult(Map.of("dataset", sink.ref(DatasetGenerator.MANIFEST),
                "trainCsv", sink.ref(CompetitionLayout.TRAIN_CSV)),
                Map.of("persons", (double) report.persons().size(), "photos", (double) total,
                        "estimated", (double) report.estimated(), "skipped", (double) report.skipped().size(),
                        "images", (double) report.persons().size() * Mask.fileStems().length,
                        "seconds", report.seconds()));
    }
}
