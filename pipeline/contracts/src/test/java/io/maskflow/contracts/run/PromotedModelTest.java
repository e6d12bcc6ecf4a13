package io.maskflow.contracts.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromotedModelTest {

    private static final String SHA_MODEL = "1a2b3c4d5e6f" + "0".repeat(52);
    private static final String SHA_REPORT = "f".repeat(64);

    /** A record as the evaluator wrote it before the record moved to contracts (its field names and order). */
    private static final String STORED = """
            {"modelId":"model-1a2b3c4d5e6f",\
            "model":{"bucket":"maskflow","key":"runs/r1/train/model.zip","size":1234,"sha256":"%s"},\
            "report":{"bucket":"maskflow","key":"runs/r1/evaluate/report.json","size":99,"sha256":"%s"},\
            "macroF1":0.8125,"runId":"r1","time":"2026-11-30T10:15:30.123Z","signature":"c2lnbmVk"}"""
            .formatted(SHA_MODEL, SHA_REPORT);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordInTheStoredShapeReadsBack() throws IOException {
        PromotedModel record = PromotedModel.read(bytes(STORED));

        assertThat(record).isEqualTo(new PromotedModel("model-1a2b3c4d5e6f",
                new ArtifactRef("maskflow", "runs/r1/train/model.zip", 1234, SHA_MODEL),
                new ArtifactRef("maskflow", "runs/r1/evaluate/report.json", 99, SHA_REPORT), 0.8125, "r1",
                Instant.parse("2026-11-30T10:15:30.123Z"), "c2lnbmVk"));
        assertThat(new String(record.toJson(), StandardCharsets.UTF_8)).isEqualTo(STORED);
    }

    /** Who promoted a model and why are kept beside it; a reason of any length is cut, not refused. */
    @Test
    void whoAndWhyReadBackAndALongReasonIsCut() throws IOException {
        PromotedModel record = new PromotedModel("model-1a2b3c4d5e6f", new ArtifactRef("maskflow", "m.zip", 1,
                SHA_MODEL), null, 0, "manual-1", Instant.parse("2026-12-07T01:00:00Z"), null, "admin",
                "roll back: " + "r".repeat(5000));

        PromotedModel read = PromotedModel.read(record.toJson());
        assertThat(read.promotedBy()).isEqualTo("admin");
        assertThat(read.reason()).startsWith("roll back: rrr").hasSizeLessThan(PromotedModel.MAX_REASON + 40);
        assertThat(read).isEqualTo(record);
        assertThat(PromotedModel.read(bytes(STORED)).promotedBy()).isNull();
    }

    @Test
    void aMinimalRecordReadsAndUnknownFieldsAreIgnored() throws IOException {
        PromotedModel record = PromotedModel.read(bytes("""
                {"modelId":"bench","model":{"bucket":"b","key":"m.zip","size":1,"sha256":"%s"},"newer":true}"""
                .formatted(SHA_MODEL)));

        assertThat(record.modelId()).isEqualTo("bench");
        assertThat(record.model().key()).isEqualTo("m.zip");
        assertThat(record.macroF1()).isZero();
        assertThat(record.report()).isNull();
        assertThat(record.signature()).isNull();
    }

    @Test
    void aRecordWithoutAModelOrNotJsonIsRefusedWithTheReason() {
        assertThatThrownBy(() -> PromotedModel.read(bytes("{\"modelId\":\"model-x\",\"runId\":\"r1\"}")))
                .isInstanceOf(IOException.class).hasMessage("the promoted-model record names no model");
        assertThatThrownBy(() -> PromotedModel.read(bytes("null"))).isInstanceOf(IOException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PromotedModel.read(bytes("{\"model\":"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PromotedModel.read(bytes("{\"model\":{\"bucket\":\"b\"}}")))
                .isInstanceOf(IOException.class).hasMessageContaining("artifact key is missing");
    }
}
