package dev.accountd.domain;

import java.util.List;

/**
 * The answer to a bulk lifecycle change: every target's outcome, in the order they were taken.
 *
 * @param action suspend, reactivate or close
 * @param more a DormantDays change stopped at its most targets and others remain: send it again
 */
public record BulkChange(String action, List<Outcome> outcomes, boolean more) {

    /** What happened to one target. */
    public sealed interface Outcome {
        String accountSid();

        record Changed(String accountSid, AccountStatus status) implements Outcome {}
        record Unchanged(String accountSid, String reason) implements Outcome {}
        record Failed(String accountSid, int code, String message) implements Outcome {}
    }

    public BulkChange {
        outcomes = List.copyOf(outcomes);
    }
}
