package dev.trainyard.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventCursorTest {

    @Test
    void anIdWritesTransitionEpochAndFindingAndReadsBack() {
        EventCursor cursor = new EventCursor(12, 40, 3);
        assertThat(cursor.id()).isEqualTo("12.40.3");
        assertThat(EventCursor.parse(cursor.id())).isEqualTo(cursor);
    }

    @Test
    void aTwoPartIdFromBeforeFindingsWereStreamedMeansNoFindingYet() {
        assertThat(EventCursor.parse("12.40")).isEqualTo(new EventCursor(12, 40, 0));
        assertThat(EventCursor.parse(null)).isEqualTo(new EventCursor(0, -1, 0));
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        for (String wrong : new String[] {"12", "1.2.3.4", "a.b.c", "12.40.", "12.40.-1"}) {
            assertThatThrownBy(() -> EventCursor.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("like 12.40.3");
        }
    }
}
