package io.maskflow.contracts.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads an instant from ISO-8601 text only, as the project writes every time. Jackson's own reader also took a
 * number as seconds since 1970, so a run request's {@code "time": 1e300} was taken and read as some other time
 * without a word, while a time string that does not parse was refused.
 */
final class InstantAsText extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    InstantAsText() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            throw MismatchedInputException.from(parser, Instant.class, "a time is an ISO-8601 instant in a string, "
                    + "like \"2026-12-07T20:00:00Z\", got a number (" + parser.getText() + ")");
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
