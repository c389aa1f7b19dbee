package dev.accountd.domain;

import java.util.Optional;

/** The lifecycle state of an account, spelled as on the wire. */
public enum AccountStatus {
    ACTIVE("active"), SUSPENDED("suspended"), CLOSED("closed");

    private final String wire;

    AccountStatus(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static Optional<AccountStatus> fromWire(String value) {
        for (AccountStatus s : values()) {
            if (s.wire.equals(value)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
