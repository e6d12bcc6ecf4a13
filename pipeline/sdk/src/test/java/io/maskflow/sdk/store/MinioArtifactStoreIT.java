package io.maskflow.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.dev.LocalStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MinIO SDK store against the real S3 server of the local stack. */
class MinioArtifactStoreIT {

    private static final LocalStack STACK = LocalStack.shared();

    private final String bucket = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MinioArtifactStore store = new MinioArtifactStore(new StoreConfig(STACK.s3Endpoint(),
            STACK.config().accessKey(), STACK.config().secretKey(), bucket, "us-east-1", 3, Duration.ofMillis(50)),
            registry);

    @Test
    void writesReadsStatsAndListsWithChecksums(@TempDir Path dir) throws Exception {
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Path file = Files.write(dir.resolve("big.bin"), big);

        ArtifactRef fromFile = store.put("steps/x/big.bin", file, "application/octet-stream");
        ArtifactRef fromBytes = store.put("steps/x/small.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        ArtifactRef fromStream = store.put("steps/y/stream.bin", new ByteArrayInputStream(big), "application/zip");

        assertThat(fromFile.size()).isEqualTo(big.length);
        assertThat(fromFile.sha256()).isEqualTo(Hashing.sha256Hex(big)).isEqualTo(fromStream.sha256());
        assertThat(store.read(fromFile)).isEqualTo(big);
        assertThat(store.read(fromBytes)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(store.stat("steps/x/big.bin")).contains(fromFile);
        assertThat(store.stat("steps/x/nothing")).isEmpty();
        assertThat(store.exists("steps/y/stream.bin")).isTrue();
        assertThat(store.list("steps/x/")).containsExactly(fromFile, fromBytes);
        assertThat(store.list("steps/")).hasSize(3);

        Path copy = dir.resolve("copy.bin");
        store.download(fromFile, copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(big);
        assertThat(registry.find("maskflow.artifact.bytes").tag("direction", "written").counter().count())
                .isEqualTo(2.0 * big.length + 5);
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void putsFilesLargerThanAPartAsAStreamAndKeepsTypeAndHashOfEveryObject(@TempDir Path dir) throws Exception {
        byte[] large = new byte[5 << 20];
        new Random(2).nextBytes(large);
        ArtifactRef fromFile = store.put("steps/z/large.bin", Files.write(dir.resolve("large.bin"), large),
                "application/x-large");
        String odd = "datasets/x/train/images/a person + ü & (1)/mask 1.jpg";
        ArtifactRef fromBytes = store.put(odd, "photo".getBytes(StandardCharsets.UTF_8), "image/jpeg");

        assertThat(store.read(fromFile)).isEqualTo(large);
        assertThat(store.stat(odd)).contains(fromBytes);
        assertThat(store.read(fromBytes)).asString(StandardCharsets.UTF_8).isEqualTo("photo");
        MinioClient raw = MinioClient.builder().endpoint(STACK.s3Endpoint())
                .credentials(STACK.config().accessKey(), STACK.config().secretKey()).build();
        StatObjectResponse small = raw.statObject(StatObjectArgs.builder().bucket(bucket).object(odd).build());
        assertThat(small.contentType()).isEqualTo("image/jpeg");
        assertThat(small.userMetadata()).containsEntry("sha256", Hashing.sha256Hex("photo".getBytes(
                StandardCharsets.UTF_8)));
        assertThat(raw.statObject(StatObjectArgs.builder().bucket(bucket).object("steps/z/large.bin").build())
                .contentType()).isEqualTo("application/x-large");
    }

    @Test
    void readsAPartOfAnObjectWithOneRangedRequestAndChecksIt() throws Exception {
        byte[] pack = new byte[100_000];
        new Random(2).nextBytes(pack);
        store.put("gen/packs/000000.zip", pack, "application/zip");
        byte[] part = Arrays.copyOfRange(pack, 40_000, 40_321);
        try (InputStream in = store.openRange(bucket, "gen/packs/000000.zip", 40_000, 321, Hashing.sha256Hex(part))) {
            assertThat(in.readAllBytes()).isEqualTo(part);
        }
        try (InputStream in = store.openRange(bucket, "gen/packs/000000.zip", 40_001, 321, Hashing.sha256Hex(part))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ArtifactCorruptedException.class)
                    .hasMessageContaining("bytes 40001+321");
        }
        assertThatThrownBy(() -> store.openRange(bucket, "gen/packs/nothing.zip", 0, 1, Hashing.sha256Hex(part)))
                .isInstanceOf(ArtifactNotFoundException.class);
    }

    @Test
    void startsNoThreadPerObject() throws Exception {
        store.put("warm/up", new byte[1], "x/y");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 50; i++) {
            store.put("many/" + i, new byte[1000], "x/y");
        }
        // the MinIO client's putObject of a stream started a thread for each object on a two-core machine (its
        // common pool has one thread then), a cost as large as the PUT itself for a small photo (issue 24)
        assertThat(threads.getTotalStartedThreadCount() - started).isLessThan(10);
    }

    @Test
    void refusesContentThatDoesNotMatchItsChecksum() throws Exception {
        ArtifactRef ref = store.put("a/model.bin", "the real model".getBytes(StandardCharsets.UTF_8), "x/y");
        // Someone replaces the object behind Maskflow's back, keeping the old metadata.
        MinioClient raw = MinioClient.builder().endpoint(STACK.s3Endpoint())
                .credentials(STACK.config().accessKey(), STACK.config().secretKey()).build();
        byte[] forged = "a forged model".getBytes(StandardCharsets.UTF_8);
        raw.putObject(PutObjectArgs.builder().bucket(bucket).object("a/model.bin")
                .stream(new ByteArrayInputStream(forged), forged.length, -1)
                .userMetadata(Map.of("sha256", ref.sha256())).build());

        assertThatThrownBy(() -> store.read(ref)).isInstanceOf(ArtifactCorruptedException.class)
                .hasMessageContaining("content has SHA-256");
        try (InputStream in = store.open(new ArtifactRef(bucket, "a/model.bin", 3, ref.sha256()))) {
            assertThatThrownBy(in::readAllBytes).hasMessageContaining("expected 3");
        }
    }

    @Test
    void namesTheMissingArtifact() {
        ArtifactRef missing = new ArtifactRef(bucket, "no/such/thing", 1, "0".repeat(64));
        assertThatThrownBy(() -> store.read(missing)).isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining("s3://" + bucket + "/no/such/thing");
        // a reference to another bucket is looked up there, and the message names that bucket, not this store's
        ArtifactRef elsewhere = new ArtifactRef("no-such-bucket-" + bucket, "no/such/thing", 1, "0".repeat(64));
        assertThatThrownBy(() -> store.read(elsewhere)).isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining("s3://no-such-bucket-" + bucket + "/no/such/thing");
    }

    @Test
    void givesUpOnAnUnreachableStoreAfterRetrying() {
        MinioArtifactStore down = new MinioArtifactStore(new StoreConfig("http://127.0.0.1:1", "a", "b", "nowhere",
                "us-east-1", 3, Duration.ofMillis(10)), registry);
        long start = System.nanoTime();
        assertThatThrownBy(() -> down.put("k", new byte[1], "x/y")).hasMessageContaining("put k failed")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("backed off between tries")
                .isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(down.isReachable()).isFalse();
    }
}
