package io.maskflow.orchestrator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.maskflow.contracts.events.RunRequestedEvent;
import io.maskflow.contracts.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run request whose run id (given, or derived from its idempotency key) names a run made by another request: a
 * different pipeline or other parameters. The same request twice is one run; a different one under the same id used
 * to be answered with the old run (or the old run's rejection), its own pipeline and parameters never looked at.
 */
public final class RunIdTakenException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper CANONICAL = EventCodec.instance().mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    RunIdTakenException(RunState run) {
        super("run id " + run.runId + " is taken by another request (pipeline '" + run.pipeline + "', "
                + (run.status == null ? "" : run.status.name().toLowerCase(java.util.Locale.ROOT) + ", ")
                + "other parameters): give another runId or idempotencyKey, or leave both out");
    }

    /**
     * What a request asks for, as a SHA-256 of its pipeline and parameters written with sorted keys: equal for the
     * same request sent again, whatever the order of its keys or the way a number is written ({@code 24},
     * {@code 24.0} and {@code 2.4e1} are one value, as every step reads them; {@code 24.0} was "other parameters").
     */
    public static String digest(RunRequestedEvent request) {
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("pipeline", request.pipeline());
        asked.put("parameters", canonical(request.parameters()));
        try {
            byte[] json = CANONICAL.writeValueAsString(asked).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint run request " + request.runId(), e);
        }
    }

    /** A parameter value with every whole number (of any type, {@code -0.0} too) as a {@code long}. */
    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, canonical(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(RunIdTakenException::canonical).toList();
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return (long) d;
            }
        }
        return value;
    }

    /** Refuses {@code request} when {@code run}, under the same id, was made by a different request. */
    public static void check(RunState run, RunRequestedEvent request) {
        if (run.requestDigest != null && !run.requestDigest.equals(digest(request))) {
            throw new RunIdTakenException(run);
        }
    }
}
