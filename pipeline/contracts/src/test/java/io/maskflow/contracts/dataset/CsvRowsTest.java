package io.maskflow.contracts.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV rows as spreadsheets and data tools write them: quoted cells, doubled quotes, CR LF, blanks. */
class CsvRowsTest {

    @Test
    void quotedCellsKeepTheirCommasQuotesAndLineBreaks() {
        List<CsvRows.Row> rows = CsvRows.parse("\uFEFF\"ImageID\",\"ans\"\r\n\"a,b.jpg\",0\r\n\r\n"
                + "\"say \"\"hi\"\".jpg\" , 3\n\"two\nlines.png\",4\nplain.jpg,5");

        assertThat(rows).extracting(CsvRows.Row::cells).containsExactly(List.of("ImageID", "ans"),
                List.of("a,b.jpg", "0"), List.of("say \"hi\".jpg", "3"), List.of("two\nlines.png", "4"),
                List.of("plain.jpg", "5"));
        assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1, 2, 4, 5, 7);
        assertThat(rows).allSatisfy(row -> assertThat(row.problem()).isNull());
    }

    @Test
    void blanksAroundUnquotedCellsAreLeftOutAndEmptyCellsKept() {
        assertThat(CsvRows.parse(" a , b ,, \" c \" \n").get(0).cells()).containsExactly("a", "b", "", " c ");
        assertThat(CsvRows.parse("a,\n").get(0).cells()).containsExactly("a", "");
        assertThat(CsvRows.parse("  \n\t\n")).isEmpty();
    }

    @Test
    void aQuoteNeverClosedOrTextAfterAClosingQuoteIsTheRowsProblem() {
        CsvRows.Row open = CsvRows.parse("x,\"never closed\n").get(0);
        assertThatThrownBy(open::checked).hasMessage("a quote opened in cell 2 is never closed");
        CsvRows.Row after = CsvRows.parse("\"a\"b,1\nok,2").get(0);
        assertThatThrownBy(after::checked).hasMessage("text after the closing quote of cell 1");
        assertThat(CsvRows.parse("\"a\"b,1\nok,2").get(1).cells()).containsExactly("ok", "2");
    }

    @Test
    void aCellIsQuotedOnlyWhenItMustBe() {
        assertThat(CsvRows.line("a,b.jpg", "0")).isEqualTo("\"a,b.jpg\",0");
        assertThat(CsvRows.line("say \"hi\"", " x", "plain")).isEqualTo("\"say \"\"hi\"\"\",\" x\",plain");
        for (String cell : List.of("a,b", "q\"q", "l\nl", " s ", "이영희.jpg")) {
            assertThat(CsvRows.parse(CsvRows.line(cell, "1")).get(0).cells()).containsExactly(cell, "1");
        }
    }

    @Test
    void aHeaderMatchesQuotedOrWithBlanksOrAByteOrderMarkButNotOtherNames() {
        assertThat(CsvRows.startsWith("\"id\",\"gender\",\"race\",\"age\",\"path\"\r\n1,2", "id,gender,race,age,path"))
                .isTrue();
        assertThat(CsvRows.startsWith("\uFEFF id , ans \n", "id,ans")).isTrue();
        assertThat(CsvRows.startsWith("id;ans\n", "id,ans")).isFalse();
        assertThat(CsvRows.startsWith("id,ans,extra\n", "id,ans")).isFalse();
        assertThat(CsvRows.startsWith("", "id,ans")).isFalse();
    }
}
