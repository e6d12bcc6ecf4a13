package io.maskflow.datagen;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.events.Progress;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.dataset.DatasetGenerator;
import io.maskflow.datagen.dataset.DatasetSink;
import io.maskflow.datagen.dataset.GenerationReport;
import io.maskflow.sdk.step.StepContext;
import io.maskflow.sdk.step.StepHandler;
import io.maskflow.sdk.step.StepResult;
import io.maskflow.sdk.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The {@code datagen} step: generates a data set in the competition's layout under the step's output prefix and
 * answers with its manifest ({@code dataset}, whose key's folder is the data set's root), {@code trainCsv},
 * {@code evalInfo} and {@code evalAnswers}.
 */
@ApplicationScoped
public class GenerateStep implements StepHandler {

    private static final Logger LOG = Logger.getLogger(GenerateStep.class);

    @Inject
    DatagenSettings settings;

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
        int total = params.persons() + params.evalPersons();
        int every = Math.max(1, total / 10);
        StoreSink sink = new StoreSink(context.store(), context.outputPrefix());
        GenerationReport report = new DatasetGenerator(params, settings.threadCount()).generate(sink, done -> {
            if (done % every == 0 || done == total) {
                context.progress(new Progress("persons", done, total, done + " of " + total + " persons", Map.of()));
            }
        });
        LOG.infof("generated %d + %d persons (%d images) in %.1f s under %s", report.persons(), report.evalPersons(),
                report.trainImages() + report.evalImages(), report.seconds(), context.outputPrefix());
        return new StepResult(Map.of(
                "dataset", sink.ref(DatasetGenerator.MANIFEST),
                "trainCsv", sink.ref(CompetitionLayout.TRAIN_CSV),
                "evalInfo", sink.ref(CompetitionLayout.EVAL_CSV),
                "evalAnswers", sink.ref(DatasetGenerator.EVAL_ANSWERS)),
                Map.of("persons", (double) report.persons(), "evalPersons", (double) report.evalPersons(),
                        "images", (double) report.trainImages() + report.evalImages(),
                        "seconds", report.seconds(),
                        "imagesPerSecond", (report.trainImages() + report.evalImages()) / report.seconds()));
    }

    /** Writes into the store under a prefix and remembers the references of everything but the images. */
    static final class StoreSink implements DatasetSink {

        private final ArtifactStore store;
        private final String prefix;
        private final Map<String, ArtifactRef> files = new ConcurrentHashMap<>();

        StoreSink(ArtifactStore store, String prefix) {
            this.store = store;
            this.prefix = prefix;
        }

        @Override
        public void write(String path, byte[] content, String contentType) throws IOException {
            ArtifactRef ref = store.put(prefix + path, content, contentType);
            if (!contentType.startsWith("image/")) {
                files.put(path, ref);
            }
        }

        ArtifactRef ref(String path) {
            ArtifactRef ref = files.get(path);
            if (ref == null) {
                throw new IllegalStateException("the generator did not write " + path);
            }
            return ref;
        }
    }
}
