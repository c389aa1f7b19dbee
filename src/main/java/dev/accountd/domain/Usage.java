package dev.accountd.domain;

/**
 * What a charge adds to Usage Records besides its price.
 *
 * @param count how many things: calls, messages, numbers
 * @param usage how much was billed: minutes rounded up for a call, segments for a message, one for a month of a number
 */
public record Usage(long count, long usage) {
    /** A recharge, or anything else that is not usage. */
    public static final Usage NONE = new Usage(0, 0);

    public static Usage of(long usage) { return new Usage(1, usage); }

    public Usage {
        if (count < 0 || usage < 0) throw new IllegalArgumentException("usage " + count + "/" + usage);
    }
}
