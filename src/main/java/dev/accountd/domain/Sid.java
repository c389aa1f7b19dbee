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

    /**
     * A SID whose first 12 hex digits are the wall clock's milliseconds and the other 20 random (80 bits): for rows
     * written in great numbers and looked up by SID (ledger entries, events), so that each new SID lands at the end
     * of its index instead of on a random page of it, and a group of writes changes one page of that index, not one
     * each. Its shape is any SID's.
     */
    public static String ordered(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--, millis >>>= 8) bytes[i] = (byte) millis;
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
