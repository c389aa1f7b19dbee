package dev.accountd.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Twilio resource identifiers: a two-letter prefix followed by 32 lowercase hex digits. */
public final class Sid {
    public static final String ACCOUNT = "AC";
    public static final String KEY = "SK";
    public static final String EVENT = "AE";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("^[A-Z]{2}[0-9a-fA-F]{32}$");

    private Sid() {}

    public static String generate(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** True when {@code value} has the exact shape of a SID with the given prefix. */
    public static boolean isValid(String value, String prefix) {
        return value != null && value.startsWith(prefix) && SHAPE.matcher(value).matches();
    }
}
