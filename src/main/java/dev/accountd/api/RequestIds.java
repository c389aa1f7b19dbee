package dev.accountd.api;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids as Twilio writes them in Twilio-Request-Id: {@code RQ} and 32 hex digits. */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = r.nextLong();
        long lo = r.nextLong();
        char[] id = new char[34];
        id[0] = 'R';
        id[1] = 'Q';
        for (int i = 0; i < 16; i++) {
            id[2 + i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            id[18 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }
}
