package dev.trainyard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An API key's secret: {@code ty_} followed by 32 random bytes in URL-safe Base64 (256 bits, so a
 * fast unsalted SHA-256 is a sound way to store it; a slow password hash is for low-entropy secrets).
 */
record KeySecret(String value) {

    static final String MARK = "ty_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 10;

    KeySecret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
    }

    static KeySecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new KeySecret(MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The first characters, shown in key listings so a user can tell keys apart without the secret. */
    String prefix() {
        return value.substring(0, Math.min(PREFIX_LENGTH, value.length()));
    }

    String hash() {
        return sha256(value);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return prefix() + "...";
    }
}
