package dev.accountd.domain;

/** Twilio's account type. accountd has no trials: every account it creates is Full. */
public enum AccountType {
    TRIAL("Trial"), FULL("Full");

    private final String wire;

    AccountType(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static AccountType fromWire(String value) {
        return "Trial".equals(value) ? TRIAL : FULL;
    }
}
