package dev.accountd.service.inventory;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * The subscriber numbers of a block (the digits after its prefix), in natural order: either every allowed head
 * (a North American exchange, say) followed by every tail of the remaining digits, or one contiguous range.
 * Natural index {@code k} is the {@code k}-th of them; nothing is stored per number.
 */
public final class Space {
    private final int digits;
    private final int headDigits;
    private final int[] heads;
    private final boolean[] allowedHead;
    private final long tailSize;
    private final long first;
    private final long last;

    private Space(int digits, int headDigits, int[] heads, long first, long last) {
        this.digits = digits;
        this.headDigits = headDigits;
        this.heads = heads;
        this.tailSize = pow10(digits - headDigits);
        this.first = first;
        this.last = last;
        this.allowedHead = new boolean[headDigits == 0 ? 0 : (int) pow10(headDigits)];
        for (int h : heads) allowedHead[h] = true;
    }

    /** Every subscriber number from {@code first} to {@code last}, of {@code digits} digits. */
    public static Space range(int digits, long first, long last) {
        if (first < 0 || last < first || last >= pow10(digits)) throw new IllegalArgumentException("bad range");
        return new Space(digits, 0, new int[0], first, last);
    }

    /** Each of these heads (of {@code headDigits} digits, ascending) followed by every tail of the other digits. */
    public static Space heads(int digits, int headDigits, int[] heads) {
        if (heads.length == 0) throw new IllegalArgumentException("no heads");
        return new Space(digits, headDigits, heads.clone(), 0, 0);
    }

    public int digits() { return digits; }

    public long size() { return headDigits == 0 ? last - first + 1 : heads.length * tailSize; }

    /** The subscriber number at this natural index, as a value of {@link #digits} digits. */
    public long value(long natural) {
        if (headDigits == 0) return first + natural;
        return heads[(int) (natural / tailSize)] * tailSize + natural % tailSize;
    }

    /** The natural index of this subscriber value, if the space has it. */
    public OptionalLong natural(long value) {
        if (value < 0 || value >= pow10(digits)) return OptionalLong.empty();
        if (headDigits == 0) return value >= first && value <= last ? OptionalLong.of(value - first) : OptionalLong.empty();
        int head = (int) (value / tailSize);
        if (!allowedHead[head]) return OptionalLong.empty();
        return OptionalLong.of((long) Arrays.binarySearch(heads, head) * tailSize + value % tailSize);
    }

    /** The smallest and largest subscriber values the space may hold, for overlap checks. */
    long lowest() { return headDigits == 0 ? first : heads[0] * tailSize; }

    long highest() { return headDigits == 0 ? last : heads[heads.length - 1] * tailSize + tailSize - 1; }

    /** A short fingerprint of the space, so that a changed space (a new libphonenumber) is a new block. */
    String fingerprint() {
        CRC32 crc = new CRC32();
        crc.update((digits + "/" + headDigits + "/" + first + "-" + last + "/" + Arrays.toString(heads)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return Long.toHexString(crc.getValue());
    }

    /** The value as a string of exactly {@code digits} digits. */
    public String format(long value) {
        String s = Long.toString(value);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }

    static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
