package io.maskflow.orchestrator.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.run.RunSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Parameters that a later step refused, or that no step read, found when the run is submitted (a probe of the
 * running system, 2026-12-06): persons too few for the split (refused by the train step, after generating and
 * preprocessing), pseudo-labels of a data set without an eval/ folder (refused after training), a balanceCue the
 * trainer does not take or that the data set cannot give, and the generator's parameters for a run that generates
 * nothing (silently ignored).
 */
class RunChecksTest {

    private static final PipelineCatalog CATALOG = PipelineCatalog.load(Optional.empty());
    private static final String TRAIN_ONLY = "datasets/mine/";

    /** Finds every data set, holding {@code files}. */
    private static DatasetLocator holding(String... files) {
        return new DatasetLocator() {
            @Override
            public ArtifactRef locate(String value, Kind kind) {
                return find(value, kind).ref();
            }

            @Override
            public Found find(String value, Kind kind) {
                return new Found(new ArtifactRef("maskflow", value + "maskflow-dataset.json", 10, "a".repeat(64)),
                        Set.of(files));
            }
        };
    }

    private static final DatasetLocator OWN_PHOTOS = holding("train/train.csv", "train/images/a/mask1.jpg");

    private static RunSpec resolve(String pipeline, Map<String, Object> parameters, DatasetLocator datasets) {
        return DefinitionResolver.resolve(CATALOG.get(pipeline), parameters, "r", datasets);
    }

