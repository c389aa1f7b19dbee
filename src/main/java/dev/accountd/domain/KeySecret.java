package dev.accountd.domain;

import java.security.SecureRandom;

/** A key's secret, shown once at creation: 32 characters of [A-Za-z0-9], like Twilio's. Masked in toString. */
public record KeySecret(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static KeySecret generate() {
        StringBuilder s = new StringBuilder(32);
        for (int i = 0; i < 32; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return new KeySecret(s.toString());
    }

    @Override
    public String toString() { return "KeySecret[****]"; }
}
