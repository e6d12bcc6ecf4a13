package io.maskflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void aShortTextIsKeptWhole() {
        assertThat(Texts.cut("abc", 3)).isEqualTo("abc");
        assertThat(Texts.cut("", 3)).isEmpty();
        assertThat(Texts.cut(null, 3)).isNull();
    }

    @Test
    void aLongTextKeepsItsHeadAndSaysHowMuchWasLeftOut() {
        assertThat(Texts.cut("abcdef", 4)).isEqualTo("abcd... (2 more characters)");
        assertThat(Texts.cut("x".repeat(1_000_000), 10)).isEqualTo("xxxxxxxxxx... (999990 more characters)");
    }

    @Test
    void aCharacterOutsideTheBmpIsNotSplit() {
        String text = "ab\uD83D\uDE00cd"; // a, b, an emoji (two chars), c, d
        assertThat(Texts.cut(text, 3)).isEqualTo("ab... (4 more characters)");
        assertThat(Texts.cut(text, 4)).isEqualTo("ab\uD83D\uDE00... (2 more characters)");
    }

    @Test
    void aMaximumBelowOneIsABug() {
        assertThatThrownBy(() -> Texts.cut("abc", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
