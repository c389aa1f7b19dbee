package dev.accountd.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The number types Twilio's Pricing API prices, spelled as its {@code number_type} fields are ({@code "toll free"}
 * with a space). The SDKs know exactly these four for calls and phone numbers (twilio-java's {@code
 * InboundCallPrice.Type}, {@code PhoneNumberPrice.Type}), so accountd prices every number as one of them.
 */
public enum PricedNumberType {
    LOCAL("local"),
    MOBILE("mobile"),
    NATIONAL("national"),
    TOLL_FREE("toll free");

    private final String wire;

    PricedNumberType(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    /**
     * The priced type of a number accountd sells. The three types the Pricing API has no price for take the nearest:
     * a VoIP number (GB 056) is priced as a local one, a shared-cost number (DE 0180) as a national one, and a
     * machine-to-machine number (NL 097, a mobile network's range) as a mobile one.
     */
    public static PricedNumberType of(NumberType type) {
        return switch (type) {
            case LOCAL, VOIP -> LOCAL;
            case MOBILE, MACHINE_TO_MACHINE -> MOBILE;
            case NATIONAL, SHARED_COST -> NATIONAL;
            case TOLL_FREE -> TOLL_FREE;
        };
    }

    /** The type a price file or a form names: the wire spelling, or accountd's path spelling ({@code TollFree}), any case. */
    public static Optional<PricedNumberType> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (PricedNumberType t : values()) {
            if (t.wire.equals(v) || t.wire.replace(" ", "").equals(v) || t.wire.replace(' ', '-').equals(v)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
