package dev.accountd.domain;

import java.util.Optional;

/**
 * The kinds of phone numbers accountd sells, by the path segment Twilio uses for them
 * ({@code IncomingPhoneNumbers/Local.json}, {@code AvailablePhoneNumbers/US/TollFree.json}).
 *
 * @param wire the value of an IncomingPhoneNumber's {@code type} field (accountd's choice: the spec shows only
 *     {@code "local"})
 * @param typedIncomingList whether IncomingPhoneNumbers has a list of this type ({@code IncomingPhoneNumbers/Local.json});
 *     the spec has them for Local, Mobile and TollFree only, the other types are bought through the untyped list
 */
public enum NumberType {
    LOCAL("Local", "local", true),
    MOBILE("Mobile", "mobile", true),
    TOLL_FREE("TollFree", "tollfree", true),
    NATIONAL("National", "national", false),
    VOIP("Voip", "voip", false),
    SHARED_COST("SharedCost", "sharedcost", false),
    MACHINE_TO_MACHINE("MachineToMachine", "machinetomachine", false);

    private final String path;
    private final String wire;
    private final boolean typedIncomingList;

    NumberType(String path, String wire, boolean typedIncomingList) {
        this.path = path;
        this.wire = wire;
        this.typedIncomingList = typedIncomingList;
    }

    public String path() { return path; }

    public String wire() { return wire; }

    public boolean typedIncomingList() { return typedIncomingList; }

    /**
     * The Twilio usage category a number's monthly rental is charged under. Twilio has three (local, mobile, toll
     * free); accountd counts national, VoIP and shared-cost numbers as local and machine-to-machine ones as mobile.
     */
    public String rentalCategory() {
        return switch (this) {
            case MOBILE, MACHINE_TO_MACHINE -> "phonenumbers-mobile";
            case TOLL_FREE -> "phonenumbers-tollfree";
            case LOCAL, NATIONAL, VOIP, SHARED_COST -> "phonenumbers-local";
        };
    }

    /** The usage category of a message sent (or received) on a number of this type: long code or toll-free. */
    public String messageCategory(boolean mms, boolean outbound) {
        String kind = (mms ? "mms-" : "sms-") + (outbound ? "outbound-" : "inbound-");
        if (this != TOLL_FREE) return kind + "longcode";
        // Twilio's category names spell it both ways
        return kind + (mms && !outbound ? "toll-free" : "tollfree");
    }

    public static Optional<NumberType> fromPath(String path) {
        for (NumberType t : values()) if (t.path.equals(path)) return Optional.of(t);
        return Optional.empty();
    }
}
