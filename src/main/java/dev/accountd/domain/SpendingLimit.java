package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What an account may spend per period (an accountd extension: Twilio's triggers only notify). On a subaccount it
 * counts the subaccount's charges; on a main account, the whole family's. Recurring number rental always posts.
 *
 * @param period the GMT period it counts over (daily, monthly or alltime)
 */
public record SpendingLimit(String accountSid, String mainSid, Money amount, UsageTrigger.Recurring period, Action action,
                            Instant dateCreated, Instant dateUpdated) {

    /** What reaching the limit does. */
    public enum Action {
        /** Usage that would take spending past the limit is refused, and costs nothing. */
        BLOCK("block"),
        /** The subaccount is suspended once its spending reaches the limit. */
        SUSPEND("suspend");

        private final String wire;

        Action(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Optional<Action> parse(String wire) {
            for (Action a : values()) if (a.wire.equals(wire)) return Optional.of(a);
            return Optional.empty();
        }
    }

    public boolean watchesFamily() { return accountSid.equals(mainSid); }
}
