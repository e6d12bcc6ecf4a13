package io.maskflow.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.maskflow.dev.LocalStackResource;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.image.ImagePreparer;
import io.maskflow.vision.image.Normalizer;
import io.maskflow.vision.model.Heads;
import io.maskflow.vision.model.ModelArtifact;
import io.maskflow.vision.model.ModelDescriptor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Answers are right, not only well-formed: concurrent distinct photos through {@code /predict},
 * {@code /predict/batch} and {@code /v2/models/maskflow/infer} each get the answer the model gives that photo in
 * process, one at a time, while the dynamic batcher puts several requests' images into one forward pass.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ServingAnswersIT {

    static final int SIZE = 40;
    static final int PHOTOS = 12;
    static final float TOLERANCE = 1e-5f;

    @Inject
    ArtifactStore store;
    @Inject
    ModelHolder models;

    @Test
    void concurrentDistinctPhotosEachGetTheInProcessAnswerWhileBatchesForm() throws Exception {
        Path artifact = TestModels.seeded(SIZE, Heads.THREE, 5);
        byte[][] photos = new byte[PHOTOS][];
        for (int i = 0; i < PHOTOS; i++) {
            photos[i] = TestModels.distinctPhoto(100 + i);
        }
        float[][] expected = inProcess(artifact, photos);
        Set<Integer> classes = new HashSet<>();
        for (float[] p : expected) {
            classes.add(LoadedModel.Prediction.of(p).label());
        }
        assertThat(classes).as("the photos get different classes, so a swapped answer shows").hasSizeGreaterThan(2);

        models.load("answers-model", store.put("it/answers/model.zip", artifact, "application/zip"));
        double[] before = batchSizes();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int round = 0; round < 12; round++) {
                        int first = (client * 5 + round * 7) % PHOTOS;
                        int second = (first + 1 + client) % PHOTOS;
                        switch ((client + round) % 3) {
                            case 0 -> check("/predict", single(photos[first]), List.of(first), expected, wrong);
                            case 1 -> check("/predict/batch", batch(photos, first, second), List.of(first, second),
                                    expected, wrong);
                            default -> check("/v2", v2(photos, first, second), List.of(first, second), expected,
                                    wrong);
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double[] after = batchSizes();
        double batches = after[0] - before[0];
        double ofOne = after[1] - before[1];
        System.out.printf("answers: %d requests, %.0f forward passes, %.0f of them with more than one image%n",
                answered.get(), batches, batches - ofOne);
        assertThat(wrong).as("answers that differ from the in-process prediction").isEmpty();
        assertThat(answered.get()).isEqualTo(8 * 12);
        assertThat(batches - ofOne).as("forward passes of more than one image").isGreaterThan(0);
    }

    /** Each photo alone, prepared as serving's descriptor says, through a predictor of its own. */
    private static float[][] inProcess(Path artifact, byte[][] photos) throws Exception {
        ModelDescriptor descriptor = ModelArtifact.describe(artifact);
        ImagePreparer preparer = new ImagePreparer(ImagePreparer.paramsOf(descriptor));
        float[][] answers = new float[photos.length][];
        try (Model model = ModelArtifact.load(artifact, Device.cpu());
                Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < photos.length; i++) {
                byte[] pixels = preparer.prepare(photos[i]);
                float[] input = new float[pixels.length];
                new Normalizer(descriptor.mean(), descriptor.std()).toChw(pixels, input, 0);
                NDList out = predictor.predict(new NDList(manager.create(input, new Shape(1, 3, SIZE, SIZE))));
                answers[i] = descriptor.heads().probabilities(out.singletonOrThrow()).toFloatArray();
            }
        }
        return answers;
    }

    private static Response single(byte[] photo) {
        return given().contentType("image/jpeg").body(photo).post("/predict");
    }

    private static Response batch(byte[][] photos, int first, int second) {
        RequestSpecification request = given().multiPart("a", "a.jpg", photos[first], "image/jpeg")
                .multiPart("b", "b.jpg", photos[second], "image/jpeg");
        return request.post("/predict/batch");
    }

    private static Response v2(byte[][] photos, int first, int second) {
        List<String> data = List.of(Base64.getEncoder().encodeToString(photos[first]),
                Base64.getEncoder().encodeToString(photos[second]));
        return given().contentType(ContentType.JSON).body(Map.of("inputs", List.of(Map.of("name", "image",
                "shape", List.of(2), "datatype", "BYTES", "data", data)))).post("/v2/models/maskflow/infer");
    }

    /** Compares the answers for {@code which} photos with the in-process ones; a difference goes into wrong. */
    private static void check(String endpoint, Response response, List<Integer> which, float[][] expected,
            ConcurrentLinkedQueue<String> wrong) {
        if (response.statusCode() != 200) {
            wrong.add(endpoint + " answered " + response.statusCode() + ": " + response.asString());
            return;
        }
        List<Integer> classes = new ArrayList<>();
        List<List<Float>> probabilities = new ArrayList<>();
        switch (endpoint) {
            case "/predict" -> {
                classes.add(response.jsonPath().getInt("class"));
                probabilities.add(response.jsonPath().getList("probabilities", Float.class));
            }
            case "/predict/batch" -> {
                for (int i = 0; i < which.size(); i++) {
                    classes.add(response.jsonPath().getInt("predictions[" + i + "].class"));
                    probabilities.add(response.jsonPath().getList("predictions[" + i + "].probabilities",
                            Float.class));
                }
            }
            default -> {
                List<Float> flat = response.jsonPath().getList("outputs.find { it.name == 'probabilities' }.data",
                        Float.class);
                List<Integer> labels = response.jsonPath().getList("outputs.find { it.name == 'class' }.data",
                        Integer.class);
                for (int i = 0; i < which.size(); i++) {
                    classes.add(labels.get(i));
                    probabilities.add(flat.subList(i * 18, (i + 1) * 18));
                }
            }
        }
        for (int i = 0; i < which.size(); i++) {
            float[] want = expected[which.get(i)];
            int wantClass = LoadedModel.Prediction.of(want).label();
            if (classes.get(i) != wantClass) {
                wrong.add(endpoint + " photo " + which.get(i) + ": class " + classes.get(i) + ", in process "
                        + wantClass);
                continue;
            }
            for (int c = 0; c < 18; c++) {
                if (Math.abs(probabilities.get(i).get(c) - want[c]) > TOLERANCE) {
                    wrong.add(endpoint + " photo " + which.get(i) + ": p[" + c + "] " + probabilities.get(i).get(c)
                            + ", in process " + want[c]);
                    break;
                }
            }
        }
    }

    /** {forward passes so far, those of one image} from the batch-size histogram. */
    private static double[] batchSizes() {
        String text = given().accept("text/plain").get("/q/metrics").asString();
        return new double[] {value(text, "maskflow_inference_batch_size_count(\\{[^}]*\\})?"),
            value(text, "maskflow_inference_batch_size_bucket\\{[^}]*le=\"1(\\.0)?\"[^}]*\\}")};
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as(name + " in the metrics:%n%s", metrics.lines()
                .filter(l -> l.contains("batch_size")).collect(java.util.stream.Collectors.joining("\n"))).isTrue();
        return Double.parseDouble(m.group(m.groupCount()));
    }
}
