package io.maskflow.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test stand-ins for the listeners' session: a "model" whose parameters are a line of text naming the epoch that
 * produced them, saved to and loaded from real files, so a test sees which epoch's parameters went where.
 */
final class ListenerFixture implements TrainingSession.Parameters {

    /** Which epoch's parameters the model holds now. */
    String current = "fresh";
    int saves;
    int loads;

    @Override
    public void save(Path file) throws IOException {
        Files.writeString(file, current);
        saves++;
    }

    @Override
    public void load(Path file) throws IOException {
        current = Files.readString(file);
        loads++;
    }

    static TrainingRunner.Epoch epoch(int epoch, double valMacroF1) {
        return new TrainingRunner.Epoch(epoch, 1, 1, valMacroF1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Trains one epoch on the stand-in model and tells every listener, as the runner's loop does. */
    void train(TrainingSession session, double valMacroF1, TrainingListener... listeners) throws IOException {
        int epoch = session.curve().size() + 1;
        current = "epoch " + epoch;
        session.add(epoch(epoch, valMacroF1));
        for (TrainingListener listener : listeners) {
            listener.onEpoch(session);
        }
    }
}
