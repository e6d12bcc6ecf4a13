package io.maskflow.sdk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskflow.contracts.ArtifactRef;
import org.junit.jupiter.api.Test;

class PromotionSignerTest {

    private static final ArtifactRef MODEL = new ArtifactRef("maskflow", "steps/train/abc/model.zip", 1234,
            "0".repeat(64));
    private static final PromotionSigner EVALUATOR = PromotionSigner.of("the-shared-promotion-key", true);

    @Test
    void aSignatureChecksOnlyForTheSameKeyAndTheSameFields() {
        String signature = EVALUATOR.sign("model-1", MODEL, "run-1").orElseThrow();
        assertThat(EVALUATOR.check("model-1", MODEL, "run-1", signature).accepted()).isTrue();

        assertThat(PromotionSigner.of("another-key-entirely", true).check("model-1", MODEL, "run-1", signature)
                .code()).isEqualTo("bad-signature");
        assertThat(EVALUATOR.check("model-2", MODEL, "run-1", signature).accepted()).isFalse();
        assertThat(EVALUATOR.check("model-1", MODEL, "run-2", signature).accepted()).isFalse();
        for (ArtifactRef changed : new ArtifactRef[] {
            new ArtifactRef("other", MODEL.key(), MODEL.size(), MODEL.sha256()),
            new ArtifactRef(MODEL.bucket(), "steps/train/abc/other.zip", MODEL.size(), MODEL.sha256()),
            new ArtifactRef(MODEL.bucket(), MODEL.key(), 1235, MODEL.sha256()),
            new ArtifactRef(MODEL.bucket(), MODEL.key(), MODEL.size(), "1".repeat(64))}) {
            assertThat(EVALUATOR.check("model-1", changed, "run-1", signature).accepted()).as(changed.toString())
                    .isFalse();
        }
        assertThat(EVALUATOR.check("model-1", MODEL, "run-1", "v1:!!notbase64").code()).isEqualTo("bad-signature");
        assertThat(EVALUATOR.check("model-1", MODEL, "run-1", "v0:" + signature.substring(3)).accepted()).isFalse();
    }

    @Test
    void unsignedPromotionsAreRefusedUnlessSignaturesAreNotRequired() {
        assertThat(EVALUATOR.check("model-1", MODEL, "run-1", null).code()).isEqualTo("unsigned");
        assertThat(EVALUATOR.check("model-1", MODEL, "run-1", null).accepted()).isFalse();
        assertThat(PromotionSigner.of("the-shared-promotion-key", false).check("model-1", MODEL, "run-1", null)
                .accepted()).isTrue();
        assertThat(PromotionSigner.of(null, true).check("model-1", MODEL, "run-1", "v1:abc").code())
                .isEqualTo("no-key");
        assertThat(PromotionSigner.of(null, true).sign("model-1", MODEL, "run-1")).isEmpty();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> PromotionSigner.of("short", true)).hasMessageContaining("16 characters");
    }
}
