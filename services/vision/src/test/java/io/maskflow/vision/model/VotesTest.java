package io.maskflow.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VotesTest {

    private static float[][] one(int top, float p) {
        float[][] out = new float[1][18];
        java.util.Arrays.fill(out[0], (1 - p) / 17);
        out[0][top] = p;
        return out;
    }

    @Test
    void softVoteIsTheMeanProbability() {
        float[][] mean = Votes.soft(List.of(one(3, 0.9f), one(5, 0.6f), one(5, 0.5f)));
        assertThat(mean[0][3]).isCloseTo((0.9f + 0.4f / 17 + 0.5f / 17) / 3, within(1e-6f));
        float sum = 0;
        for (float v : mean[0]) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1f, within(1e-5f));
        // one confident model outweighs two lukewarm ones in a soft vote...
        assertThat(Votes.argMax(Votes.soft(List.of(one(3, 0.99f), one(5, 0.4f), one(5, 0.4f)))[0])).isEqualTo(3);
        // ...but not in a hard vote
        assertThat(Votes.argMax(Votes.hard(List.of(one(3, 0.99f), one(5, 0.4f), one(5, 0.4f)))[0])).isEqualTo(5);
    }

    @Test
    void aHardVoteTieGoesToTheHigherMeanProbabilityThenToTheLowerClass() {
        assertThat(Votes.argMax(Votes.hard(List.of(one(7, 0.5f), one(2, 0.9f)))[0])).isEqualTo(2);
        assertThat(Votes.argMax(Votes.hard(List.of(one(2, 0.9f), one(7, 0.5f)))[0])).as("order does not matter")
                .isEqualTo(2);
        assertThat(Votes.argMax(Votes.hard(List.of(one(7, 0.6f), one(2, 0.6f)))[0])).isEqualTo(2);
        assertThat(Votes.argMax(Votes.hard(List.of(one(2, 0.6f), one(7, 0.6f)))[0])).isEqualTo(2);
        float[][] shares = Votes.hard(List.of(one(4, 0.5f), one(4, 0.7f), one(9, 0.9f)));
        assertThat(shares[0][4]).isCloseTo(2f / 3, within(1e-5f));
        assertThat(shares[0][9]).isCloseTo(1f / 3, within(1e-5f));
    }
}
