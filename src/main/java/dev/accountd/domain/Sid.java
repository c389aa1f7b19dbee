package dev.accountd.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio resource identifiers: a two-letter prefix followed by 32 lowercase hex digits. */
public final class Sid {
    public static final String ACCOUNT = "AC";
    public static final String KEY = "SK";
    public static final String EVENT = "AE";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Sid() {}

    public static String generate(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** True when {@code value} has the exact shape of a SID with the given prefix. */
    public static boolean isValid(String value, String prefix) {
        if (value == null || value.length() != 34 || prefix.length() != 2 || !value.startsWith(prefix)) return false;
        for (int i = 2; i < 34; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
        }
        return true;
    }
}
