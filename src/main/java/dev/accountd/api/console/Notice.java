package dev.accountd.api.console;

import java.util.Optional;

/**
 * What an action did, shown on the page it leads back to. Only these texts are ever shown: the URL names one and a
 * subject (a SID or a number), which is escaped like every other value.
 */
public enum Notice {
    SUBACCOUNT_CREATED("Subaccount created: "),
    ACCOUNT_RENAMED("Renamed "),
    ACCOUNT_SUSPENDED("Suspended "),
    ACCOUNT_REACTIVATED("Reactivated "),
    ACCOUNT_CLOSED("Closed "),
    SWITCHED("Now showing "),
    SECONDARY_DELETED("Secondary auth token deleted for "),
    TOKEN_PROMOTED("Secondary auth token promoted to primary for "),
    KEY_DELETED("API key deleted: "),
    SUBACCOUNT_TOKENS_ROTATED("Subaccount auth tokens rotated: "),
    NUMBER_BOUGHT("Bought "),
    NUMBER_TRANSFERRED("Transferred "),
    NUMBER_RELEASED("Released "),
    ADDRESS_CREATED("Address created: "),
    RECHARGED("Recharged: balance now "),
    TRIGGER_CREATED("Usage trigger created: "),
    TRIGGER_DELETED("Usage trigger deleted: "),
    LIMIT_SET("Spending limit set for "),
    LIMIT_REMOVED("Spending limit removed for "),
    DORMANT_SUSPENDED("Suspended dormant subaccounts: "),
    CLOCK_MOVED("Clock moved to "),
    SANDBOX_RESET("Sandbox reset: subaccounts deleted: ");

    final String text;

    Notice(String text) { this.text = text; }

    static Optional<Notice> named(String name) {
        for (Notice n : values()) if (n.name().equals(name)) return Optional.of(n);
        return Optional.empty();
    }
}
