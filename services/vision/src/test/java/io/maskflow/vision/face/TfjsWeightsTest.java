package io.maskflow.vision.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The TensorFlow.js weights format: quantised weights dequantised, float32 read as is, the shards used up. */
class TfjsWeightsTest {

    private static JsonObject entry(String json) {
        return JsonUtils.GSON.fromJson(json, JsonObject.class);
    }

    @Test
    void dequantisesUint8WithScaleAndMin() {
        JsonObject w = entry("{\"name\":\"b\",\"shape\":[3],\"dtype\":\"float32\","
                + "\"quantization\":{\"dtype\":\"uint8\",\"scale\":0.5,\"min\":-1.0}}");
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {0, 2, (byte) 255, 9});
        TfjsWeights.Weight weight = TfjsWeights.read(w, bytes, "test");
        assertThat(weight.values()).containsExactly(-1f, 0f, 126.5f);
        assertThat(weight.shape()).containsExactly(3);
        assertThat(bytes.position()).isEqualTo(3);
    }

    @Test
    void readsFloat32LittleEndianAsItIs() {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.25f).putFloat(-3f).flip();
        TfjsWeights.Weight weight = TfjsWeights.read(entry("{\"name\":\"w\",\"shape\":[1,2],\"dtype\":\"float32\"}"),
                bytes, "test");
        assertThat(weight.values()).containsExactly(1.25f, -3f);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void refusesWhatItCannotRead() {
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> TfjsWeights.read(entry("{\"name\":\"w\",\"shape\":[2],\"dtype\":\"int32\"}"), bytes,
                "m")).hasMessageContaining("m/w: unsupported dtype");
        assertThatThrownBy(() -> TfjsWeights.read(entry("{\"name\":\"w\",\"shape\":[2],\"dtype\":\"float32\","
                + "\"quantization\":{\"dtype\":\"float16\",\"scale\":1,\"min\":0}}"), bytes, "m"))
                .hasMessageContaining("unsupported quantisation float16");
    }

    @Test
    void loadsThePackagedModelsWithTheShapesTheNetworksExpect() {
        TfjsWeights detector = TfjsWeights.load(TinyFaceDetectorNet.MODEL);
        assertThat(detector.get("conv0/filters").shape()).containsExactly(3, 3, 3, 16);
        assertThat(detector.get("conv8/filters").shape()).containsExactly(1, 1, 512, 25);
        TfjsWeights landmarks = TfjsWeights.load(LandmarkNet.MODEL);
        assertThat(landmarks.get("fc/weights").shape()).containsExactly(256, 136);
        assertThat(landmarks.names()).hasSize(4 * 3 * 4 - 1 + 2);
        TfjsWeights ageGender = TfjsWeights.load(AgeGenderNet.MODEL);
        assertThat(ageGender.get("fc/gender/weights").shape()).containsExactly(512, 2);
        // a float32 (unquantised) bias reads as real numbers, not bytes
        assertThat(ageGender.get("fc/age/bias").values()[0]).isBetween(-100f, 100f);
        assertThatThrownBy(() -> detector.get("conv9/filters")).hasMessageContaining("has no weight conv9/filters");
    }
}
