package io.maskflow.preprocess.dataset;

import io.maskflow.contracts.dataset.PersonRecord;
import java.util.Map;

/**
 * A person found in a data set, with the images that passed the file checks.
 *
 * @param source index of the data set among the step's inputs
 * @param record id, gender and age (after corrections)
 * @param images file stem ({@code mask1} .. {@code normal}) to the image's path in its data set
 */
public record PersonEntry(int source, PersonRecord record, Map<String, String> images) {

    /**
     * The person across merged data sets, {@code <source>/<id>}: folders that share an id (the real data has
     * one such pair) share the key, so the split keeps them on one side.
     */
    public String key() {
        return source + "/" + record.id();
    }
}
