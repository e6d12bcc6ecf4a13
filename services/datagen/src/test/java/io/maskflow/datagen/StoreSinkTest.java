package io.maskflow.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.dataset.DatasetPacks;
import io.maskflow.contracts.json.EventCodec;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import io.maskflow.datagen.dataset.DatasetGenerator;
import io.maskflow.datagen.people.Cues;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.sdk.store.Hashing;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreSinkTest {

    /**
     * Puts into a list; a put of a key with "slow" waits for {@link #open} (3 s at most), one with "broken" fails, one
     * with "heap" runs out of memory.
     */
    private static final class FakeStore {
        final List<String> stored = new CopyOnWriteArrayList<>();
        final Map<String, byte[]> content = new ConcurrentHashMap<>();
        final CountDownLatch open = new CountDownLatch(1);

        ArtifactStore store() {
            return (ArtifactStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ArtifactStore.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("put")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        String key = (String) args[0];
                        if (key.contains("slow") && !open.await(3, TimeUnit.SECONDS)) {
                            throw new IOException("nobody opened the slow store");
                        }
                        if (key.contains("broken")) {
                            throw new IOException("the store refused " + key);
                        }
                        if (key.contains("heap")) {
                            throw new OutOfMemoryError("pretend: no heap left for " + key);
                        }
                        stored.add(key);
                        byte[] bytes = (byte[]) args[1];
                        content.put(key, bytes);
                        return new ArtifactRef("bucket", key, bytes.length, Hashing.sha256Hex(bytes));
                    });
        }
    }

    @Test
    void aDrawingThreadDoesNotWaitForTheStoreToTakeAnImage() throws Exception {
        FakeStore fake = new FakeStore();
        try (StoreSink sink = new StoreSink(fake.store(), "out/", 2)) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    sink.write("train/images/slow/mask1.jpg", new byte[10], "image/jpeg");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            written.get(5, TimeUnit.SECONDS);
            assertThat(fake.stored).isEmpty();
            fake.open.countDown();
            sink.flush();
            assertThat(fake.stored).containsExactly("out/train/images/slow/mask1.jpg");
        }
    }

    @Test
    void theManifestIsWrittenAfterEveryImageBeforeIt() throws Exception {
        FakeStore fake = new FakeStore();
        try (StoreSink sink = new StoreSink(fake.store(), "out/", 4)) {
            sink.write("train/images/slow/mask1.jpg", new byte[10], "image/jpeg");
            sink.write("train/images/a/mask2.jpg", new byte[10], "image/jpeg");
            CompletableFuture<Void> manifest = CompletableFuture.runAsync(() -> {
                try {
                    sink.write("dataset.json", new byte[2], "application/json");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(manifest).isNotDone();
            fake.open.countDown();
            manifest.get(5, TimeUnit.SECONDS);
            assertThat(fake.stored).hasSize(3).last().isEqualTo("out/dataset.json");
            assertThat(sink.ref("dataset.json").key()).isEqualTo("out/dataset.json");
        }
    }

    @Test
    void aFailedPutStopsTheNextWrite() throws Exception {
        FakeStore fake = new FakeStore();
        try (StoreSink sink = new StoreSink(fake.store(), "out/", 1)) {
            sink.write("train/images/broken/mask1.jpg", new byte[10], "image/jpeg");
            assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessageContaining("refused");
            assertThatThrownBy(() -> sink.write("train/images/a/mask1.jpg", new byte[10], "image/jpeg"))
                    .isInstanceOf(IOException.class).hasMessageContaining("train/images/broken/mask1.jpg");
            assertThatThrownBy(() -> sink.write("train/train.csv", new byte[1], "text/csv"))
                    .isInstanceOf(IOException.class);
            assertThat(fake.stored).isEmpty();
        }
    }

    @Test
    void anErrorOnAnUploadThreadFailsTheFlushInsteadOfLosingThePhoto() throws Exception {
        for (int packBytes : new int[] {0, 10}) {
            FakeStore fake = new FakeStore();
            try (StoreSink sink = new StoreSink(fake.store(), "heap/", 2, packBytes)) {
                sink.write("train/images/a/mask1.jpg", new byte[20], "image/jpeg");
                assertThatThrownBy(sink::flush).as("packs of %d bytes", packBytes)
                        .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("no heap left");
                assertThatThrownBy(() -> sink.write("train/train.csv", new byte[1], "text/csv"))
                        .isInstanceOf(OutOfMemoryError.class);
                assertThat(fake.stored).isEmpty();
            }
        }
    }

    @Test
    void photosGoIntoPacksAndTheIndexIsWrittenBeforeTheNextOtherFile() throws Exception {
        FakeStore fake = new FakeStore();
        Map<String, byte[]> photos = new TreeMap<>();
        try (StoreSink sink = new StoreSink(fake.store(), "out/", 4, 1000)) {
            for (int i = 0; i < 30; i++) {
                byte[] photo = new byte[100 + i];
                java.util.Arrays.fill(photo, (byte) i);
                String path = String.format("train/images/%06d_male_Asian_30/mask1.jpg", i);
                photos.put(path, photo);
                sink.write(path, photo, "image/jpeg");
            }
            sink.write("train/train.csv", new byte[1], "text/csv");
            sink.write("dataset.json", new byte[2], "application/json");
        }
        // an entry is a 30-byte zip header, its 41-byte name and 100 - 129 bytes of photo: 6 fill a pack of 1,000
        // bytes, so 5 PUTs, not 30
        assertThat(fake.stored).filteredOn(k -> k.startsWith("out/packs/")).hasSize(5);
        assertThat(fake.stored).filteredOn(k -> k.contains("images")).isEmpty();
        assertThat(fake.stored.subList(5, fake.stored.size())).containsExactly("out/" + DatasetPacks.FILE_NAME,
                "out/train/train.csv", "out/dataset.json");
        DatasetPacks index = EventCodec.instance().mapper().readValue(fake.content.get("out/"
                + DatasetPacks.FILE_NAME), DatasetPacks.class);
        assertThat(index.members()).containsOnlyKeys(photos.keySet());
        index.members().forEach((path, member) -> {
            byte[] pack = fake.content.get("out/" + member.pack());
            assertThat(java.util.Arrays.copyOfRange(pack, (int) member.offset(), (int) (member.offset()
                    + member.size()))).as(path).isEqualTo(photos.get(path));
        });
    }

    /** A generated set puts its drawing values beside train.csv in the store, with and without packs of photos. */
    @Test
    void aGeneratedSetPutsItsCuesBesideTrainCsv() throws Exception {
        DatagenParams params = StepParameters.bind(Map.of("persons", 3, "evalPersons", 1, "width", 96, "height",
                128, "seed", 11, "style", "painted"), DatagenParams.DEFAULTS);
        byte[] cues = null;
        for (int packBytes : new int[] {0, 20_000}) {
            FakeStore fake = new FakeStore();
            DatagenStep.Generated generated = DatagenStep.generateInto(fake.store(), "out/", params, 2, 2,
                    packBytes, done -> { });
            assertThat(generated.sink().ref(DatasetGenerator.CUES_CSV).key()).isEqualTo("out/train/cues.csv");
            assertThat(fake.stored).contains("out/train/train.csv", "out/train/cues.csv")
                    .noneMatch(k -> k.startsWith("out/eval/") && k.endsWith("cues.csv"));
            assertThat(fake.stored.stream().anyMatch(k -> k.startsWith("out/packs/"))).isEqualTo(packBytes > 0);
            byte[] stored = fake.content.get("out/train/cues.csv");
            String[] lines = new String(stored, StandardCharsets.UTF_8).split("\n");
            assertThat(lines[0]).isEqualTo(Cues.CSV_HEADER);
            assertThat(lines).hasSize(4);
            if (cues != null) {
                assertThat(stored).as("the same rows with packs as without").isEqualTo(cues);
            }
            cues = stored;
        }
    }
}
