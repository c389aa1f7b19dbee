package dev.accountd.service.inventory;

import java.math.BigInteger;

/**
 * A fixed shuffle of {@code 0 … size-1}: position {@code p} of a block's order is natural index
 * {@code (a·p + b) mod size}, with {@code a} coprime to {@code size}. Consecutive positions land far apart (a is about
 * 0.618 of the size), so the numbers a search shows look spread out, and the same block always gives the same order.
 */
public final class Permutation {
    private final long size;
    private final long a;
    private final long b;
    private final long aInverse;

    public Permutation(long size, long seed) {
        if (size < 1) throw new IllegalArgumentException("an order needs at least one number");
        this.size = size;
        long start = Math.max(1, (long) (size * 0.6180339887498949));
        long candidate = start;
        while (gcd(candidate, size) != 1) candidate = candidate + 1 < size ? candidate + 1 : 1;
        this.a = candidate % size == 0 ? 1 : candidate % size;
        this.b = Math.floorMod(seed, size);
        this.aInverse = size == 1 ? 0 : BigInteger.valueOf(a).modInverse(BigInteger.valueOf(size)).longValueExact();
    }

    public long size() { return size; }

    /** The natural index at this position of the order. */
    public long natural(long position) {
        return Math.floorMod(mulMod(a, position, size) + b, size);
    }

    /** The position in the order of this natural index (the inverse of {@link #natural}). */
    public long position(long natural) {
        return mulMod(aInverse, Math.floorMod(natural - b, size), size);
    }

    static long mulMod(long x, long y, long m) {
        if (x < 3_037_000_499L && y < 3_037_000_499L) return (x * y) % m;
        return BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)).mod(BigInteger.valueOf(m)).longValueExact();
    }

    private static long gcd(long x, long y) {
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
