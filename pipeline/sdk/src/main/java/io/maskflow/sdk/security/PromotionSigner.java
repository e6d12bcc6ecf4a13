package io.maskflow.sdk.security;

import io.maskflow.contracts.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks model promotions with HMAC-SHA256 over what a promotion decides: the model's id, its artifact
 * (bucket, key, size and SHA-256) and the run that promoted it. A promotion written by anyone without the key, or a
 * signed one changed afterwards, does not check; the model's SHA-256 being signed means the bytes serving loads
 * (checked against it on download) are the ones the evaluator judged.
 */
public final class PromotionSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v1";

    /**
     * What a check found.
     *
     * @param code a short name for metrics: signed, unsigned, bad-signature or no-key
     */
    public record Verdict(boolean accepted, String code, String reason) {
    }

    private static final Verdict BAD = new Verdict(false, "bad-signature",
            "the signature does not match: not signed with this key, or changed after signing");

    private final Optional<SecretKeySpec> key;
    private final boolean required;

    private PromotionSigner(Optional<SecretKeySpec> key, boolean required) {
        this.key = key;
        this.required = required;
    }

    public static PromotionSigner from(PromotionSettings settings) {
        Optional<String> secret = settings.key().filter(k -> !k.isBlank()).or(() -> settings.keyFile().map(file -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the promotion key file " + file, e);
            }
        }));
        return of(secret.orElse(null), settings.requireSignature());
    }

    /** A signer with this key (null: none) that, when {@code required}, accepts only valid signatures. */
    public static PromotionSigner of(String secret, boolean required) {
        if (secret != null && secret.length() < 16) {
            throw new IllegalArgumentException("the promotion key must have at least 16 characters");
        }
        return new PromotionSigner(Optional.ofNullable(secret).map(s -> new SecretKeySpec(
                s.getBytes(StandardCharsets.UTF_8), ALGORITHM)), required);
    }

    public boolean hasKey() {
        return key.isPresent();
    }

    /** The signature of a promotion, or empty without a key. */
    public Optional<String> sign(String modelId, ArtifactRef model, String runId) {
        return key.map(k -> VERSION + ":" + Base64.getEncoder().encodeToString(mac(k, modelId, model, runId)));
    }

    /** Whether serving may load this promotion, and why (or why not). */
    public Verdict check(String modelId, ArtifactRef model, String runId, String signature) {
        if (signature == null || signature.isBlank()) {
            return required ? new Verdict(false, "unsigned", "unsigned") : new Verdict(true, "unsigned",
                    "unsigned, accepted: signatures are not required here");
        }
        if (key.isEmpty()) {
            return required ? new Verdict(false, "no-key", "no promotion key configured to check the signature")
                    : new Verdict(true, "no-key", "signed, not checked: no key here");
        }
        if (!signature.startsWith(VERSION + ":")) {
            return BAD;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException e) {
            return BAD;
        }
        return MessageDigest.isEqual(given, mac(key.get(), modelId, model, runId))
                ? new Verdict(true, "signed", "signed by the evaluator") : BAD;
    }

    private static byte[] mac(SecretKeySpec key, String modelId, ArtifactRef model, String runId) {
        String message = String.join("\n", "maskflow-promotion-" + VERSION, String.valueOf(modelId), model.bucket(),
                model.key(), String.valueOf(model.size()), String.valueOf(model.sha256()), String.valueOf(runId));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
