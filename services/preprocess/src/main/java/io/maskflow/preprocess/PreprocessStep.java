package io.maskflow.preprocess;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.dataset.LabelCorrections;
import io.maskflow.preprocess.shards.Outputs;
import io.maskflow.preprocess.source.DatasetSource;
import io.maskflow.preprocess.source.StoreSource;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.vision.image.SharedFaceAnalyzer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The {@code preprocess} step. Input {@code dataset} (and any other inputs, merged in name order) points into a
 * data set in the competition layout; inputs named {@code synthetic...} are merged into the training folds only
 * (never a validation fold or the hold-out); outputs are {@code shards} (the shard index), {@code report} and
 * {@code reportText} (the validation report) and {@code split} (each person's fold). With {@code crop=face} the
 * metric {@code faceFallbacks} counts the images in which no face was found (they got the centre crop); the face
 * analyzer is loaded once, by the first such job, and shared by every job after it.
 */
@ApplicationScoped
public class PreprocessStep implements StepHandler {

    private static final Logger LOG = Logger.getLogger(PreprocessStep.class);
    /**
     * 3: crop=face, and the crop parameters in the shard index. 4: photos more than twice the expected size are
     * taken, and JPEGs with an EXIF orientation are prepared upright (the same bytes for photos of the expected size
     * without one). 5: PNGs with an EXIF orientation ({@code eXIf} chunk) too. 6: not when that chunk fails its CRC.
     * 7: the index keeps each person's age ({@code personAges}), so the trainer can move the 60+ cut in training.
     * 8: and each person's drawing values from a generated data set's {@code train/cues.csv} ({@code personCues}).
     * 9: photo names matched in any case ({@code MASK1.JPG}; a {@code Mask1.jpg} beside {@code mask1.jpg} is trained
     * once, not twice), {@code train/faces.csv} needs its header, and of a path given twice the first box is used.
     * 10: the centre crop keeps its aspect in photos that are not 3:4 (the same bytes for 3:4 ones), and a PNG's
     * colour profile is applied.
     */
    static final String VERSION = "10";
    /** Inputs whose name starts with this only train (fold {@code TRAIN_ONLY}): generated people for thin classes. */
    static final String TRAIN_ONLY_PREFIX = "synthetic";

    private final SharedFaceAnalyzer faces = new SharedFaceAnalyzer();

    @Override
    public StepType type() {
        return StepType.PREPROCESS;
    }

    @Override
    public String codeVersion() {
        return VERSION;
    }

    @Override
    public StepResult run(StepContext context) throws Exception {
        PreprocessParams params;
        try {
            params = parameters(context.command().parameters());
        } catch (IllegalArgumentException e) {
            throw new StepFailure("invalid-parameters", e.getMessage(), false, e);
        }
        context.input("dataset");
        List<DatasetSource> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<Integer> trainOnly = new HashSet<>();
        Map<String, ArtifactRef> inputs = new TreeMap<>(context.command().inputs());
        sources.add(open(context, "dataset", inputs.remove("dataset")));
        names.add("dataset");
        for (Map.Entry<String, ArtifactRef> other : inputs.entrySet()) {
            if (other.getKey().startsWith(TRAIN_ONLY_PREFIX)) {
                trainOnly.add(sources.size());
            }
            sources.add(open(context, other.getKey(), other.getValue()));
            names.add(other.getKey());
        }
        Outputs outputs = outputsOf(context);
        PreprocessJob.Result result;
        try {
            result = new PreprocessJob(params, Runtime.getRuntime().availableProcessors(), faces).run(sources, names,
                    trainOnly, outputs, done -> {
                        if (done % 500 == 0) {
                            context.progress(Progress.of("images", done, 0));
                        }
                    });
        } catch (ArtifactNotFoundException e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("train.csv")) {
                throw new StepFailure("invalid-dataset", e.getMessage(), false, e);
            }
            throw e;
        }
        LOG.infof("preprocessed %d images of %d persons into %d shards in %.1f s; %d images left out",
                result.index().count(), result.index().persons(), result.index().shards().size(), result.seconds(),
                result.report().excludedImages());
        if (result.index().count() == 0) {
            throw new StepFailure("empty-dataset", "no usable image in " + sources.stream()
                    .map(DatasetSource::name).toList() + ":\n" + result.report().summary(), false);
        }
        Map<String, Double> metrics = new LinkedHashMap<>(Map.of("images", (double) result.index().count(),
                "persons", (double) result.index().persons(),
                "excludedImages", (double) result.report().excludedImages(),
                "problems", (double) result.report().issues().size(), "seconds", result.seconds(),
                "imagesPerSecond", result.index().count() / Math.max(1e-9, result.seconds())));
        if (params.cropsFaces()) {
            metrics.put("faceFallbacks", (double) result.report().faceFallbacks());
        }
        return new StepResult(Map.of("shards", result.indexRef(), "report", result.reportRef(),
                "reportText", result.summaryRef(), "split", result.splitRef()), metrics);
    }

    /**
     * The step's parameters, bound over the defaults, with the label corrections checked too (the record takes any
     * text), so a job that cannot run is refused before it starts: over REST with 400, as a step for good.
     *
     * @throws io.maskflow.contracts.params.InvalidParametersException when a parameter does not bind
     * @throws IllegalArgumentException naming a correction that applies to no data set
     */
    public static PreprocessParams parameters(Map<String, Object> given) {
        if (given != null && given.get("corrections") instanceof List<?> corrections) {
            LabelCorrections.check(corrections); // before binding, which says only "null" of a null in the list
        }
        PreprocessParams params = StepParameters.bind(given, PreprocessParams.DEFAULTS);
        LabelCorrections.check(params.corrections());
        return params;
    }

    /** The data set behind an input; one that is not a data set (a broken manifest) fails the step for good. */
    private static DatasetSource open(StepContext context, String input, ArtifactRef ref) throws IOException,
            StepFailure {
        try {
            return StoreSource.around(context.store(), ref);
        } catch (IllegalArgumentException e) {
            throw new StepFailure("invalid-dataset", "input '" + input + "': " + e.getMessage(), false, e);
        }
    }

    @PreDestroy
    void closeFaces() {
        faces.close();
    }

    /** The job's outputs, written as the step's. */
    private static Outputs outputsOf(StepContext context) {
        return new Outputs() {
            @Override
            public ArtifactRef put(String name, Path file, String contentType) throws IOException {
                return context.writeOutput(name, file, contentType);
            }

            @Override
            public ArtifactRef put(String name, byte[] content, String contentType) throws IOException {
                return context.writeOutput(name, content, contentType);
            }
        };
    }
}
