package dev.trainyard.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvNumberTest {

    @Test
    void readsEveryCellAsParseDoubleDoes() {
        List<String> cells = List.of("0", "7", "-0", "-12", "007", "999999999999999", "-999999999999999",
                "9999999999999999", "12345678901234567890", "+5", "1.5", "-2e-3", "1E2", "0x1p4", "NaN", "-Infinity",
                "\u00011", "1d", "1f");
        for (String cell : cells) {
            assertThat(Double.doubleToRawLongBits(CsvNumber.parse(cell))).as(cell)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
        }
    }

    @Test
    void refusesWhatParseDoubleRefuses() {
        for (String cell : List.of("", "-", "1-", "1,5", "abc", "--1")) {
            assertThatThrownBy(() -> CsvNumber.parse(cell)).as(cell).isInstanceOf(NumberFormatException.class);
        }
    }
}
