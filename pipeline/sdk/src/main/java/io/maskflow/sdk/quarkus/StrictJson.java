package io.maskflow.sdk.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.json.EventCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * REST bodies are read as strictly as events: a body with something after its JSON value ({@code {}}}}) is a
 * 400, not the value alone with the rest ignored; a number with a fraction for a whole-number field (a file's
 * {@code "size": 1.5}) is a 400, not cut to 1; a string for a number or a yes/no field ({@code "persons": "1"},
 * {@code "promote": "true"}) is a 400, not read as the number or the truth value it spells; a field given twice
 * ({@code {"persons": 1, "persons": 900}}) is a 400, not the last value. (Unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties}.)
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventCodec.strict(mapper);
    }
}
