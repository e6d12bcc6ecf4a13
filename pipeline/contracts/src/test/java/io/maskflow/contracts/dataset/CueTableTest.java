package io.maskflow.contracts.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueTableTest {

    @Test
    void readsWhatTheHeaderNamesAndKeepsTheFileOrder() {
        String text = CueTable.header(CueTable.TRAIN_KEY, List.of("facial_hair", "jaw")) + "\r\n"
                + "000002,1,0.25\n\n 000001 , 0 , -1.5 \n";
        CueTable table = CueTable.parse(text, CueTable.TRAIN_KEY, (line, reason) -> {
            throw new AssertionError("line " + line + ": " + reason);
        });
        assertThat(table.names()).containsExactly("facial_hair", "jaw");
        assertThat(table.rows().keySet()).containsExactly("000002", "000001");
        assertThat(table.rows().get("000001")).containsExactly(0, -1.5);
    }

    @Test
    void reportsEachBadRowWithItsLineAndKeepsTheOthers() {
        List<String> bad = new ArrayList<>();
        String text = "person,long_hair,jaw\n1,1,0.5\n2,1\n,0,0\n3,x,1\n4,1,NaN\n5,0,Infinity\n6,0,1\n";
        CueTable table = CueTable.parse(text, CueTable.EVAL_KEY, (line, reason) -> bad.add(line + ": " + reason));
        assertThat(table.rows().keySet()).containsExactly("1", "6");
        assertThat(bad).containsExactly(
                "3: expected the key and 2 values, got 2 cells",
                "4: the key is empty",
                "5: value 1 is not a finite number: x",
                "6: value 2 is not a finite number: NaN",
                "7: value 2 is not a finite number: Infinity");
    }

    @Test
    void refusesAHeaderWithoutItsKeyOrNames() {
        for (String text : List.of("", "person\n1\n", "id,long_hair\n1,1\n", "person,,jaw\n", "person,jaw,\n")) {
            assertThatThrownBy(() -> CueTable.parse(text, CueTable.EVAL_KEY, (line, reason) -> { }))
                    .as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the header must be person and at least one value name, comma-separated");
        }
    }

    @Test
    void isAValueOnceMade() {
        CueTable table = CueTable.parse("id,jaw\na,1\n", CueTable.TRAIN_KEY, (line, reason) -> { });
        assertThatThrownBy(() -> table.rows().put("b", new double[] {0}))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> table.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
