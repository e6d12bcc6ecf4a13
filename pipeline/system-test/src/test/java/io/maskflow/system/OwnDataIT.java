package io.maskflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.dataset.CompetitionLayout;
import io.maskflow.contracts.dataset.PersonRecord;
import io.maskflow.dev.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own data, end to end, through the real broker and S3 server with every step service as its own
 * process: a data set the generator did not draw (three photo sizes, PNG and JPEG, broken files, an eval folder)
 * uploaded with {@code ./maskflow upload}, trained on with {@code train-on-dataset} (followed by the CLI), its
 * submission downloaded with the CLI and checked row by row against {@code info.csv}; a second run that adds
 * generated people and masked real faces (face-api's demo photos, uploaded as a face set) only to the training
 * folds; and the data set errors a run is refused for before it starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnDataIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SMALL = "-p epochs=2 -p imageSize=32 -p holdoutFraction=0.25 -p promote=false";

    @RegisterExtension
    static final SystemServices.Shared SYSTEM = new SystemServices.Shared();

    private static LocalStack stack;
    private static Path data;
    private static OwnDataset.Written written;
    private static String datasetKey;

    @TempDir
    static Path temp;

    @BeforeAll
    static void writeTheDataSet() throws Exception {
        stack = SYSTEM.stack();
        data = Files.createDirectories(temp.resolve("my-photos"));
        written = OwnDataset.write(data, 4, 12, 7);
    }

    @Test
    @Order(1)
    void aFolderUploadedWithTheCliIsTrainedOnAndItsSubmissionMatchesInfoCsv() throws Exception {
        String upload = maskflow("upload", data.toString());
        assertThat(upload).contains("hashing", "uploading", "left out 1 other file(s)")
                .containsPattern("dataset datasets/[0-9a-f]{32}/maskflow-dataset.json");
        datasetKey = upload.replaceAll("(?s).*dataset (datasets/[0-9a-f]{32}/maskflow-dataset.json).*", "$1");
        String again = maskflow("upload", data.toString());
        assertThat(again).contains("the store has this data set already: nothing to send", datasetKey)
                .doesNotContain("uploading");

        String runId = "own-" + System.currentTimeMillis();
        String followed = maskflow(("submit train-on-dataset -p dataset=" + datasetKey + " " + SMALL + " --run-id "
                + runId + " --follow").split(" "));
        assertThat(followed).contains(runId + "  train-on-dataset  SUCCEEDED", "evaluated on the hold-out persons",
                "submission: ", "1 could not be read and were answered with class");
        JsonNode run = get("/runs/" + runId);
        assertThat(run.path("steps").has("generate")).isFalse();
        assertThat(run.path("steps").path("preprocess").path("metrics").path("excludedImages").asInt())
                .as("the two broken training photos are left out, not fatal").isEqualTo(2);

        Path submission = temp.resolve("submission.csv");
        assertThat(maskflow("download", runId, "submission", "-o", submission.toString())).contains("saved");
        List<String> rows = Files.readAllLines(submission);
        List<String> info = Files.readAllLines(data.resolve("eval/info.csv"));
        assertThat(rows.get(0)).isEqualTo("ImageID,ans");
        assertThat(rows).hasSize(info.size());
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertThat(cells[0]).as("row " + i).isEqualTo(info.get(i).split(",")[0]);
            assertThat(Integer.parseInt(cells[1])).isBetween(0, 17);
        }

        Path reportFile = temp.resolve("report.json");
        maskflow("download", runId, "report", "-o", reportFile.toString());
        JsonNode report = JSON.readTree(reportFile.toFile());
        assertThat(report.path("evaluatedOn").asText()).startsWith("the hold-out persons");
        assertThat(report.path("figures").path("count").asInt()).as("one person per gender x age group held out")
                .isBetween(6 * 7 - 2, 6 * 7);
        assertThat(report.path("evalSet").path("unreadable").has(written.evalIds().get(1))).isTrue();
    }

    @Test
    @Order(2)
    void generatedPeopleAndMaskedFacesLandOnlyInTheTrainingFolds() throws Exception {
        // six real photos of bare faces (face-api's demo photos), uploaded with the CLI as a face set
        Path faces = Files.createDirectories(temp.resolve("faces-upload/faces"));
        Path demo = repositoryRoot().resolve("services/vision/target/face-api/package/demo");
        for (int i = 1; i <= 6; i++) {
            Files.copy(demo.resolve("sample" + i + ".jpg"), faces.resolve("sample" + i + ".jpg"));
        }
        String facesUpload = maskflow("upload", faces.getParent().toString());
        assertThat(facesUpload).contains("put masks on them: ./maskflow submit mask-faces -p faces=");
        String facesKey = facesUpload.replaceAll("(?s).*dataset (datasets/[0-9a-f]{32}/maskflow-dataset.json).*",
                "$1");

        String runId = "own-synthetic-" + System.currentTimeMillis();
        HttpResponse<String> started = post("/runs", JSON.writeValueAsString(Map.of("pipeline", "train-on-dataset",
                "runId", runId, "parameters", Map.of("dataset", datasetKey, "faces", facesKey, "epochs", 2,
                        "imageSize", 32, "holdoutFraction", 0.25, "promote", false, "synthetic", Map.of("persons", 6,
                                "minAge", 58, "maxAge", 60)))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode run = awaitRun(runId);
        assertThat(run.path("steps").path("synthetic").path("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("steps").path("mask-faces").path("metrics").path("persons").asInt()).isEqualTo(6);

        // preprocess's inputs in name order: 0 dataset, 1 synthetic, 2 synthetic-faces
        JsonNode split = JSON.readTree(download(runId, "preprocess", "split"));
        Map<String, Integer> trainOnly = new LinkedHashMap<>();
        int heldOut = 0;
        for (var person = split.path("persons").fields(); person.hasNext(); ) {
            var entry = person.next();
            String source = entry.getKey().substring(0, entry.getKey().indexOf('/'));
            int fold = entry.getValue().asInt();
            if (source.equals("0")) {
                assertThat(fold).as(entry.getKey() + " is the user's").isNotEqualTo(254);
                heldOut += fold == 255 ? 1 : 0;
            } else {
                assertThat(fold).as(entry.getKey() + " is generated or masked: training folds only").isEqualTo(254);
                trainOnly.merge(source, 1, Integer::sum);
            }
        }
        assertThat(trainOnly).containsEntry("1", 6).containsEntry("2", 6);
        assertThat(heldOut).isEqualTo(6);
        JsonNode index = JSON.readTree(download(runId, "preprocess", "shards"));
        assertThat(index.path("foldCounts").path("trainOnly").asInt()).isEqualTo(12 * 7);
        JsonNode report = JSON.readTree(download(runId, "evaluate", "report"));
        assertThat(report.path("trainingImages").has("synthetic-faces")).isTrue();
        int syntheticImages = 0;
        for (JsonNode count : report.path("trainingImages").path("synthetic")) {
            syntheticImages += count.asInt();
        }
        assertThat(syntheticImages).isEqualTo(6 * 7);
        assertThat(report.path("figures").path("count").asInt()).as("the hold-out has no generated person")
                .isBetween(6 * 7 - 2, 6 * 7);

        // the generated and the masked people, in packs in the store, come out in the plain competition layout
        for (String step : List.of("synthetic", "mask-faces")) {
            Path folder = temp.resolve("layout-" + step);
            assertThat(maskflow("download", runId, step + ".dataset", "--layout", folder.toString()))
                    .contains("saved", "in the competition layout");
            List<PersonRecord> persons = CompetitionLayout.parseTrainCsv(Files.readString(folder.resolve(
                    CompetitionLayout.TRAIN_CSV)));
            assertThat(persons).as(step).hasSize(6);
            for (PersonRecord person : persons) {
                List<Path> photos;
                try (var files = Files.list(folder.resolve(CompetitionLayout.TRAIN_IMAGES + person.path()))) {
                    photos = files.toList();
                }
                assertThat(photos).as(person.path()).hasSize(7);
                for (Path photo : photos) {
                    assertThat(javax.imageio.ImageIO.read(photo.toFile())).as(photo.toString()).isNotNull();
                }
            }
            assertThat(folder.resolve("packs")).doesNotExist();
        }
        assertThat(maskflowExiting(1, "download", runId, "preprocess.split", "--layout", temp.resolve("no")
                .toString())).startsWith("error: output 'split' of step 'preprocess'")
                .contains("not a data set in the competition layout");
    }

    @Test
    @Order(3)
    void aRunOnAMissingOrMisshapenDataSetIsRefusedBeforeItStarts() throws Exception {
        HttpResponse<String> none = post("/runs", "{\"pipeline\":\"train-on-dataset\",\"parameters\":{}}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("parameter 'dataset' is required");

        HttpResponse<String> missing = post("/runs", "{\"pipeline\":\"train-on-dataset\",\"parameters\":"
                + "{\"dataset\":\"s3://maskflow/nothing/here/\"}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("there is no data set at s3://maskflow/nothing/here/");

        HttpResponse<String> otherBucket = post("/runs", "{\"pipeline\":\"train-and-serve\",\"parameters\":"
                + "{\"dataset\":\"s3://no-such-bucket/data/\"}}");
        assertThat(otherBucket.statusCode()).isEqualTo(400);
        assertThat(otherBucket.body()).contains("no-such-bucket");

        // a prefix synced by another S3 client (curl): no Maskflow metadata, but in the layout once train.csv is there
        Path photo;
        try (var photos = Files.walk(data.resolve("train/images"))) {
            photo = photos.filter(p -> p.getFileName().toString().startsWith("normal.")).findFirst().orElseThrow();
        }
        s3Put("synced/mine/train/images/000100_female_Asian_21/" + photo.getFileName(), Files.readAllBytes(photo));
        HttpResponse<String> noCsv = get("/datasets/check?dataset=s3://maskflow/synced/mine/", true);
        assertThat(noCsv.statusCode()).isEqualTo(400);
        assertThat(noCsv.body()).contains("not a data set in the competition layout", "there is no train/train.csv");
        s3Put("synced/mine/train/train.csv", "id,gender,race,age,path\n000100,female,Asian,21,000100_female_Asian_21\n"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> imported = get("/datasets/check?dataset=s3://maskflow/synced/mine/", true);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(JSON.readTree(imported.body()).path("dataset").asText()).startsWith("datasets/imported/");
    }

    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("maskflow"))) {
            root = root.getParent();
        }
        return root;
    }

    private static String maskflow(String... args) throws IOException, InterruptedException {
        return maskflowExiting(0, args);
    }

    private static String maskflowExiting(int exit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("maskflow").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MASKFLOW_URL", SYSTEM.get("orchestrator").url());
        builder.environment().put("MASKFLOW_TOKEN", stack.tokens().token("operator"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println("$ maskflow " + String.join(" ", args) + "\n" + output);
        assertThat(process.exitValue()).as(output).isEqualTo(exit);
        return output;
    }

    private static JsonNode awaitRun(String runId) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            last[0] = get("/runs/" + runId);
            return List.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED").contains(last[0].get("status").asText());
        });
        assertThat(last[0].get("status").asText()).as(String.valueOf(last[0].get("reason"))).isEqualTo("SUCCEEDED");
        return last[0];
    }

    private static byte[] download(String runId, String step, String output) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("/runs/" + runId + "/artifacts/" + step
                + "/" + output).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A request to the orchestrator with the operator's API token. */
    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + stack.tokens().token("operator"));
    }

    private static URI uri(String path) {
        return URI.create(SYSTEM.get("orchestrator").url() + path);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path, true).body());
    }

    private static HttpResponse<String> get(String path, boolean raw) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes an object with curl's own SigV4 signing, as any S3 tool that syncs a folder would. */
    private static void s3Put(String key, byte[] content) throws IOException, InterruptedException {
        Path file = Files.createTempFile(temp, "put-", ".bin");
        Files.write(file, content);
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT",
                "--upload-file", file.toString(), "--aws-sigv4", "aws:amz:us-east-1:s3", "-H",
                "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--user", stack.config().accessKey() + ":"
                + stack.config().secretKey(), stack.s3Endpoint() + "/maskflow/" + key).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status).as("curl PUT " + key).isEqualTo("200");
    }
}
