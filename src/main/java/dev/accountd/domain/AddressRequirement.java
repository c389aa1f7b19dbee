package dev.accountd.domain;

import java.util.Locale;
import java.util.Optional;

/** Whether owning a phone number needs an Address on file, and where that address must be. */
public enum AddressRequirement {
    NONE, ANY, LOCAL, FOREIGN;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<AddressRequirement> fromWire(String value) {
        for (AddressRequirement r : values()) if (r.wire().equals(value)) return Optional.of(r);
        return Optional.empty();
    }

    /** True when an address in {@code addressCountry} meets this requirement for a number of {@code numberCountry}. */
    public boolean satisfiedBy(String addressCountry, String numberCountry) {
        return switch (this) {
            case NONE, ANY -> true;
            case LOCAL -> addressCountry.equals(numberCountry);
            case FOREIGN -> !addressCountry.equals(numberCountry);
        };
    }

    /** What the owner needs, in words for error messages. */
    public String describe(String numberCountry) {
        return switch (this) {
            case NONE -> "no address";
            case ANY -> "an Address (in any country)";
            case LOCAL -> "an Address in " + numberCountry;
            case FOREIGN -> "an Address outside " + numberCountry;
        };
    }
}
