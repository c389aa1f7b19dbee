package dev.accountd.domain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * An account's auth token: 32 lowercase hex characters, like Twilio's.
 * {@link #toString()} never shows the value, so a token that reaches a log line by accident stays secret.
 */
public record AuthToken(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public AuthToken {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("empty auth token");
    }

    public static AuthToken generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new AuthToken(HexFormat.of().formatHex(bytes));
    }

    /** Constant-time comparison with a presented password. */
    public boolean matches(String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() { return "AuthToken[****]"; }
}
