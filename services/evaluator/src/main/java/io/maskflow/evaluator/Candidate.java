package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.shards.ShardFormat;
import io.maskflow.contracts.shards.ShardRecord;
import io.maskflow.sdk.step.StepFailure;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model or an ensemble to judge, downloaded: it predicts records with its members and, for an ensemble, their
 * vote. A missing or unreadable artifact, or one whose input size differs from the data's, is a step failure
 * that names it.
 */
final class Candidate {

    private final ArtifactRef ref;
    private final Ensemble ensemble;
    private final List<Path> files;
    private final List<ModelDescriptor> descriptors;

    Candidate(ArtifactRef ref, Ensemble ensemble, List<Path> files, List<ModelDescriptor> descriptors) {
        this.ref = ref;
        this.ensemble = ensemble;
        this.files = files;
        this.descriptors = descriptors;
    }

    /** Downloads a model zip, or an ensemble's JSON and its members, into {@code work}. */
    static Candidate fetch(ArtifactStore store, ArtifactRef ref, Path work, int imageSize) throws IOException,
            StepFailure {
        Candidate candidate = fetchAnySize(store, ref, work);
        for (int m = 0; m < candidate.descriptors.size(); m++) {
            if (candidate.descriptors.get(m).imageSize() != imageSize) {
                throw new StepFailure("input-size-mismatch", "the model " + (candidate.ensemble == null ? ref
                        : candidate.ensemble.members().get(m)).uri() + " takes "
                        + candidate.descriptors.get(m).imageSize() + " px images, the data has " + imageSize + " px",
                        false);
            }
        }
        return candidate;
    }

    /** As {@link #fetch}, whatever size of image the model takes (the promoted model, judged on its own data). */
    static Candidate fetchAnySize(ArtifactStore store, ArtifactRef ref, Path work) throws IOException,
            StepFailure {
        Ensemble ensemble = null;
        List<ArtifactRef> members = List.of(ref);
        if (Ensemble.isEnsemble(ref)) {
            try {
                ensemble = Ensemble.read(store.read(ref));
            } catch (ArtifactNotFoundException e) {
                throw new StepFailure("missing-model", "no ensemble " + ref.uri(), false, e);
            } catch (IOException | IllegalArgumentException e) {
                throw new StepFailure("bad-model", ref.uri() + " is not a readable ensemble: " + e.getMessage(),
                        false, e);
            }
            members = ensemble.members();
        }
        List<Path> files = new ArrayList<>();
        List<ModelDescriptor> descriptors = new ArrayList<>();
        for (ArtifactRef member : members) {
            Path file = work.resolve("model-" + member.sha256().substring(0, 16) + ".zip");
            try {
                store.download(member, file);
            } catch (ArtifactNotFoundException e) {
                throw new StepFailure("missing-model", "no model " + member.uri(), false, e);
            }
            ModelDescriptor descriptor;
            try {
                descriptor = ModelArtifact.describe(file);
            } catch (IOException e) {
                throw new StepFailure("bad-model", member.uri() + " is not a model artifact: " + e.getMessage(), false,
                        e);
            }
            files.add(file);
            descriptors.add(descriptor);
        }
        return new Candidate(ref, ensemble, files, descriptors);
    }

    ArtifactRef ref() {
        return ref;
    }

    /** The first (or only) model's descriptor: transform, cut-offs, validation fold. */
    ModelDescriptor descriptor() {
        return descriptors.get(0);
    }

    Path file() {
        return files.get(0);
    }

    /** The candidate's class probabilities for each record. */
    float[][] probabilities(Evaluator evaluator, List<ShardRecord> records, int imageSize, boolean tta,
            boolean multiCrop) throws IOException {
        if (ensemble == null) {
            return evaluator.probabilities(files.get(0), records, imageSize, tta, multiCrop);
        }
        List<float[][]> members = new ArrayList<>();
        for (Path file : files) {
            members.add(evaluator.probabilities(file, records, imageSize, tta, multiCrop));
        }
        return ensemble.combine(members);
    }

    /**
     * The records of persons neither this candidate nor the promoted model trained on, or null when that cannot be
     * known: the hold-out when both were trained on this split, else the validation fold both left out.
     */
    List<ShardRecord> unseenWith(Candidate previous, ArtifactRef indexRef, List<ShardRecord> all,
            boolean hasHoldout) {
        ArtifactRef theirs = previous.descriptor().trainingData();
        ArtifactRef ours = descriptor().trainingData();
        boolean sameSplit = theirs != null && theirs.sha256() != null && theirs.sha256().equals(indexRef.sha256())
                && (ours == null || indexRef.sha256().equals(ours.sha256()));
        if (!sameSplit) {
            return null;
        }
        int fold = hasHoldout ? ShardFormat.HOLDOUT : singleValidationFold();
        if (!hasHoldout && (fold < 0 || fold != previous.singleValidationFold())) {
            return List.of();
        }
        return all.stream().filter(r -> r.fold() == fold).toList();
    }

    /** Whether this model prepares images as another does: input size, mean / std and crop (first models). */
    boolean preparesLike(Candidate other) {
        ModelDescriptor mine = descriptor();
        ModelDescriptor theirs = other.descriptor();
        return mine.imageSize() == theirs.imageSize() && Arrays.equals(mine.mean(), theirs.mean())
                && Arrays.equals(mine.std(), theirs.std()) && mine.preprocessing().equals(theirs.preprocessing());
    }

    /** The validation fold every member was trained without, or -1 when unknown or when they differ. */
    int singleValidationFold() {
        int fold = -2;
        for (ModelDescriptor d : descriptors) {
            int own = d.parameters().get("validationFold") instanceof Number n ? n.intValue() : -1;
            if (fold != -2 && own != fold) {
                return -1;
            }
            fold = own;
        }
        return fold;
    }

    /** The validation fold the (single) model was trained without, or -1 when unknown. */
    int validationFold() {
        Object fold = descriptor().parameters().get("validationFold");
        return fold instanceof Number n ? n.intValue() : -1;
    }
}
