package dev.accountd.domain;

import java.util.Optional;

/**
 * What a price is for. Every kind but {@link #VOICE_OUTBOUND} is priced by number type (the number bought, called
 * or messaged, or the sender's); outbound voice is priced by the destination's prefix.
 *
 * @param wire the name in the override API ({@code Kind}) and in events
 * @param field the name of the price table's field in a prices file
 */
public enum PriceKind {
    NUMBER("number", "numbers"),
    VOICE_OUTBOUND("voice-outbound", "voice_outbound"),
    VOICE_INBOUND("voice-inbound", "voice_inbound"),
    SMS_OUTBOUND("sms-outbound", "sms_outbound"),
    SMS_INBOUND("sms-inbound", "sms_inbound"),
    MMS_OUTBOUND("mms-outbound", "mms_outbound"),
    MMS_INBOUND("mms-inbound", "mms_inbound");

    private final String wire;
    private final String field;

    PriceKind(String wire, String field) {
        this.wire = wire;
        this.field = field;
    }

    public String wire() { return wire; }

    public String field() { return field; }

    public boolean byPrefix() { return this == VOICE_OUTBOUND; }

    public static Optional<PriceKind> fromWire(String value) {
        for (PriceKind k : values()) if (k.wire.equals(value)) return Optional.of(k);
        return Optional.empty();
    }

    public static Optional<PriceKind> fromField(String value) {
        for (PriceKind k : values()) if (k.field.equals(value)) return Optional.of(k);
        return Optional.empty();
    }

    /** The kind of a message price: SMS or MMS, sent or received. */
    public static PriceKind message(boolean mms, boolean outbound) {
        if (mms) return outbound ? MMS_OUTBOUND : MMS_INBOUND;
        return outbound ? SMS_OUTBOUND : SMS_INBOUND;
    }
}
