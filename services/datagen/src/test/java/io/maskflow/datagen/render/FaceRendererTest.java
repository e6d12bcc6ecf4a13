package io.maskflow.datagen.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskflow.contracts.params.DatagenParams;
import io.maskflow.datagen.masks.Landmarks;
import io.maskflow.datagen.people.Person;
import io.maskflow.datagen.people.PersonFactory;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaceRendererTest {

    @Test
    void landmarksLieOnTheFaceInTheirAnatomicalOrder() {
        PersonFactory factory = new PersonFactory(DatagenParams.DEFAULTS);
        FaceRenderer renderer = new FaceRenderer();
        for (int i = 0; i < 200; i++) {
            SplittableRandom random = factory.randomFor(i);
            Person person = factory.make(i, random);
            BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
            Landmarks lm = renderer.render(person.appearance(), Pose.random(random), image).landmarks();
            lm.requireInside(384, 512);
            double browY = (lm.y(19) + lm.y(24)) / 2;
            double eyeY = (lm.y(37) + lm.y(44)) / 2;
            assertThat(browY).isLessThan(eyeY);
            assertThat(eyeY).isLessThan(lm.y(Landmarks.NOSE_TIP));
            assertThat(lm.y(Landmarks.NOSE_TIP)).isLessThan(lm.y(Landmarks.UPPER_LIP_TOP));
            assertThat(lm.y(Landmarks.LOWER_LIP_BOTTOM)).isLessThan(lm.y(Landmarks.CHIN));
            assertThat(lm.x(36)).isLessThan(lm.x(45));
            assertThat(lm.x(0)).isLessThan(lm.x(Landmarks.NOSE_TIP));
            assertThat(lm.x(Landmarks.NOSE_TIP)).isLessThan(lm.x(16));
        }
    }

    @Test
    void theLandmarksFollowAHeadTurn() {
        PersonFactory factory = new PersonFactory(DatagenParams.DEFAULTS);
        Person person = factory.make(0, factory.randomFor(0));
        BufferedImage image = new BufferedImage(384, 512, BufferedImage.TYPE_INT_RGB);
        FaceRenderer renderer = new FaceRenderer();
        double front = renderer.render(person.appearance(), Pose.FRONT, image).landmarks().yawDegrees();
        double right = renderer.render(person.appearance(), new Pose(25, 0, 1, 0, 0, 0, 0, 1), image).landmarks()
                .yawDegrees();
        double left = renderer.render(person.appearance(), new Pose(-25, 0, 1, 0, 0, 0, 0, 1), image).landmarks()
                .yawDegrees();
        assertThat(Math.abs(front)).isLessThan(2);
        assertThat(right).isGreaterThan(13);
        assertThat(left).isLessThan(-13);
    }
}
