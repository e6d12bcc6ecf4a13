package io.maskflow.vision.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * Cross-entropy for either head layout: over the 18 classes for {@link Heads#SINGLE}; for {@link Heads#THREE} the
 * sum of the mask, gender and age cross-entropies, with the three labels taken from the class.
 */
public final class HeadsLoss extends Loss {

    private final Heads heads;
    private final SoftmaxCrossEntropyLoss crossEntropy = new SoftmaxCrossEntropyLoss("ce");

    public HeadsLoss(Heads heads) {
        super("loss");
        this.heads = heads;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray label = labels.singletonOrThrow();
        NDArray logits = predictions.singletonOrThrow();
        if (heads == Heads.SINGLE) {
            return crossEntropy.evaluate(new NDList(label), new NDList(logits));
        }
        NDArray mask = label.div(6).floor();
        NDArray gender = label.div(3).floor().mod(2);
        NDArray age = label.mod(3);
        return crossEntropy.evaluate(new NDList(mask), new NDList(logits.get(new NDIndex(":, 0:3"))))
                .add(crossEntropy.evaluate(new NDList(gender), new NDList(logits.get(new NDIndex(":, 3:5")))))
                .add(crossEntropy.evaluate(new NDList(age), new NDList(logits.get(new NDIndex(":, 5:8")))));
    }
}