    @Test
    void personsTooFewForTheSplitAreRefusedSayingTheLeast() {
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("persons", 1), OWN_PHOTOS))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("parameter 'persons' is 1, fewer than the 2 persons training needs: step "
                        + "'train' validates on fold 0")
                .hasMessageEndingWith("give at least 2");
        assertThat(resolve("train-and-serve", Map.of("persons", 2), OWN_PHOTOS).step("generate").parameters())
                .containsEntry("persons", 2);
        // one model per fold: the last validates on fold 2, so three persons must stay out of the hold-out
        assertThatThrownBy(() -> resolve("kfold-ensemble", Map.of("persons", 2), OWN_PHOTOS))
                .hasMessageContaining("step 'train-2' validates on fold 2").hasMessageEndingWith("give at least 3");
        resolve("kfold-ensemble", Map.of("persons", 3), OWN_PHOTOS);
        // half held out: a group of 1 is held out whole, one of 2 keeps 1; six persons can all be alone in a group
        assertThatThrownBy(() -> resolve("sweep", Map.of("persons", 6, "holdoutFraction", 0.5), OWN_PHOTOS))
                .hasMessageContaining("round(n x 0.5)").hasMessageEndingWith("give at least 9");
        // ten folds of ten persons: the hold-out took one of them (two groups of five) and fold 9 was empty
        assertThatThrownBy(() -> resolve("kfold-ensemble", Map.of("persons", 10, "folds", 10), OWN_PHOTOS))
                .hasMessageContaining("step 'train-9' validates on fold 9").hasMessageEndingWith("give at least 12");
        // generated persons added to the training folds only are not split, and need no least
        resolve("train-on-dataset", Map.of("dataset", TRAIN_ONLY, "synthetic", Map.of("persons", 1)), OWN_PHOTOS);
    }

    @Test
    void theLeastPersonsFollowTheSplitsRounding() {
        // however the persons fall into the six gender x age groups
        assertThat(RunChecks.leastPersons(2, 0.1)).isEqualTo(2);
        assertThat(RunChecks.leastPersons(2, 0.25)).isEqualTo(3); // a group of 2 holds one out
        assertThat(RunChecks.leastPersons(2, 0.5)).isEqualTo(9);
        assertThat(RunChecks.leastPersons(10, 0.1)).isEqualTo(12); // two groups of 5 hold two out
        assertThat(RunChecks.leastPersons(30, 0.1)).isEqualTo(36);
        assertThat(RunChecks.fewestKept(10, 0.1)).isEqualTo(8);
        assertThat(RunChecks.fewestKept(6, 0.5)).isZero(); // six persons alone in their groups: all held out
    }

    /** It ran through: trained once, pseudo-labelled nothing, skipped the retraining, and succeeded. */
    @Test
    void pseudoLabelsOfNoGeneratedEvalPersonsAreRefused() {
        assertThatThrownBy(() -> resolve("pseudo-label", Map.of("evalPersons", 0), OWN_PHOTOS))
                .isInstanceOf(DefinitionException.class).hasMessageStartingWith("parameter 'evalPersons' is 0, so "
                        + "there are no eval images for step 'pseudo-label' to pseudo-label").hasMessageEndingWith(
                        "give at least 1");
        resolve("pseudo-label", Map.of("evalPersons", 1), OWN_PHOTOS);
        resolve("train-and-serve", Map.of("evalPersons", 0), OWN_PHOTOS);
    }

    @Test
    void pseudoLabelsOfADataSetWithoutAnEvalFolderAreRefused() {
        assertThatThrownBy(() -> resolve("pseudo-label", Map.of("dataset", TRAIN_ONLY), OWN_PHOTOS))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("parameter 'dataset': data set 'datasets/mine/' has no eval/ folder (no eval/info.csv), "
                        + "and step 'pseudo-label' pseudo-labels its eval images (parameter 'threshold' is 0.9): "
                        + "give a data set with eval/info.csv and eval/images/, or train on this one with a pipeline "
                        + "that does not pseudo-label, such as train-on-dataset");
        resolve("pseudo-label", Map.of("dataset", TRAIN_ONLY), holding("train/train.csv", "eval/info.csv"));
        resolve("pseudo-label", Map.of(), OWN_PHOTOS); // generated: its eval folder is made
        // without pseudo-labels an eval folder is optional: no submission is written
        resolve("train-on-dataset", Map.of("dataset", TRAIN_ONLY), OWN_PHOTOS);
    }

    /**
     * An imageSize too small for a train step's network (runs reported on 2026-12-06: stem-cnn at 16 and 24 px,
     * resnet18 at 17 and 24 px and convnext-nano at 16 px were accepted, generated and preprocessed for minutes, then
     * failed in the train step, stem-cnn's as an internal error that was retried) is refused when the run is
     * submitted, with the least size the network takes.
     */
    @Test
    void anImageSizeTooSmallForTheNetworkIsRefusedNamingTheLeast() {
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("architecture", "stem-cnn", "imageSize", 24),
                OWN_PHOTOS)).isInstanceOf(DefinitionException.class)
                .hasMessage("imageSize 24 is too small for stem-cnn: it takes at least 31 (its stride-2 stem and four "
                        + "2 x 2 poolings halve the image five times)");
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("architecture", "resnet18", "imageSize", 17),
                OWN_PHOTOS)).hasMessageStartingWith("imageSize 17 is too small for resnet18: it takes at least 29");
        assertThatThrownBy(() -> resolve("kfold-ensemble", Map.of("architecture", "convnext-nano", "imageSize", 16),
                OWN_PHOTOS)).hasMessageStartingWith("imageSize 16 is too small for convnext-nano: it takes at "
                        + "least 32");
        assertThat(resolve("train-and-serve", Map.of("architecture", "stem-cnn", "imageSize", 31), OWN_PHOTOS)
                .step("preprocess").parameters()).containsEntry("imageSize", 31);
        resolve("train-and-serve", Map.of("architecture", "resnet18", "imageSize", 29), OWN_PHOTOS);
        resolve("train-and-serve", Map.of("imageSize", 16), OWN_PHOTOS); // compact-cnn
        // one of several networks on the same shards: named by its step
        assertThatThrownBy(() -> resolve("per-head", Map.of("imageSize", 24), OWN_PHOTOS))
                .hasMessage("imageSize 24 is too small for convnext-nano: it takes at least 32 (it reduces the image "
                        + "32 times); the size is parameter 'imageSize', the network step 'train-1' parameter "
                        + "'architecture'");
        resolve("per-head", Map.of("imageSize", 24, "architectures", List.of("compact-cnn", "vit-tiny")),
                OWN_PHOTOS);
        // a search's trials draw the network from its space
        assertThatThrownBy(() -> resolve("search", Map.of("imageSize", 16), OWN_PHOTOS))
                .hasMessageStartingWith("imageSize 16 is too small for convnext-nano: it takes at least 32")
                .hasMessageContaining("the network step 'trial-");
    }

    @Test
    void aBalanceCueTheTrainerDoesNotTakeIsRefusedListingTheNames() {
        for (String cue : new String[] {"beard", "jaw", "hairline"}) {
            assertThatThrownBy(() -> resolve("train-and-serve", Map.of("balanceCue", cue), OWN_PHOTOS)).as(cue)
                    .isInstanceOf(DefinitionException.class)
                    .hasMessage("parameter 'balanceCue' is '" + cue + "', which is not a drawing value the trainer "
                            + "can balance by: give one of the generator's 0/1 values facial_hair, earrings, "
                            + "long_hair, makeup, or leave it empty for none");
        }
        assertThat(resolve("train-and-serve", Map.of("balanceCue", "facial_hair"), OWN_PHOTOS).step("train")
                .parameters()).containsEntry("balanceCue", "facial_hair");
    }

    @Test
    void aBalanceCueOnADataSetWithoutDrawingValuesIsRefused() {
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "balanceCue",
                "long_hair"), OWN_PHOTOS)).isInstanceOf(DefinitionException.class)
                .hasMessage("parameter 'balanceCue' is 'long_hair', but data set 'datasets/mine/' (parameter "
                        + "'dataset') has no drawing values (no train/cues.csv; generated data sets have them, "
                        + "photos of your own do not), so the training could not be balanced by it; leave "
                        + "balanceCue out");
        // a generated data set uploaded again keeps its cues.csv; a user's own may have other 0/1 columns, which the
        // trainer checks against the shards (the generator's names are not the only ones there)
        resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "balanceCue", "long_hair"),
                holding("train/train.csv", "train/cues.csv"));
        assertThat(resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "balanceCue", "glasses"),
                holding("train/train.csv", "train/cues.csv")).step("train").parameters())
                .containsEntry("balanceCue", "glasses");
        // files not known: nothing refused on a guess
        resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "balanceCue", "long_hair"),
                (value, kind) -> new ArtifactRef("maskflow", value + "x.json", 1, "a".repeat(64)));
    }

    @Test
    void generatorParametersForARunOnADataSetAreRefusedNamingThem() {
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "persons", 1000,
                "style", "classic", "epochs", 2), OWN_PHOTOS)).isInstanceOf(DefinitionException.class)
                .hasMessage("parameters 'persons' (1000), 'style' ('classic') have no effect: only step 'generate' "
                        + "reads them, which this run skips, since it trains on data set 'datasets/mine/' "
                        + "(parameter 'dataset') instead of generating one; leave them out");
        assertThatThrownBy(() -> resolve("search", Map.of("dataset", TRAIN_ONLY, "mixStyles", "classic,inked"),
                OWN_PHOTOS)).hasMessageStartingWith("parameter 'mixStyles' ('classic,inked') has no effect");
        assertThatThrownBy(() -> resolve("kfold-ensemble", Map.of("dataset", TRAIN_ONLY, "evalPersons", 5),
                OWN_PHOTOS)).hasMessageStartingWith("parameter 'evalPersons' (5) has no effect");
        // read by another step too: the seed splits the data set, a style held out is still generated
        resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "seed", 7, "heldOutStyle", "mixed",
                "evalPersons", 100, "mixStyles", "classic,inked"), OWN_PHOTOS);
        // the defaults are not the request's
        resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY), OWN_PHOTOS);
    }

    /** style=classic with mixStyles drew classic persons without a word (a probe of the running system, 2026-12-06). */
    @Test
    void mixStylesWithoutAMixedSetIsRefused() {
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("style", "classic", "mixStyles", "painted,inked"),
                OWN_PHOTOS)).isInstanceOf(DefinitionException.class)
                .hasMessage("parameter 'mixStyles' ('painted,inked') has no effect: only a mixed set draws from it, "
                        + "and parameter 'style' is 'classic'; give style=mixed (or heldOutStyle=mixed, where the "
                        + "pipeline has it), or leave mixStyles out");
        // search draws classic persons by default
        assertThatThrownBy(() -> resolve("search", Map.of("mixStyles", "painted,inked"), OWN_PHOTOS))
                .hasMessageContaining("parameter 'style' is 'classic'");
        assertThatThrownBy(() -> resolve("train-and-serve", Map.of("dataset", TRAIN_ONLY, "heldOutStyle", "painted",
                "mixStyles", "classic,inked"), OWN_PHOTOS)).hasMessageContaining("has no effect");
        resolve("train-and-serve", Map.of("mixStyles", "painted,inked"), OWN_PHOTOS);
        resolve("train-and-serve", Map.of("style", "classic", "heldOutStyle", "mixed", "mixStyles", "painted,inked"),
                OWN_PHOTOS);
        resolve("search", Map.of("style", "mixed", "mixStyles", "painted,inked"), OWN_PHOTOS);
    }
}
