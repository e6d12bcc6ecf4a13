package io.maskflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.maskflow.dev.LocalStackResource;
import io.maskflow.orchestrator.cli.Cli;
import io.maskflow.orchestrator.datasets.DatasetUploads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data set uploads against the real S3 server: the CLI's {@code upload} of a folder and of a zip, resumption, the
 * same content recognised, and the upload API refusing what it must (wrong hashes, files it did not list, layouts
 * that are not the competition's) with 4xx answers that say why.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DatasetsIT {

    @TestHTTPResource
    URL url;

    @TempDir
    Path temp;

    /** A tiny data set in the competition layout; {@code salt} makes its content (and id) unique to a test. */
    private Path dataset(String salt) throws IOException {
        Path root = temp.resolve("data-" + salt);
        Path person = Files.createDirectories(root.resolve("train/images/000001_female_Asian_45"));
        Files.writeString(root.resolve("train/train.csv"), "id,gender,race,age,path\n"
                + "000001,female,Asian,45,000001_female_Asian_45\n");
        for (String stem : new String[] {"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"}) {
            Files.writeString(person.resolve(stem + (stem.equals("normal") ? ".png" : ".jpg")), salt + stem);
        }
        Files.createDirectories(root.resolve("eval/images"));
        Files.writeString(root.resolve("eval/info.csv"), "ImageID,ans\nabc.jpg,0\n");
        Files.writeString(root.resolve("eval/images/abc.jpg"), salt + "eval");
        Files.writeString(root.resolve("notes.txt"), "not part of the layout");
        return root;
    }

    private String cli(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(url.toString(), "http://127.0.0.1:1", new PrintStream(out, true, StandardCharsets.UTF_8)).run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(expectedExit);
        return text;
    }

    private static String key(String output) {
        return output.replaceAll("(?s).*dataset (datasets/[0-9a-f]{32}/maskflow-dataset.json).*", "$1");
    }

    @Test
    void aFolderAndAZipOfTheSameFilesAreOneDataSetAndTheSecondUploadSendsNothing() throws IOException {
        Path folder = dataset(UUID.randomUUID().toString());
        String first = cli(0, "upload", folder.toString());
        assertThat(first).contains("10 files", "left out 1 other file(s)", "uploading").containsPattern(
                "dataset datasets/[0-9a-f]{32}/maskflow-dataset.json  \\(10 files");
        Path zip = temp.resolve("wrapped.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new ZipEntry("my-data/" + folder.relativize(file)));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        String second = cli(0, "upload", zip.toString());
        assertThat(second).contains("the store has this data set already: nothing to send").doesNotContain(
                "uploading");
        assertThat(key(second)).isEqualTo(key(first));
        given().get("/datasets/" + key(first).split("/")[1]).then().statusCode(200).body("complete", equalTo(true))
                .body("files", equalTo(10));
        given().get("/datasets/check?dataset=" + key(first)).then().statusCode(200)
                .body("dataset", equalTo(key(first)));
    }

    @Test
    void anInterruptedUploadResumesWithTheFilesStillMissing() throws Exception {
        Path folder = dataset(UUID.randomUUID().toString());
        Map<String, Object> files = new LinkedHashMap<>();
        try (var all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String path = folder.relativize(file).toString();
                if (path.startsWith("train/") || path.startsWith("eval/")) {
                    files.put(path, Map.of("size", Files.size(file), "sha256", sha256(Files.readAllBytes(file))));
                }
            }
        }
        String id = given().contentType("application/json").body(Map.of("files", files)).post("/datasets").then()
                .statusCode(202).body("complete", equalTo(false)).body("missing", hasSize(10)).extract()
                .path("id");
        given().contentType("application/zip").body(zip(Map.of("train/train.csv", Files.readAllBytes(folder.resolve(
                "train/train.csv"))))).post("/datasets/" + id + "/files").then().statusCode(200)
                .body("stored", equalTo(1));
        // the refusal says why in 'error', as every other one does (it had only the status fields)
        given().post("/datasets/" + id + "/commit").then().statusCode(409).body("missing", hasSize(9))
                .body("complete", equalTo(false)).body("status", equalTo(409))
                .body("error", containsString("is not complete: 9 files ("))
                .body("error", containsString("send them to /datasets/" + id + "/files and commit again"));

        String resumed = cli(0, "upload", folder.toString());
        assertThat(resumed).contains("the store has 1 of the files already (an earlier upload); sending the other 9");
        assertThat(key(resumed)).contains(id);
    }

    @Test
    void theUploadApiRefusesWhatDoesNotMatchWithAReason() throws Exception {
        Path folder = dataset(UUID.randomUUID().toString());
        byte[] csv = Files.readAllBytes(folder.resolve("train/train.csv"));
        Map<String, Object> files = Map.of("train/train.csv", Map.of("size", csv.length, "sha256", sha256(csv)),
                "train/images/000001_female_Asian_45/mask1.jpg", Map.of("size", 3, "sha256", sha256(new byte[3])));
        String id = given().contentType("application/json").body(Map.of("files", files)).post("/datasets").then()
                .statusCode(202).extract().path("id");

        given().contentType("application/zip").body(zip(Map.of("train/train.csv", "id,gender\n".getBytes(
                StandardCharsets.UTF_8)))).post("/datasets/" + id + "/files").then().statusCode(400)
                .body("error", containsString("'train/train.csv' has"));
        given().contentType("application/zip").body(zip(Map.of("train/other.csv", csv)))
                .post("/datasets/" + id + "/files").then().statusCode(400)
                .body("error", containsString("'train/other.csv', which data set " + id + " does not list"));
        given().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .post("/datasets/" + id + "/files").then().statusCode(400)
                .body("error", containsString("the batch is not a zip stream"));
        // a zip cut short inside its first entry: the client's body, not the store (it was a 503)
        given().contentType("application/zip").body(Arrays.copyOf(zip(Map.of("train/train.csv", csv)), 40))
                .post("/datasets/" + id + "/files").then().statusCode(400)
                .body("error", containsString("cut short"));
        given().contentType("application/zip").body(zip(Map.of("train/train.csv", csv)))
                .post("/datasets/" + "0".repeat(32) + "/files").then().statusCode(404)
                .body("error", containsString("POST /datasets with its file list first"));
        given().post("/datasets/not-an-id/commit").then().statusCode(400);
        given().get("/datasets/" + "0".repeat(32)).then().statusCode(404);
        // an upload that will not be finished is given up: its file list and the files stored so far go
        assertThat(cli(0, "upload", "--abandon", id))
                .contains("upload " + id + " given up: 1 stored object(s) deleted");
        given().delete("/datasets/" + id).then().statusCode(404);
        assertThat(cli(1, "upload", "--abandon", id)).contains("error: no upload of data set '" + id + "'");
        given().post("/datasets/" + id + "/commit").then().statusCode(404);

        given().contentType("application/json").body(Map.of("files", Map.of("train/images/a/mask1.jpg",
                Map.of("size", 3, "sha256", sha256(new byte[3]))))).post("/datasets").then().statusCode(400)
                .body("error", containsString("there is no train/train.csv"));
        given().contentType("application/json").body(Map.of("files", Map.of("../etc/passwd",
                Map.of("size", 3, "sha256", sha256(new byte[3]))))).post("/datasets").then().statusCode(400);
        given().contentType("application/json").body(Map.of("files", Map.of("train/train.csv",
                Map.of("size", 3)))).post("/datasets").then().statusCode(400)
                .body("error", containsString("invalid body: a file needs its sha256 or its etag"));
        given().contentType("application/json").body("{}").post("/datasets").then().statusCode(400);
    }

    /**
     * The JSON entrances read at most their own limit, with a declared length or sent chunked: a run request or a
     * schedule over 256 KiB and a proposal over 16 MiB are 413s naming the limit (a 240 MB run request ran the 384 MB
     * heap out, and the parsed parameters, held by the run, kept it full); a proposal of more files than a data set
     * may have is a 400.
     */
    @Test
    void requestBodiesOverTheirLimitsAre413sAndTooManyFilesA400() throws Exception {
        String padding = " ".repeat(300 << 10);
        String run = "{\"pipeline\": \"train-and-serve\"," + padding + "\"parameters\": {}}";
        String schedule = "{\"name\": \"padded\", \"pipeline\": \"train-and-serve\", \"cron\": \"0 0 * * *\","
                + padding + "}";
        String proposal = "{\"files\": {" + " ".repeat(17 << 20) + "}}";
        Map<String, String> bodies = Map.of("/runs", run, "/schedules", schedule, "/datasets", proposal);
        HttpClient http = HttpClient.newHttpClient();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            given().contentType("application/json").body(body.getValue()).post(body.getKey()).then().statusCode(413)
                    .body("error", containsString("the body is larger than the"));
            byte[] bytes = body.getValue().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(url.toURI().resolve(body.getKey()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(body.getKey()).isEqualTo(413);
            assertThat(chunked.body()).as(body.getKey()).contains("the body is larger than the");
        }

        StringBuilder many = new StringBuilder("{\"files\": {");
        for (int i = 0; i <= DatasetUploads.MAX_FILES; i++) {
            many.append(i == 0 ? "" : ",").append("\"train/images/").append(i / 7).append("/mask").append(i % 7)
                    .append(".jpg\": {\"size\": 3, \"sha256\": \"").append(sha256(new byte[3])).append("\"}");
        }
        given().contentType("application/json").body(many.append("}}").toString()).post("/datasets").then()
                .statusCode(400).body("error", containsString("at most " + DatasetUploads.MAX_FILES + " files"));
    }

    @Test
    void aRunNamesAnUploadedDataSetOrIsRefusedBeforeItStarts() throws IOException {
        String key = key(cli(0, "upload", dataset(UUID.randomUUID().toString()).toString()));
        String runId = "datasets-" + UUID.randomUUID();
        given().contentType("application/json").body(Map.of("pipeline", "train-on-dataset", "runId", runId,
                "parameters", Map.of("dataset", key, "promote", false))).post("/runs").then().statusCode(201)
                .body("spec.artifacts.dataset.key", equalTo(key))
                .body("steps.preprocess.spec.inputs.dataset", equalTo("params.dataset"));
        given().delete("/runs/" + runId).then().statusCode(200);

        given().contentType("application/json").body(Map.of("pipeline", "train-on-dataset", "parameters",
                Map.of("dataset", "datasets/" + "1".repeat(32) + "/maskflow-dataset.json"))).post("/runs").then()
                .statusCode(400).body("error", containsString("there is no data set manifest"));
        given().contentType("application/json").body(Map.of("pipeline", "kfold-ensemble", "parameters",
                Map.of("dataset", "s3://maskflow/runs/"))).post("/runs").then().statusCode(400)
                .body("error", containsString("there is no data set at s3://maskflow/runs/"));
        // a bucket name S3 does not allow, and a parameter set to null, are the requester's mistakes (they were a
        // 503 and a 500)
        given().contentType("application/json").body(Map.of("pipeline", "train-on-dataset", "parameters",
                Map.of("dataset", "s3://UPPER_bad!/x"))).post("/runs").then().statusCode(400)
                .body("error", containsString("'UPPER_bad!' is not an S3 bucket name"));
        given().get("/datasets/check?dataset=s3://ab/x").then().statusCode(400)
                .body("error", containsString("'ab' is not an S3 bucket name"));
        given().get("/datasets/check?dataset=s3://192.168.1.1/x").then().statusCode(400);
        given().get("/datasets/check?dataset=s3://mine/x&kind=bogus").then().statusCode(400)
                .body("error", containsString("kind must be 'faces' or 'competition'"));
        given().contentType("application/json").body("{\"pipeline\":\"train-and-serve\",\"parameters\":"
                + "{\"persons\":null}}").post("/runs").then().statusCode(400)
                .body("error", containsString("parameters: 'persons' is null; leave it out"));
        given().get("/pipelines").then().statusCode(200).body("name", hasItem("train-on-dataset"));
        // a misspelt field is refused, not ignored (it used to start a run with the defaults)
        given().contentType("application/json").body("{\"pipeline\":\"train-and-serve\",\"paramters\":{\"epochs\":1}}")
                .post("/runs").then().statusCode(400).body("error", containsString("paramters"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return buffer.toByteArray();
    }
}
