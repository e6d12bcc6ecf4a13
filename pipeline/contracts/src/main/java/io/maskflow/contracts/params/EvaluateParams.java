package io.maskflow.contracts.params;

import static io.maskflow.contracts.params.StepParameters.within;

/**
 * Parameters of the {@code evaluate} step.
 *
 * @param tta average the logits of each image and its horizontal flip
 * @param multiCrop also average over five crops (corners and centre, 7/8 of the side) and their flips
 * @param ensemble how several input models combine: {@code soft} (mean probabilities), {@code hard} (vote),
 *     {@code best} (evaluate each, keep the one with the highest macro F1), or {@code per-head} (each of the mask,
 *     gender and age heads answered by the model with that head's highest macro F1)
 * @param promote publish the model to serving when it passes the gate
 * @param promotionMargin how much higher than the promoted model's macro F1 the candidate's must be
 * @param pseudoLabelThreshold when above 0, also write the eval images whose top probability reaches it as a
 *     pseudo-labelled data set
 * @param minimumMacroF1 the macro F1 a candidate needs (on the headline records, the hold-out when there is one)
 *     to be promoted at all, a first model included; the default 0.2 is about four times chance (1/18) and above
 *     the about 1/6 of a model that learnt the mask and guessed gender and age
 */
public record EvaluateParams(boolean tta, boolean multiCrop, Ensembling ensemble, boolean promote,
        double promotionMargin, double pseudoLabelThreshold, double minimumMacroF1) {

    public static final EvaluateParams DEFAULTS = new EvaluateParams(true, false, Ensembling.SOFT, true, 0.0, 0.0,
            0.2);

    public EvaluateParams {
        if (ensemble == null) {
            Choice.parse(Ensembling.class, "ensemble", null); // refuses it, naming the allowed words
        }
        within(promotionMargin, "promotionMargin", -1, 1);
        within(pseudoLabelThreshold, "pseudoLabelThreshold", 0, 1);
        within(minimumMacroF1, "minimumMacroF1", 0, 1);
    }
}
