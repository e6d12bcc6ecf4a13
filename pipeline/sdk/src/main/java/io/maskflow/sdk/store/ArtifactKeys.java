package io.maskflow.sdk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Require;
import io.maskflow.contracts.StepType;
import io.maskflow.contracts.Texts;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.contracts.dataset.DatasetManifest;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every object key of the pipeline is built here, so the layout is written down once (see
 * {@code docs/artifacts.md}). Step outputs are keyed by what determines them, not by who asked: the same step
 * type, code version, parameters and input contents give the same key, which is what makes caching and
 * redelivery safe.
 *
 * <pre>
 * steps/&lt;step&gt;/&lt;cacheKey&gt;/...            outputs of one step execution
 * steps/&lt;step&gt;/&lt;cacheKey&gt;/manifest.json   written last: the outputs and metrics; its presence means "done"
 * idempotency/&lt;sha256(idempotencyKey)&gt;.json  the final event of a command already handled
 * blobs/sha256/&lt;ab&gt;/&lt;sha256&gt;/&lt;name&gt;        content-addressed uploads (zips unpacked by preprocess)
 * datasets/&lt;id&gt;/...                        a data set uploaded with maskflow upload; id = its content id
 * datasets/&lt;id&gt;/maskflow-dataset.json     its manifest, written last
 * datasets/imported/&lt;id&gt;/maskflow-dataset.json  the manifest of a data set found under a bucket prefix
 * runs/&lt;runId&gt;/...                          per-run records (run state, reports of the orchestrator)
 * runs/&lt;runId&gt;/logs/&lt;stepId&gt;/&lt;attempt&gt;.log   the log lines of one step attempt (bounded)
 * models/promoted.json                      the model serving should run, written by the promotion gate
 * schedules/&lt;name&gt;/...                       a recurring-run schedule (schedule.json) and its last firing
 * </pre>
 */
public final class ArtifactKeys {

    /** The longest object key the S3 API takes, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = io.maskflow.contracts.ArtifactRef.MAX_KEY_BYTES;

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ArtifactKeys() {
    }

    /**
     * The cache key of a step execution: SHA-256 (first 32 hex digits) of a canonical JSON of the step type, the
     * handler's code version, the parameters and the inputs' content hashes (not their keys, so an identical data
     * set uploaded twice still hits the cache).
     */
    public static String cacheKey(StepType step, String codeVersion, Map<String, Object> parameters,
            Map<String, ArtifactRef> inputs) {
        Map<String, Object> identity = new TreeMap<>();
        identity.put("step", step.id());
        identity.put("codeVersion", codeVersion);
        identity.put("parameters", new TreeMap<>(parameters));
        Map<String, String> inputHashes = new TreeMap<>();
        inputs.forEach((name, ref) -> inputHashes.put(name, ref.sha256()));
        identity.put("inputs", inputHashes);
        try {
            return Hashing.sha256Hex(CANONICAL.writeValueAsString(identity)).substring(0, 32);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters of step " + step.id() + " cannot be written as JSON", e);
        }
    }

    /** Where one step execution writes its outputs; ends with '/'. */
    public static String stepOutputPrefix(StepType step, String cacheKey) {
        return "steps/" + step.id() + "/" + Require.nonBlank(cacheKey, "cacheKey") + "/";
    }

    /** The manifest of a step execution, written after all its outputs. */
    public static String manifest(String outputPrefix) {
        return outputPrefix + "manifest.json";
    }

    /** The record of a command already handled, found by its idempotency key. */
    public static String idempotencyRecord(String idempotencyKey) {
        return "idempotency/" + Hashing.sha256Hex(Require.nonBlank(idempotencyKey, "idempotencyKey")) + ".json";
    }

    /** A content-addressed object: the same bytes always get the same key. */
    public static String contentAddressed(String sha256, String name) {
        return "blobs/sha256/" + sha256.substring(0, 2) + "/" + sha256 + "/" + safeName(name);
    }

