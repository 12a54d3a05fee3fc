package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void everyKindHasItsOwnStableTypeUri() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::type).distinct()).hasSize(ProblemType.values().length);
        assertThat(ProblemType.NOT_FOUND.type()).hasToString("https://trainyard.dev/problems/not-found");
    }

    @Test
    void statusMapsToTheGenericKindNotToAFieldSpecificOne() {
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(413)).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.forStatus(503)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
    }
}
