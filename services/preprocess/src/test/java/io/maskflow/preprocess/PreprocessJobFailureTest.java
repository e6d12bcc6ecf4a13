package io.maskflow.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.params.PreprocessParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.preprocess.shards.Outputs;
import io.maskflow.preprocess.source.DatasetSource;
import io.maskflow.preprocess.source.DirectorySource;
import io.maskflow.sdk.step.StepStopped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails or is stopped halfway leaves no shard temp file behind (each is up to a whole shard of pixels,
 * and a long-lived service sees many jobs), and ends only after its workers.
 */
class PreprocessJobFailureTest {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private static PreprocessParams params(int shardSize) {
        return StepParameters.bind(Map.of("imageSize", 16, "shardSize", shardSize), PreprocessParams.DEFAULTS);
    }

    /** The shard temp files in the temp folder now. */
    private static Set<Path> shardFiles() {
        Set<Path> files = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(TEMP, "shard-*.bin")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Progress that notes every shard temp file that appeared since {@code before}, the job's own. */
    private static IntConsumer noteNewShardFiles(Set<Path> before, Set<Path> seen) {
        return done -> shardFiles().stream().filter(f -> !before.contains(f)).forEach(seen::add);
    }

    /** The data set, whose image reads go through {@code onImage} (given the number of the read, from 1). */
    private static DatasetSource readingImages(Path data, ImageRead onImage) {
        DatasetSource files = new DirectorySource(data);
        AtomicInteger reads = new AtomicInteger();
        return new DatasetSource() {
            @Override
            public String name() {
                return files.name();
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return files.list(prefix);
            }

            @Override
            public boolean exists(String path) throws IOException {
                return files.exists(path);
            }

            @Override
            public InputStream open(String path) throws IOException {
                return files.open(path);
            }

            @Override
            public byte[] read(String path) throws IOException {
                if (path.contains("/images/")) {
                    onImage.read(reads.incrementAndGet());
                }
                return files.read(path);
            }
        };
    }

    @FunctionalInterface
    private interface ImageRead {
        void read(int number);
    }

    @Test
    void aFailedUploadLeavesNoShardFileBehind(@TempDir Path dir) throws Exception {
        Path data = PreprocessJobTest.damaged(Files.createDirectories(dir.resolve("data")));
        Set<Path> offered = new HashSet<>();
        Outputs storeDown = new Outputs() {
            @Override
            public ArtifactRef put(String name, Path file, String contentType) throws IOException {
                assertThat(file).exists();
                offered.add(file);
                throw new IOException("the store is not answering");
            }

            @Override
            public ArtifactRef put(String name, byte[] content, String contentType) throws IOException {
                throw new IOException("the store is not answering");
            }
        };

        assertThatThrownBy(() -> new PreprocessJob(params(20), 2).run(List.of(new DirectorySource(data)),
                storeDown, done -> { })).isInstanceOf(IOException.class).hasMessageContaining("not answering");

        assertThat(offered).as("the first shard was offered to the store").hasSize(1);
        assertThat(offered).as("the shard file that could not be uploaded").allSatisfy(f -> assertThat(f)
                .doesNotExist());
    }

    @Test
    void aPhotoThatFailsLeavesNoShardFileBehind(@TempDir Path dir) throws Exception {
        Path data = PreprocessJobTest.damaged(Files.createDirectories(dir.resolve("data")));
        DatasetSource failsOnTheTenthPhoto = readingImages(data, number -> {
            if (number == 10) {
                throw new IllegalStateException("the photo store went away");
            }
        });
        Set<Path> before = shardFiles();
        Set<Path> seen = new HashSet<>();

        // one worker, so the nine photos before the failing one are in the shard when the job fails
        assertThatThrownBy(() -> new PreprocessJob(params(1000), 1).run(List.of(failsOnTheTenthPhoto),
                TestData.folder(dir.resolve("out")), noteNewShardFiles(before, seen)))
                .isInstanceOf(IOException.class).hasMessageContaining("the photo store went away");

        assertThat(seen).as("the job had started a shard file").isNotEmpty();
        assertThat(seen).as("the job's shard files").allSatisfy(f -> assertThat(f).doesNotExist());
    }

    @Test
    void aStoppedJobLeavesNoShardFileBehind(@TempDir Path dir) throws Exception {
        Path data = PreprocessJobTest.damaged(Files.createDirectories(dir.resolve("data")));
        Set<Path> before = shardFiles();
        Set<Path> seen = new HashSet<>();
        IntConsumer note = noteNewShardFiles(before, seen);
        IntConsumer stopAfter30 = done -> {
            note.accept(done);
            if (done == 30) {
                throw new StepStopped("stopped"); // what the step's progress report throws when asked to stop
            }
        };

        assertThatThrownBy(() -> new PreprocessJob(params(20), 2).run(List.of(new DirectorySource(data)),
                TestData.folder(dir.resolve("out")), stopAfter30)).isInstanceOf(StepStopped.class);

        assertThat(dir.resolve("out/shards/shard-00000.bin")).as("the first shard, uploaded").exists();
        assertThat(seen).as("the job had started a second shard file").isNotEmpty();
        assertThat(seen).as("the job's shard files").allSatisfy(f -> assertThat(f).doesNotExist());
    }

    @Test
    void aFailedJobEndsOnlyAfterItsWorkers(@TempDir Path dir) throws Exception {
        Path data = PreprocessJobTest.damaged(Files.createDirectories(dir.resolve("data")));
        CountDownLatch slowReadStarted = new CountDownLatch(1);
        AtomicInteger readsUnderWay = new AtomicInteger();
        // the fifth photo fails once the other worker is busy with the sixth, which takes a second whatever
        // interrupts it (as decoding a photo does)
        DatasetSource source = readingImages(data, number -> {
            if (number == 5) {
                awaitQuietly(slowReadStarted);
                throw new IllegalStateException("the photo store went away");
            }
            if (number == 6) {
                readsUnderWay.incrementAndGet();
                slowReadStarted.countDown();
                sleepThroughInterrupts(1000);
                readsUnderWay.decrementAndGet();
            }
        });

        assertThatThrownBy(() -> new PreprocessJob(params(1000), 2).run(List.of(source),
                TestData.folder(dir.resolve("out")), done -> { })).hasMessageContaining("the photo store went away");

        assertThat(readsUnderWay.get()).as("photos still being read after the job failed").isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepThroughInterrupts(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
