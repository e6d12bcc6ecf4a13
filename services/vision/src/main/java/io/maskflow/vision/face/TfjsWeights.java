package io.maskflow.vision.face;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The weights of one TensorFlow.js model as face-api ships them: {@code <name>-weights_manifest.json} (each
 * weight's name, shape and dtype, and for quantised weights the stored dtype with {@code scale} and {@code min})
 * and the {@code .bin} shards it names, whose bytes hold the weights one after the other in manifest order.
 * Quantised values are dequantised as {@code q * scale + min}; float32 values are read as they are
 * (little-endian).
 */
final class TfjsWeights {

    /** Where the install step puts the models inside the vision jar. */
    static final String RESOURCE_DIR = "/io/maskflow/vision/face/model/";

    /** One weight: its TensorFlow shape (e.g. HWIO for a convolution) and its values in row-major order. */
    record Weight(long[] shape, float[] values) {
    }

    private final String model;
    private final Map<String, Weight> weights;

    private TfjsWeights(String model, Map<String, Weight> weights) {
        this.model = model;
        this.weights = weights;
    }

    /** Loads {@code model} (e.g. {@code tiny_face_detector_model}) from the class path. */
    static TfjsWeights load(String model) {
        JsonArray groups;
        try (InputStream in = open(model + "-weights_manifest.json")) {
            groups = JsonUtils.GSON.fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonArray.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + model, e);
        }
        Map<String, Weight> weights = new LinkedHashMap<>();
        for (JsonElement group : groups) {
            ByteBuffer bytes = ByteBuffer.wrap(readShards(group.getAsJsonObject().getAsJsonArray("paths")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (JsonElement entry : group.getAsJsonObject().getAsJsonArray("weights")) {
                JsonObject w = entry.getAsJsonObject();
                weights.put(w.get("name").getAsString(), read(w, bytes, model));
            }
            if (bytes.hasRemaining()) {
                throw new IllegalStateException(model + ": " + bytes.remaining() + " bytes left after the last weight");
            }
        }
        return new TfjsWeights(model, weights);
    }

    /** The weight called {@code name}; throws naming the model when there is none. */
    Weight get(String name) {
        Weight weight = weights.get(name);
        if (weight == null) {
            throw new IllegalArgumentException(model + " has no weight " + name);
        }
        return weight;
    }

    Set<String> names() {
        return weights.keySet();
    }

    static Weight read(JsonObject w, ByteBuffer bytes, String model) {
        JsonArray dims = w.getAsJsonArray("shape");
        long[] shape = new long[dims.size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
            count *= (int) shape[i];
        }
        float[] values = new float[count];
        String name = w.get("name").getAsString();
        JsonObject quantization = w.has("quantization") ? w.getAsJsonObject("quantization") : null;
        if (quantization == null) {
            if (!"float32".equals(w.get("dtype").getAsString())) {
                throw new IllegalArgumentException(model + "/" + name + ": unsupported dtype " + w.get("dtype"));
            }
            bytes.asFloatBuffer().get(values);
            bytes.position(bytes.position() + 4 * count);
            return new Weight(shape, values);
        }
        String stored = quantization.get("dtype").getAsString();
        double scale = quantization.get("scale").getAsDouble();
        double min = quantization.get("min").getAsDouble();
        for (int i = 0; i < count; i++) {
            int q = switch (stored) {
                case "uint8" -> bytes.get() & 0xff;
                case "uint16" -> bytes.getShort() & 0xffff;
                default -> throw new IllegalArgumentException(model + "/" + name + ": unsupported quantisation "
                        + stored);
            };
            values[i] = (float) (q * scale + min);
        }
        return new Weight(shape, values);
    }

    private static byte[] readShards(JsonArray paths) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonElement path : paths) {
            try (InputStream in = open(path.getAsString())) {
                in.transferTo(all);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read weights shard " + path.getAsString(), e);
            }
        }
        return all.toByteArray();
    }

    private static InputStream open(String file) {
        InputStream in = TfjsWeights.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IllegalStateException("face model file " + RESOURCE_DIR + file + " is not on the class path: "
                    + "the vision module's build installs it (scripts/install-face-models.sh)");
        }
        return in;
    }
}
