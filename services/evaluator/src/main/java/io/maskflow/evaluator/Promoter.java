package io.maskflow.evaluator;

import io.maskflow.contracts.ArtifactRef;
import io.maskflow.contracts.Topics;
import io.maskflow.contracts.events.Event;
import io.maskflow.contracts.events.ModelPromotedEvent;
import io.maskflow.contracts.run.PromotedModel;
import io.maskflow.sdk.security.PromotionSigner;
import io.maskflow.sdk.step.EventSink;
import io.maskflow.sdk.store.ArtifactCorruptedException;
import io.maskflow.sdk.store.ArtifactKeys;
import io.maskflow.sdk.store.ArtifactNotFoundException;
import io.maskflow.sdk.store.ArtifactStore;
import io.maskflow.vision.model.Ensemble;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes a model the served one: writes the promoted-model record to the store and publishes the promotion, both
 * signed with the promotion key so serving loads it (docs/security.md). Used by the gate of an evaluation and by
 * an admin's promotion by hand.
 *
 * <p>The record changes by compare-and-swap: a gate decides against the record it read, then, holding the
 * {@link PromotionLock} (one holder across every evaluator replica), reads the record again and writes only when it
 * is the one it decided against. When another promotion came in between, the gate lost the race: it decides again
 * against the new record, up to {@link #MAX_ATTEMPTS} times, and its decision names the model it lost to.
 */
@ApplicationScoped
public class Promoter {

    private static final Logger LOG = Logger.getLogger(Promoter.class);

    /**
     * The recorded figure of a model promoted by hand: none, so the next gate that cannot evaluate the promoted model
     * on its own records lets any candidate replace it.
     */
    public static final double BY_HAND = 0.0;
    /** How many times a gate decides before it gives up when other promotions keep changing the record. */
    public static final int MAX_ATTEMPTS = 5;

    /** The gate's rule: its decision against the promoted model's record of the moment (null when there is none). */
    @FunctionalInterface
    public interface Gate {
        EvaluateStep.Promotion decide(PromotedModel current) throws IOException;
    }

    /**
     * Writes the evaluation's report with the final decision and gives its reference; called exactly once, while the
     * lock is held when the decision is to promote (the record names the report).
     */
    @FunctionalInterface
    public interface ReportWriter {
        ArtifactRef write(EvaluateStep.Promotion decision) throws IOException;
    }

    /**
     * What a gate ended with.
     *
     * @param promotion the final decision and its reason
     * @param report the report written with it (null when no writer was given)
     * @param promoted the record written when the model was promoted, else null
     * @param racesLost how many times another promotion changed the record between a decision and its write
     */
    public record Outcome(EvaluateStep.Promotion promotion, ArtifactRef report, PromotedModel promoted,
            int racesLost) {
    }

    /** The promoted-model record as read, with the SHA-256 of its bytes (null when there is no record). */
    private record Pointer(String sha256, PromotedModel record) {
    }

    @Inject
    ArtifactStore store;
    @Inject
    EventSink events;
    @Inject
    PromotionSigner signer;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private PromotionLock lock;

    Promoter() {
    }

    /** A promoter outside CDI (tests: one per simulated replica). */
    public Promoter(ArtifactStore store, EventSink events, PromotionSigner signer, PromotionLock lock) {
        this.store = store;
        this.events = events;
        this.signer = signer;
        this.lock = lock;
    }

    @PostConstruct
    void init() {
        lock = new PromotionLock(kafka, Topics.STEP_COMMANDS_PREFIX + "evaluate", Duration.ofMinutes(2));
    }

    /** The id serving shows for a model: its kind and the start of its SHA-256. */
    public static String modelId(ArtifactRef model) {
        return (Ensemble.isEnsemble(model) ? "ensemble-" : "model-") + model.sha256().substring(0, 12);
    }

    /**
     * Promotes a model whatever is promoted now (an admin's choice), in turn with every other promotion.
     *
     * @param report the evaluation report that justified it, or null
     * @param macroF1 the figure that justified it, or {@link #BY_HAND}
     * @param by who promotes it, for the record
     * @param reason why, for the record, or null
     */
    public PromotedModel promote(ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            String stepId, String by, String reason) throws IOException {
        try (PromotionLock.Held held = lock.acquire()) {
            held.check();
            return write(model, report, macroF1, runId, stepId, by, reason);
        }
    }

    /**
     * Promotes {@code model} when the gate says so against the record of the moment, by compare-and-swap.
     *
     * @param macroF1 the candidate's figure, recorded with it
     * @param reports writes the report with the final decision
     */
    public Outcome promoteIfBetter(ArtifactRef model, double macroF1, String runId, String stepId, Gate gate,
            ReportWriter reports) throws IOException {
        StringBuilder races = new StringBuilder();
        for (int attempt = 1; ; attempt++) {
            Pointer seen = read();
            EvaluateStep.Promotion decision = withRaces(gate.decide(seen.record()), races);
            if (!decision.promoted()) {
                return new Outcome(decision, reports.write(decision), null, attempt - 1);
            }
            Pointer now;
            try (PromotionLock.Held held = lock.acquire()) {
                now = read();
                if (same(now, seen)) {
                    held.check();
                    ArtifactRef report = reports.write(decision);
                    return new Outcome(decision, report, write(model, report, macroF1, runId, stepId,
                            PromotedModel.BY_THE_GATE, decision.reason()), attempt - 1);
                }
            }
            PromotedModel winner = now.record();
            String lost = winner == null ? "the promoted model was withdrawn" : String.format(Locale.ROOT,
                    "%s (run %s, macro F1 %.4f) was promoted", winner.modelId(), winner.runId(), winner.macroF1());
            races.append(String.format(Locale.ROOT, "lost a promotion race: %s while this evaluation decided "
                    + "(attempt %d); ", lost, attempt));
            LOG.infof("run %s step %s: %s", runId, stepId, races);
            if (attempt >= MAX_ATTEMPTS) {
                EvaluateStep.Promotion gaveUp = new EvaluateStep.Promotion(false, races + "gave up after "
                        + MAX_ATTEMPTS + " attempts", winner == null ? null : winner.model(),
                        winner == null ? null : winner.macroF1());
                return new Outcome(gaveUp, reports.write(gaveUp), null, attempt);
            }
        }
    }

    private static EvaluateStep.Promotion withRaces(EvaluateStep.Promotion decision, StringBuilder races) {
        return races.isEmpty() ? decision : new EvaluateStep.Promotion(decision.promoted(), races + "then: "
                + decision.reason(), decision.previousModel(), decision.previousMacroF1(), decision.gain90());
    }

    private static boolean same(Pointer a, Pointer b) {
        return a.sha256() == null ? b.sha256() == null : a.sha256().equals(b.sha256());
    }

    /** The record of the moment; read again when it was replaced between its stat and its read. */
    private Pointer read() throws IOException {
        for (int attempt = 1; ; attempt++) {
            Optional<ArtifactRef> ref = store.stat(ArtifactKeys.promotedModel());
            if (ref.isEmpty()) {
                return new Pointer(null, null);
            }
            try {
                return new Pointer(ref.get().sha256(), PromotedModel.read(store.read(ref.get())));
            } catch (ArtifactCorruptedException | ArtifactNotFoundException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private PromotedModel write(ArtifactRef model, ArtifactRef report, double macroF1, String runId,
            String stepId, String by, String reason) throws IOException {
        String modelId = modelId(model);
        String signature = signer.sign(modelId, model, runId).orElse(null);
        PromotedModel promoted = new PromotedModel(modelId, model, report, macroF1, runId,
                Instant.now(), signature, by, reason);
        store.put(ArtifactKeys.promotedModel(), promoted.toJson(), "application/json");
        Map<String, Double> metrics = report == null && macroF1 == BY_HAND ? Map.of() : Map.of("macroF1", macroF1);
        events.publish(Topics.MODELS_PROMOTED, new ModelPromotedEvent(Event.SCHEMA_VERSION, runId, stepId, null,
                modelId, model, report, metrics, null, signature));
        return promoted;
    }
}
