package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"compact-cnn", "resnet18", "resnet34", "resnet50", "mobilenet-v2"})
    void everyArchitectureMapsABatchOfImagesToOneRowOfLogitsPerImage(String architecture) {
        for (Heads heads : Heads.values()) {
            try (Model model = Model.newInstance("test", "PyTorch")) {
                model.setBlock(Architectures.build(architecture, heads, 64));
                model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
                NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false),
                        new NDList(model.getNDManager().randomUniform(0, 1, new Shape(2, 3, 64, 64))), false);
                assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, heads.outputs()));
            }
        }
    }

    @Test
    void anUnknownArchitectureIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Architectures.build("vgg", Heads.SINGLE, 64)).hasMessageContaining("resnet18");
    }
}
