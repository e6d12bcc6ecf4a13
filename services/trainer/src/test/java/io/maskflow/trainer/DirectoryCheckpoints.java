package io.maskflow.trainer;

import io.maskflow.contracts.json.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Checkpoints in a local directory, for tests of resuming without a store. */
class DirectoryCheckpoints implements Checkpoints {

    private final Path dir;

    DirectoryCheckpoints(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public Optional<State> restore(Path latest, Path best) throws IOException {
        if (!Files.exists(dir.resolve("state.json"))) {
            return Optional.empty();
        }
        Files.copy(dir.resolve("latest.zip"), latest, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("best.zip"), best, StandardCopyOption.REPLACE_EXISTING);
        return Optional.of(EventCodec.instance().mapper().readValue(dir.resolve("state.json").toFile(),
                State.class));
    }

    @Override
    public void save(State state, Path latest, Path best) throws IOException {
        Files.copy(latest, dir.resolve("latest.zip"), StandardCopyOption.REPLACE_EXISTING);
        if (best != null) {
            Files.copy(best, dir.resolve("best.zip"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.write(dir.resolve("state.json"), EventCodec.instance().mapper().writeValueAsBytes(state));
    }
}
