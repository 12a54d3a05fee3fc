package dev.trainyard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings, bound from {@code trainyard.security.*}.
 *
 * @param bootstrapKey     the first admin key, chosen by the operator (env {@code TRAINYARD_BOOTSTRAP_KEY}); when
 *                         blank, a random key is generated and written to {@code bootstrapKeyFile}
 * @param bootstrapKeyFile file name, inside the node's data directory, of a generated first admin key
 * @param keyCacheTtl      how long a node keeps a key it looked up, so that a request does not cost a database read;
 *                         a key revoked on another node still works here for at most this long (on the revoking node
 *                         it stops at once); 0 looks every request up
 */
@ConfigurationProperties("trainyard.security")
record SecurityProperties(String bootstrapKey, @DefaultValue("admin-api-key") String bootstrapKeyFile,
        @DefaultValue("2s") Duration keyCacheTtl) {

    static final int MIN_BOOTSTRAP_KEY_LENGTH = 32;

    SecurityProperties {
        if (bootstrapKey != null && !bootstrapKey.isBlank() && bootstrapKey.strip().length() < MIN_BOOTSTRAP_KEY_LENGTH) {
            throw new IllegalArgumentException("TRAINYARD_BOOTSTRAP_KEY must have at least " + MIN_BOOTSTRAP_KEY_LENGTH
                    + " characters, had " + bootstrapKey.strip().length() + "; generate one with: openssl rand -hex 32");
        }
        if (keyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("trainyard.security.key-cache-ttl must be 0 or more, was " + keyCacheTtl);
        }
    }

    boolean hasBootstrapKey() {
        return bootstrapKey != null && !bootstrapKey.isBlank();
    }
}
