package dev.trainyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeySecretTest {

    @Test
    void hashIsSha256InLowerCaseHex() {
        // FIPS 180-2 test vector for "abc".
        assertThat(KeySecret.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatedSecretsCarry256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String value = KeySecret.generate().value();
            assertThat(value).startsWith("ty_").hasSize(3 + 43).matches("ty_[A-Za-z0-9_-]{43}");
            seen.add(value);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void prefixAndToStringNeverShowTheWholeSecret() {
        KeySecret secret = KeySecret.generate();
        assertThat(secret.prefix()).hasSize(10).isEqualTo(secret.value().substring(0, 10));
        assertThat(secret.toString()).doesNotContain(secret.value().substring(10));
    }

    @Test
    void rejectsABlankSecret() {
        assertThatThrownBy(() -> new KeySecret(" ")).hasMessageContaining("must not be blank");
    }
}
