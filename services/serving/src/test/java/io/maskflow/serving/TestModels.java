package io.maskflow.serving;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Untrained model artifacts in the store, for serving tests (the answers are random but well-formed). */
final class TestModels {

    private TestModels() {
    }

    static ArtifactRef untrained(ArtifactStore store, int imageSize, Heads heads) throws Exception {
        Path zip = Files.createTempFile("model", ".zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", heads, imageSize));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, imageSize,
                    imageSize));
            ModelArtifact.save(model, new ModelDescriptor("compact-cnn", heads, imageSize,
                    new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null,
                    Map.of("valMacroF1", 0.0), Map.of(), Map.of(), Map.of("cropWidth", 256, "cropHeight", 320)),
                    zip);
        }
        return store.put("it/" + UUID.randomUUID() + "/model.zip", zip, "application/zip");
    }
}
