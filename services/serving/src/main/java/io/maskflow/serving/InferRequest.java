package io.maskflow.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskflow.contracts.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An Open Inference Protocol v2 request, read as a stream: the values of its one tensor go straight into a float
 * array (at most {@code maxValues} of them are kept; beyond that they are only counted), never into a tree of JSON
 * nodes, which took about 30 bytes of heap for every value.
 */
record InferRequest(String id, String datatype, List<Long> shape, Data data, List<String> outputs) {

    /** The fields of a v2 request and of its input tensor; any other is refused, not skipped. */
    private static final List<String> REQUEST_FIELDS = List.of("id", "parameters", "inputs", "outputs");
    private static final List<String> TENSOR_FIELDS = List.of("name", "shape", "datatype", "parameters", "data");
    /** The longest request id given back. */
    static final int MAX_ID = 256;
    /** The outputs the model gives. */
    private static final List<String> OUTPUTS = List.of("probabilities", "class");
    private static final String NO_TENSOR =
            "the request needs \"inputs\" with exactly one tensor: 'image' (BYTES) or 'input' (FP32)";

    /** Reads the request; one without exactly one input tensor is an {@link InferenceProtocolResource.BadInput}. */
    static InferRequest read(ObjectMapper json, InputStream body, long maxValues)
            throws IOException, InferenceProtocolResource.BadInput {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InferenceProtocolResource.BadInput(NO_TENSOR);
            }
            String id = null;
            String datatype = "";
            List<Long> shape = new ArrayList<>();
            Data data = new Data(maxValues);
            int tensors = -1;
            List<String> outputs = OUTPUTS;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field)) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        // a number was echoed back as a string ("123"), an object as ""
                        throw new InferenceProtocolResource.BadInput("'id' is a string the answer gives back, got "
                                + describe(value));
                    }
                    id = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    if (id != null && id.length() > MAX_ID) {
                        throw new InferenceProtocolResource.BadInput("'id' has " + id.length()
                                + " characters; at most " + MAX_ID + " are given back");
                    }
                } else if (!REQUEST_FIELDS.contains(field)) {
                    throw new InferenceProtocolResource.BadInput("unknown field '" + Texts.cut(field, 60)
                            + "': a v2 request has " + REQUEST_FIELDS);
                } else if ("outputs".equals(field)) {
                    outputs = requestedOutputs(parser);
                } else if ("inputs".equals(field) && value == JsonToken.START_ARRAY) {
                    tensors = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (tensors++ == 0 && parser.currentToken() == JsonToken.START_OBJECT) {
                            datatype = readTensor(parser, shape, data);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (tensors != 1) {
                throw new InferenceProtocolResource.BadInput(NO_TENSOR);
            }
            return new InferRequest(id, datatype, shape, data, outputs);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /**
     * The outputs a request asks for ({@code [{"name": "class"}]}), in the model's order; each must be one the model
     * gives. Null or left out asks for all, as the protocol says. An unknown name was answered 200 as if it were not
     * there, and a request for one output got both.
     */
    private static List<String> requestedOutputs(JsonParser parser) throws IOException,
            InferenceProtocolResource.BadInput {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return OUTPUTS;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InferenceProtocolResource.BadInput("'outputs' is a list of {\"name\": ...}, one of " + OUTPUTS);
        }
        Set<String> asked = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String name = null;
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                        name = parser.getText();
                    }
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
            if (name == null || !OUTPUTS.contains(name)) {
                throw new InferenceProtocolResource.BadInput("requested output "
                        + (name == null ? "without a name" : "'" + Texts.cut(name, 60) + "'")
                        + " is not one this model gives: " + OUTPUTS);
            }
            asked.add(name);
        }
        if (asked.isEmpty()) {
            throw new InferenceProtocolResource.BadInput("'outputs' is empty: leave it out for every output, or name "
                    + "some of " + OUTPUTS);
        }
        return OUTPUTS.stream().filter(asked::contains).toList();
    }

    /** One tensor object: its datatype is returned, its shape and data filled in. */
    private static String readTensor(JsonParser parser, List<Long> shape, Data data)
            throws IOException, InferenceProtocolResource.BadInput {
        String datatype = "";
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!TENSOR_FIELDS.contains(field)) {
                throw new InferenceProtocolResource.BadInput("unknown field '" + Texts.cut(field, 60)
                        + "' in the input tensor: a tensor has " + TENSOR_FIELDS);
            }
            if ("name".equals(field)) {
                name = value == JsonToken.VALUE_STRING ? parser.getText() : "";
                parser.skipChildren();
            } else if ("datatype".equals(field)) {
                datatype = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : "";
                parser.skipChildren();
            } else if ("shape".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    // a dimension is a whole number: 1.5 is no shape (it was read as 1)
                    shape.add(parser.currentToken() == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsLong(-1) : -1L);
                    parser.skipChildren();
                }
            } else if ("data".equals(field)) {
                data.read(parser);
            } else {
                parser.skipChildren();
            }
        }
        String expected = "BYTES".equals(datatype) ? "image" : "FP32".equals(datatype) ? "input" : null;
        if (name == null || expected != null && !expected.equals(name)
                || expected == null && !"image".equals(name) && !"input".equals(name)) {
            throw new InferenceProtocolResource.BadInput("the input tensor is named "
                    + (name == null ? "nothing" : "'" + Texts.cut(name, 60) + "'") + ": this model takes 'image' "
                    + "(BYTES: encoded photos) or 'input' (FP32: a tensor of its shape)");
        }
        return datatype;
    }

    /** A tensor's values, flattened: numbers as floats, and the text of the first few (the BYTES elements). */
    static final class Data {
        private static final int TEXTS = InferenceProtocolResource.MAX_BATCH + 1;
        private final long maxValues;
        private float[] numbers = new float[1024];
        private final List<String> texts = new ArrayList<>();
        private long count;
        private long notNumber = -1;
        private String notNumberText;
        private long notFinite = -1;
        private String notFiniteText;

        Data(long maxValues) {
            this.maxValues = maxValues;
        }

        /** Every leaf of a value, nested arrays flattened in order. */
        void read(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    read(parser);
                }
                return;
            }
            if (token.isNumeric()) {
                float value = parser.getFloatValue();
                if (!Float.isFinite(value) && notFinite < 0) {
                    notFinite = count;
                    notFiniteText = parser.getText();
                }
                if (count < maxValues) {
                    if (count == numbers.length) {
                        numbers = Arrays.copyOf(numbers, (int) Math.min(maxValues, 2L * numbers.length));
                    }
                    numbers[(int) count] = value;
                }
            } else if (notNumber < 0) {
                notNumber = count;
                notNumberText = token == JsonToken.VALUE_STRING ? "\"" + parser.getText() + "\""
                        : token.isScalarValue() ? parser.getText() : token.asString();
            }
            if (texts.size() < TEXTS) {
                // null for what is no text (an object, null, a number): a BYTES element must be a string
                texts.add(token == JsonToken.VALUE_STRING ? parser.getText() : null);
            }
            parser.skipChildren();
            count++;
        }

        long count() {
            return count;
        }

        /** The i-th value's text; null when it is no string. */
        String text(int i) {
            return texts.get(i);
        }

        /** The first value that is not a number, or not a finite 32-bit float, is a 400 naming it. */
        void checkNumbers(String name) throws InferenceProtocolResource.BadInput {
            if (notNumber >= 0 && (notFinite < 0 || notNumber < notFinite)) {
                throw new InferenceProtocolResource.BadInput("value " + notNumber + " of '" + name
                        + "' is not a number: " + notNumberText);
            }
            if (notFinite >= 0) {
                throw new InferenceProtocolResource.BadInput("value " + notFinite + " of '" + name + "' ("
                        + notFiniteText + ") is not a finite 32-bit float");
            }
        }

        /**
         * The first {@code n} values (all of them: {@code n} is their count). Refused when fewer were kept: the
         * body was read under the limit of the model served when it arrived, and a model of larger images was
         * swapped in before it was answered (the values past the old limit were only counted; they used to be
         * answered as zeros).
         */
        float[] numbers(int n) throws InferenceProtocolResource.BadInput {
            if (n > Math.min(count, maxValues)) {
                throw new InferenceProtocolResource.BadInput("the request's " + count + " values were read for the "
                        + "model served when it arrived, which takes at most " + maxValues + "; the model served "
                        + "since takes " + n + ": send the request again");
            }
            return numbers.length == n ? numbers : Arrays.copyOf(numbers, n);
        }
    }
}
