package dev.trainyard.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesAndParsesNestedValuesWithEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        value.put("numbers", List.of(1, -2.5, 1e-7));
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("floats", new float[] {0.1f, -3f});
        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"name\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é\","
                + "\"numbers\":[1,-2.5,1.0E-7],\"flags\":[true,false],\"nothing\":null,\"floats\":[0.1,-3.0]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(json);
        assertThat(parsed.get("name")).isEqualTo(value.get("name"));
        assertThat(parsed.get("numbers")).isEqualTo(List.of(1.0, -2.5, 1e-7));
        assertThat(parsed.get("flags")).isEqualTo(List.of(true, false));
        assertThat(parsed).containsEntry("nothing", null);
        assertThat(parsed.get("floats")).isEqualTo(Arrays.asList(0.1, -3.0));
        assertThat(Json.parse(" { \"a\" : [ ] , \"b\" : { } } ")).isEqualTo(Map.of("a", List.of(), "b", Map.of()));
    }

    @Test
    void malformedTextIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).hasMessage(
                "model document is not valid JSON at character 6: a value was expected");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("']' was expected");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("a string is not closed");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("unexpected text after the document");
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("JSON has no NaN");
    }
}
