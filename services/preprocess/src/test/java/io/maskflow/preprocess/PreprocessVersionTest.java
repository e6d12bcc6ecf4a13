package io.maskflow.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.Mask;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.source.DirectorySource;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preprocess step's version is part of its cache key. This test pins the digest of the shards and split of a
 * small data set to {@link PreprocessStep#VERSION}: when the bytes change it fails until the version is bumped and
 * the new digest recorded, so a kept store never hands back shards of older code.
 */
class PreprocessVersionTest {

    /** The digest of the small job below, for each version of the step (add a line when you bump it). */
    private static final Map<String, String> DIGESTS = Map.of(
            "3", "846101565a05b05401405f29ed8ba0436187da56a95167bf35760f6965831195",
            "4", "846101565a05b05401405f29ed8ba0436187da56a95167bf35760f6965831195",
            "5", "846101565a05b05401405f29ed8ba0436187da56a95167bf35760f6965831195",
            "6", "846101565a05b05401405f29ed8ba0436187da56a95167bf35760f6965831195",
            "7", "b1df84166e34729e159fd6f82cb3cd1549e5ab47a3efc7ea5aebeaa26c93c0f9",
            "8", "0aa7bc770f98eb30f726862bd206009fe110858ceadfb160893a21de1f8800b9",
            "9", "0aa7bc770f98eb30f726862bd206009fe110858ceadfb160893a21de1f8800b9",
            "10", "0aa7bc770f98eb30f726862bd206009fe110858ceadfb160893a21de1f8800b9");

    @Test
    void theShardBytesChangeOnlyWithTheVersion(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        StringBuilder csv = new StringBuilder("id,gender,race,age,path\n");
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.CYAN, Color.MAGENTA};
        String[][] people = {{"000001", "female", "25"}, {"000002", "male", "45"}, {"000003", "female", "61"},
            {"000004", "male", "20"}, {"000005", "female", "35"}, {"000006", "male", "62"}};
        for (int p = 0; p < people.length; p++) {
            String folder = people[p][0] + "_" + people[p][1] + "_Asian_" + people[p][2];
            csv.append(String.join(",", people[p][0], people[p][1], "Asian", people[p][2], folder)).append('\n');
            Path images = Files.createDirectories(data.resolve("train/images/" + folder));
            int i = 0;
            for (String stem : Mask.fileStems()) {
                Files.write(images.resolve(stem + ".jpg"), TestData.jpeg(384, 512, colours[(p + i++) % 6]));
            }
        }
        Files.writeString(data.resolve("train/train.csv"), csv);
        Files.writeString(data.resolve("train/cues.csv"), "id,facial_hair,jaw\n000001,0,0.61\n000002,1,0.7\n"
                + "000003,0,0.58\n000004,0,0.66\n000005,0,0.63\n000006,1,0.71\n");
        PreprocessParams params = StepParameters.bind(Map.of("imageSize", 16, "folds", 2, "holdoutFraction", 0.3,
                "shardSize", 20), PreprocessParams.DEFAULTS);
        Path out = dir.resolve("out");
        new PreprocessJob(params, 2).run(List.of(new DirectorySource(data)), TestData.folder(out), done -> { });

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> paths = Files.walk(out)) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        // the shards, the index and the split; not the report, which records the time taken
        for (Path file : files) {
            String name = out.relativize(file).toString().replace('\\', '/');
            if (name.startsWith("shards/") || name.equals("index.json") || name.equals("split.json")) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        assertThat(files.stream().map(f -> out.relativize(f).toString())).contains("index.json", "split.json");
        assertThat(DIGESTS).as("no digest recorded for PreprocessStep.VERSION %s: record %s", PreprocessStep.VERSION,
                digest).containsKey(PreprocessStep.VERSION);
        assertThat(digest).as("the shards changed but PreprocessStep.VERSION (%s) did not: bump the version (so kept "
                + "caches are not reused) and record the new digest", PreprocessStep.VERSION)
                .isEqualTo(DIGESTS.get(PreprocessStep.VERSION));
    }
}
