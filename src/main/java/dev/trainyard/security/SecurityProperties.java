package dev.trainyard.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings, bound from {@code trainyard.security.*}.
 *
 * @param bootstrapKey     the first admin key, chosen by the operator (env {@code TRAINYARD_BOOTSTRAP_KEY}); when
 *                         blank, a random key is generated and written to {@code bootstrapKeyFile}
 * @param bootstrapKeyFile file name, inside the node's data directory, of a generated first admin key
 */
@ConfigurationProperties("trainyard.security")
record SecurityProperties(String bootstrapKey, @DefaultValue("admin-api-key") String bootstrapKeyFile) {

    static final int MIN_BOOTSTRAP_KEY_LENGTH = 32;

    SecurityProperties {
        if (bootstrapKey != null && !bootstrapKey.isBlank() && bootstrapKey.strip().length() < MIN_BOOTSTRAP_KEY_LENGTH) {
            throw new IllegalArgumentException("TRAINYARD_BOOTSTRAP_KEY must have at least " + MIN_BOOTSTRAP_KEY_LENGTH
                    + " characters, had " + bootstrapKey.strip().length() + "; generate one with: openssl rand -hex 32");
        }
    }

    boolean hasBootstrapKey() {
        return bootstrapKey != null && !bootstrapKey.isBlank();
    }
}