    /** A file of an uploaded data set, e.g. {@code datasets/<id>/train/train.csv}; {@code path} is checked. */
    public static String datasetFile(String datasetId, String path) {
        return "datasets/" + Require.id(datasetId, "data set id") + "/" + DatasetManifest.checkPath(path);
    }

    /** The manifest of an uploaded data set. */
    public static String datasetManifest(String datasetId) {
        return datasetFile(datasetId, DatasetManifest.FILE_NAME);
    }

    /** The manifest written for a data set found under a bucket prefix (not uploaded through Maskflow). */
    public static String importedDatasetManifest(String contentId) {
        return "datasets/imported/" + Require.id(contentId, "content id") + "/" + DatasetManifest.FILE_NAME;
    }

    /** Records of one run, e.g. {@code runs/<runId>/state.json}. */
    public static String runRecord(String runId, String name) {
        return "runs/" + Require.id(runId, "runId") + "/" + safeName(name);
    }

    /**
     * The orchestrator's request that one attempt of a step stop (the run was cancelled or the attempt timed out),
     * which the worker running it polls for: {@code runs/<runId>/stop/<stepId>/<attempt>.json}.
     */
    public static String stopRequest(String runId, String stepId, int attempt) {
        return runRecord(runId, "stop/" + Require.id(stepId, "stepId") + "/" + attempt + ".json");
    }

    /**
     * The claim of the replica running one attempt of a step ({@code runs/<runId>/claims/<stepId>/<attempt>.json}),
     * so a replica handed the same command again (Kafka delivers at least once) does not run it beside the first.
     */
    public static String commandClaim(String runId, String stepId, int attempt) {
        return runRecord(runId, "claims/" + Require.id(stepId, "stepId") + "/" + attempt + ".json");
    }

    /**
     * Where one attempt of a step execution writes its outputs: a folder of its own under the execution's prefix,
     * so a retry or another run computing the same execution never writes over files an earlier attempt may still
     * be writing; ends with '/'.
     */
    public static String attemptPrefix(String executionPrefix, String runId, int attempt) {
        return executionPrefix + Require.id(runId, "runId") + "." + attempt + "/";
    }

    /** Where every record of one run lives, ending with '/': deleting a run deletes this prefix. */
    public static String runPrefix(String runId) {
        return "runs/" + Require.id(runId, "runId") + "/";
    }

    /** The log of one step attempt, written by the step service while and after it works. */
    public static String stepLog(String runId, String stepId, int attempt) {
        return runRecord(runId, "logs/" + Require.id(stepId, "stepId") + "/" + attempt + ".log");
    }

    /** Where the logs of one step of a run live, ending with '/'. */
    public static String stepLogPrefix(String runId, String stepId) {
        return runPrefix(runId) + "logs/" + Require.id(stepId, "stepId") + "/";
    }

    /** The record of the promoted model: which model serving runs and the figures that put it there. */
    public static String promotedModel() {
        return PromotedModel.KEY;
    }

    /** Records of one recurring-run schedule of the orchestrator, e.g. {@code schedules/<name>/schedule.json}. */
    public static String scheduleRecord(String name, String file) {
        return "schedules/" + Require.id(name, "schedule name") + "/" + safeName(file);
    }

    /** The start of a URI such as {@code s3://bucket/...} or {@code http://...}: no key of the store looks so. */
    private static final java.util.regex.Pattern URI_SCHEME =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

    /** Checks that a file name cannot climb out of its prefix. */
    public static String safeName(String name) {
        Require.nonBlank(name, "artifact name");
        if (URI_SCHEME.matcher(name).lookingAt()) {
            throw new IllegalArgumentException("artifact name is a URI, not a key in the store: '" + name
                    + "'; name the object by its key (e.g. 'models/<id>/model.zip'), without the scheme and bucket");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("artifact name is longer than the store's " + MAX_KEY_BYTES
                    + " bytes: '" + Texts.cut(name, 60) + "'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("artifact name has a control character: '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("artifact name must be a relative path without '.', '..' or "
                        + "empty parts: '" + name + "'");
            }
        }
        return name;
    }
}
