package dev.trainyard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trainyard.dataset.FeatureEncoding;
import dev.trainyard.system.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

class RowEncoderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FeatureEncoding ENCODING = new FeatureEncoding("d", "c", "y", List.of(
            new FeatureEncoding.Feature("size", null), new FeatureEncoding.Feature("color", List.of("blue", "red")),
            new FeatureEncoding.Feature("age", null)));
    private final RowEncoder encoder = new RowEncoder(ENCODING, 4, false);

    @Test
    void aRowBecomesTheInputsOfTrainingNumbersAndOneHotCategories() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(encoder.object(JSON.readTree("{\"age\": 3, \"color\": \"red\", \"size\": 1.5, \"y\": 9}"), "r",
                problems)).containsExactly(1.5, 0, 1, 3);
        assertThat(encoder.array(JSON.readTree("[2, \"blue\", -1e2]"), "r", problems)).containsExactly(2, 1, 0, -100);
        assertThat(encoder.array(JSON.readTree("[2, null, 4]"), "r", problems)).as("an empty category is all zeros")
                .containsExactly(2, 0, 0, 4);
        assertThat(encoder.fields(List.of("x", " 7 ", "red", "2.5e1"), new int[] {1, 2, 3}, 2, problems))
                .containsExactly(7, 0, 1, 25);
        assertThat(problems).isEmpty();
    }

    @Test
    void decimalsAreTheDigitsWithAnOptionalSignPointAndExponentAndNothingElse() {
        for (String yes : List.of("0", "7", "-2.5", "+.5", "5.", "1e3", "1.5E-2", "-0.0e+0", "00012")) {
            assertThat(RowEncoder.isDecimal(yes)).as(yes).isTrue();
        }
        for (String no : List.of("", "+", ".", "-.", "e3", "1e", "1e+", "1.2.3", "0x10", "1f", "1d", "NaN", "Infinity",
                "1,5", " 1", "1 ", "--1", "1e3.5")) {
            assertThat(RowEncoder.isDecimal(no)).as(no).isFalse();
        }
    }

    @Test
    void aJsonNumberTooLargeForADoubleIsRefusedWhereItIs() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(encoder.array(JSON.readTree("[1e400, \"red\", 1]"), "rows[2]", problems)).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("rows[2][0]");
            assertThat(p.message()).contains("finite number");
        });
    }

    @Test
    void onlyDecimalNumbersAreNumbers() {
        for (String cell : List.of("NaN", "Infinity", "-Infinity", "0x10", "1d", "1f", "1e400", "one", "1,5")) {
            List<FieldProblem> problems = new ArrayList<>();
            assertThat(encoder.fields(List.of(cell, "red", "1"), new int[] {0, 1, 2}, 4, problems)).as(cell).isNull();
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("line 4, column 'size'");
                assertThat(p.message()).contains("number");
            });
        }
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(encoder.array(JSON.readTree("[\"7\", \"red\", 1]"), "instances[0]", problems)).isNull();
        assertThat(problems).extracting(FieldProblem::message).containsExactly("must be a number, was the text '7'");
    }
}
