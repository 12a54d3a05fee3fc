package dev.trainyard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall's character scans refuse and allow exactly what Spring Security's own expressions do. */
class FirewallPredicateTest {

    @Test
    void everyCharacterAndSomeWholeHeadersAreJudgedAsSpringSecurityJudgesThem() {
        List<String> samples = new ArrayList<>(List.of("", "application/json", "Bearer ty_abc", "a\tb", "a\u0000b",
                "caf\u00e9", "\ud83d\ude00 ok", "\ud83d", "x\u0085y", "\u0378", "line\r\nbreak"));
        for (int c = 0; c <= 0xFFFF; c++) {
            samples.add(String.valueOf((char) c));
        }
        samples.add(new String(Character.toChars(0x10FFFF)));
        samples.add(new String(Character.toChars(0x1F600)));
        for (String text : samples) {
            assertThat(SecurityConfiguration.assignedAndNotControl(text, false)).as("name %s", text.codePoints()
                    .boxed().toList()).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(SecurityConfiguration.assignedAndNotControl(text, true)).as("value %s", text.codePoints()
                    .boxed().toList()).isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }
}
