package dev.accountd.domain;

import java.util.Optional;

/**
 * The kinds of phone numbers accountd sells, by the path segment Twilio uses for them
 * ({@code IncomingPhoneNumbers/Local.json}, {@code AvailablePhoneNumbers/US/TollFree.json}).
 *
 * @param wire the value of an IncomingPhoneNumber's {@code type} field (accountd's choice: the spec shows only
 *     {@code "local"})
 */
public enum NumberType {
    LOCAL("Local", "local"),
    MOBILE("Mobile", "mobile"),
    TOLL_FREE("TollFree", "tollfree");

    private final String path;
    private final String wire;

    NumberType(String path, String wire) {
        this.path = path;
        this.wire = wire;
    }

    public String path() { return path; }

    public String wire() { return wire; }

    public static Optional<NumberType> fromPath(String path) {
        for (NumberType t : values()) if (t.path.equals(path)) return Optional.of(t);
        return Optional.empty();
    }
}
