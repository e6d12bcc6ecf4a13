package io.maskflow.datagen.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.labels.AgeBands;
import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.contracts.params.StepParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonFactoryTest {

    @Test
    void aPersonDependsOnlyOnSeedAndIndex() {
        PersonFactory factory = new PersonFactory(DatagenParams.DEFAULTS);
        Person first = factory.make(17, factory.randomFor(17));
        factory.make(3, factory.randomFor(3));
        Person again = new PersonFactory(DatagenParams.DEFAULTS).make(17, factory.randomFor(17));
        assertThat(again).isEqualTo(first);
        assertThat(first.truth().id()).isEqualTo("000018");
        PersonFactory otherSeed = new PersonFactory(StepParameters.bind(Map.of("seed", 7), DatagenParams.DEFAULTS));
        assertThat(otherSeed.make(17, otherSeed.randomFor(17))).isNotEqualTo(first);
    }

    @Test
    void labelNoiseChangesTheWrittenLabelOfAboutTheAskedShare() {
        DatagenParams params = StepParameters.bind(Map.of("labelNoise", 0.2), DatagenParams.DEFAULTS);
        PersonFactory factory = new PersonFactory(params);
        int noisy = 0;
        for (int i = 0; i < 2000; i++) {
            Person p = factory.make(i, factory.randomFor(i));
            if (p.noisy()) {
                noisy++;
                boolean genderFlipped = p.labelled().gender() != p.truth().gender();
                boolean groupMoved = AgeBands.COMPETITION.groupOf(p.labelled().age())
                        != AgeBands.COMPETITION.groupOf(p.truth().age());
                assertThat(genderFlipped ^ groupMoved).as("exactly one label is wrong for %s", p.truth()).isTrue();
            }
        }
        assertThat(noisy).isBetween(340, 460);
    }
}
