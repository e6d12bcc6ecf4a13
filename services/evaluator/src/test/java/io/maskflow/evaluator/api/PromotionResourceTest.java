package io.maskflow.evaluator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.evaluator.MemoryStore;
import io.maskflow.evaluator.Promoter;
import io.maskflow.sdk.quarkus.ErrorResponses;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.vision.model.Architectures;
import io.maskflow.vision.model.Ensemble;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's promotion by hand signs only what serving can load: a model artifact or an ensemble of them. A report,
 * the promoted-model record, a zip of something else or a damaged one is refused with a 400 that says why, before
 * anything is promoted; an outage of the store is not taken for a refusal.
 */
class PromotionResourceTest {

    private static final byte[] PARAMETERS = parameters();

    private final MemoryStore store = new MemoryStore();
    private final List<ArtifactRef> promoted = new ArrayList<>();
    private final PromotionResource resource = new PromotionResource();

    PromotionResourceTest() {
        resource.store = store;
        resource.promoter = new Promoter(store, null, null, null) {
            @Override
            public PromotedModel promote(ArtifactRef model, ArtifactRef report, double macroF1, String runId,
                    String stepId, String by, String reason) {
                promoted.add(model);
                return new PromotedModel(Promoter.modelId(model), model, report, macroF1, runId, Instant.now(),
                        null, by, reason);
            }
        };
        resource.caller = (SecurityIdentity) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SecurityIdentity.class}, (proxy, method, args) -> method.getName().equals(
                        "getPrincipal") ? (Principal) () -> "admin" : null);
    }

    @Test
    void aModelArtifactIsPromoted(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("model.zip");
        try (Model model = Model.newInstance("m", "PyTorch")) {
            model.setBlock(Architectures.build("compact-cnn", Heads.THREE, 16));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 16, 16));
            ModelArtifact.save(model, descriptor("compact-cnn"), zip);
        }
        ArtifactRef model = store.put("steps/train/abc/model.zip", zip, "application/zip");

        Response answer = promote(model.key());
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(promoted).containsExactly(model);
        // the reason was only logged, the record did not say who promoted the model or why
        PromotedModel record = (PromotedModel) answer.getEntity();
        assertThat(record.promotedBy()).isEqualTo("admin");
        assertThat(record.reason()).isEqualTo("test");
    }

    @Test
    void anEnsembleOfStoredModelsIsPromoted() throws Exception {
        ArtifactRef ensemble = store.put("steps/evaluate/k/ensemble.json", Ensemble.of("soft", 16,
                List.of(modelZip("steps/train/a/model.zip"), modelZip("steps/train/b/model.zip"))).toJson(),
                "application/json");

        assertThat(promote(ensemble.key()).getStatus()).isEqualTo(200);
        assertThat(promoted).containsExactly(ensemble);
    }

    @Test
    void anEvaluationReportIsRefused() {
        store.put("steps/evaluate/k/report.json", "{\"model\":null,\"figures\":{\"macroF1\":0.5}}".getBytes(
                StandardCharsets.UTF_8), "application/json");

        assertRefused("steps/evaluate/k/report.json", "not a Maskflow ensemble");
    }

    @Test
    void thePromotedModelRecordIsRefused() throws Exception {
        ArtifactRef model = modelZip("steps/train/a/model.zip");
        store.put(ArtifactKeys.promotedModel(), new PromotedModel("model-1", model, null, 0.5, "run", Instant.now(),
                null).toJson(), "application/json");

        assertRefused(ArtifactKeys.promotedModel(), "not a Maskflow ensemble");
    }

    @Test
    void jsonNullIsRefused() {
        store.put("x/ensemble.json", "null".getBytes(StandardCharsets.UTF_8), "application/json");

        assertRefused("x/ensemble.json", "JSON null");
    }

    @Test
    void anEnsembleWhoseMemberIsGoneOrNotAModelIsRefused() throws Exception {
        ArtifactRef a = modelZip("steps/train/a/model.zip");
        ArtifactRef b = modelZip("steps/train/b/model.zip");
        store.put("e/ensemble.json", Ensemble.of("soft", 16, List.of(a, b)).toJson(), "application/json");
        store.delete(List.of(b.key()));
        assertRefused("e/ensemble.json", "is gone");

        ArtifactRef report = store.put("r/report.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put("f/ensemble.json", Ensemble.of("soft", 16, List.of(a, report)).toJson(), "application/json");
        assertRefused("f/ensemble.json", "is not a model.zip");

        store.put("g/ensemble.json", Ensemble.of("soft", 16, List.of(a, b)).toJson(), "application/json");
        store.put(b.key(), "other bytes".getBytes(StandardCharsets.UTF_8), "application/zip");
        assertRefused("g/ensemble.json", "has changed");
        assertThat(promoted).isEmpty();
    }

    @Test
    void bytesThatAreNotAZipAreRefused() {
        store.put("it/x/model.zip", "model bytes".getBytes(StandardCharsets.UTF_8), "application/zip");

        assertRefused("it/x/model.zip", "no model.json");
    }

    @Test
    void aZipOfSomethingElseIsRefused() throws Exception {
        store.put("datasets/photos.zip", zip(Map.of("train/images/a.jpg", new byte[100])), "application/zip");
        assertRefused("datasets/photos.zip", "it has the entry 'train/images/a.jpg'");

        store.put("x/notes.zip", zip(Map.of("notes.txt", new byte[100])), "application/zip");
        assertRefused("x/notes.zip", "no model.json");
    }

    @Test
    void aModelZipWithoutParametersOrWithABadDescriptorIsRefused() throws Exception {
        store.put("a/model.zip", zip(Map.of("model.json", descriptorJson("compact-cnn"))), "application/zip");
        assertRefused("a/model.zip", "no network parameters");

        store.put("b/model.zip", zip(Map.of("model-0000.params", PARAMETERS, "model.json", descriptorJson(
                "alexnet"))), "application/zip");
        assertRefused("b/model.zip", "'alexnet'");

        store.put("c/model.zip", zip(Map.of("model-0000.params", PARAMETERS, "model.json", "[1, 2]".getBytes(
                StandardCharsets.UTF_8))), "application/zip");
        assertRefused("c/model.zip", "not a model descriptor");
    }

    @Test
    void aDamagedModelZipIsRefused() throws Exception {
        byte[] zip = zip(Map.of("model-0000.params", PARAMETERS, "model.json", descriptorJson("compact-cnn")));
        zip[60] ^= (byte) 0xff; // inside the parameters' deflated bytes
        store.put("d/model.zip", zip, "application/zip");

        assertRefused("d/model.zip", "is not a model artifact (a zip)");
    }

    @Test
    void aZipThatInflatesBeyondTheBoundIsRefusedWithoutReadingItAll() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("model-0000.params"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        store.put("bomb/model.zip", bytes.toByteArray(), "application/zip");

        assertRefused("bomb/model.zip", "inflates to over");
    }

    @Test
    void aStoreOutageIsNotARefusal() throws Exception {
        modelZip("steps/train/a/model.zip");
        store.down = true;

        Throwable thrown = catchThrowable(() -> promote("steps/train/a/model.zip"));

        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("connection reset");
        assertThat(new ErrorResponses().io((IOException) thrown).getStatus()).isEqualTo(503);
        assertThat(promoted).isEmpty();
    }

    @Test
    void aNameThatIsNeitherAZipNorAJsonOrIsMissingIsRefusedAsBefore() throws Exception {
        assertThat(catchThrowable(() -> promote("it/some/report.html"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.zip or an ensemble.json");
        assertThat(promote("it/nothing/model.zip").getStatus()).isEqualTo(404);
    }

    private Response promote(String key) throws IOException {
        return resource.promote(new PromotionResource.PromotionRequest(key, "test"));
    }

    private void assertRefused(String key, String why) {
        Throwable thrown = catchThrowable(() -> promote(key));
        assertThat(thrown).as("%s refused (promoted instead: %s)", key, promoted)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key).hasMessageContaining(why);
        assertThat(new ErrorResponses().illegalArgument((IllegalArgumentException) thrown).getStatus())
                .isEqualTo(400);
        assertThat(promoted).as("promoted").isEmpty();
    }

    private static ModelDescriptor descriptor(String architecture) {
        return new ModelDescriptor(architecture, Heads.THREE, 16, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.25f, 0.25f, 0.25f}, 30, 60, null, Map.of(), Map.of("validationFold", 0), Map.of(),
                Map.of(), null);
    }

    private static byte[] descriptorJson(String architecture) throws IOException {
        return EventCodec.instance().mapper().writeValueAsBytes(descriptor(architecture));
    }

    /** A zip as ModelArtifact writes one (entries in name order, so model.json comes after the parameters). */
    private ArtifactRef modelZip(String key) throws IOException {
        return store.put(key, zip(Map.of("model-0000.params", PARAMETERS, "model.json",
                descriptorJson("compact-cnn"))), "application/zip");
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Bytes that do not compress, as network parameters barely do. */
    private static byte[] parameters() {
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
