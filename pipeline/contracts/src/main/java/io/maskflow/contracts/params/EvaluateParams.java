package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.within;

/**
 * Parameters of the {@code evaluate} step.
 *
 * @param tta average the logits of each image and its horizontal flip
 * @param promote publish the model to serving when it passes the gate
 * @param promotionMargin how much higher than the promoted model's macro F1 the candidate's must be
 */
public record EvaluateParams(boolean tta, boolean promote, double promotionMargin) {

    public static final EvaluateParams DEFAULTS = new EvaluateParams(true, true, 0.0);

    public EvaluateParams {
        within(promotionMargin, "promotionMargin", -1, 1);
    }
}
