package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Money;
import dev.accountd.domain.SpendingLimit;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.store.SpendingLimitStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Spending limits in a SQL store, and the check the Message and Call inserts make in their transactions. */
public final class JdbcSpendingLimitStore implements SpendingLimitStore {
    private static final String COLUMNS = "account_sid, main_sid, amount_micros, currency, period, action, date_created, date_updated";

    private final Database db;

    public JdbcSpendingLimitStore(Database db) { this.db = db; }

    @Override
    public boolean put(SpendingLimit l) {
        return db.writer().inTransaction(h -> {
            if (JdbcAccountStore.actingStatus(h, db.dialect(), l.accountSid()) == AccountStatus.CLOSED) return false;
            h.createUpdate("DELETE FROM spending_limits WHERE account_sid = :account").bind("account", l.accountSid()).execute();
            h.createUpdate("INSERT INTO spending_limits (" + COLUMNS + ") VALUES (:account, :main, :amount, :currency, :period, :action, :created, :updated)")
                    .bind("account", l.accountSid()).bind("main", l.mainSid()).bind("amount", l.amount().micros())
                    .bind("currency", l.amount().currency()).bind("period", l.period().wire()).bind("action", l.action().wire())
                    .bind("created", l.dateCreated().toEpochMilli()).bind("updated", l.dateUpdated().toEpochMilli()).execute();
            return true;
        });
    }

    @Override
    public Optional<SpendingLimit> find(String accountSid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM spending_limits WHERE account_sid = :account")
                .bind("account", accountSid).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public boolean delete(String accountSid) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM spending_limits WHERE account_sid = :account")
                .bind("account", accountSid).execute()) == 1;
    }

    @Override
    public Money spent(SpendingLimit l, Instant at) {
        return db.reader().withHandle(h -> new Money(spentIn(h, l, at), l.amount().currency()));
    }

    @Override
    public List<SpendingLimit> reachedSuspendLimits(Instant at) {
        return db.reader().withHandle(h -> {
            List<SpendingLimit> limits = h.createQuery("SELECT l." + COLUMNS.replace(", ", ", l.") + " FROM spending_limits l JOIN accounts a ON a.sid = l.account_sid"
                            + " WHERE l.action = 'suspend' AND a.status = 'active' AND l.account_sid <> l.main_sid")
                    .map((rs, ctx) -> row(rs)).list();
            List<SpendingLimit> reached = new ArrayList<>();
            for (SpendingLimit l : limits) if (spentIn(h, l, at) >= l.amount().micros()) reached.add(l);
            return reached;
        });
    }

    /**
     * Refuses usage of {@code costMicros} for the account if it would take the account's, or its family's, spending
     * past a {@code block} limit: the message to answer with, or empty. Holds the family's balance row, as every
     * charge of the family does, so what it counts cannot move until the caller's transaction ends.
     */
    static Optional<String> overLimitIn(Handle h, Database db, String accountSid, String mainSid, long costMicros, Instant at) {
        if (costMicros <= 0 || blockLimits(h, accountSid, mainSid).isEmpty()) return Optional.empty(); // the common case: no lock taken
        JdbcLedgerStore.lockedBalance(h, db, mainSid);
        List<SpendingLimit> limits = blockLimits(h, accountSid, mainSid); // again, holding the row: a limit set meanwhile counts
        for (SpendingLimit l : limits) {
            long spent = spentIn(h, l, at);
            if (spent + costMicros > l.amount().micros()) {
                Money left = new Money(Math.max(0, l.amount().micros() - spent), l.amount().currency());
                return Optional.of("the " + l.period().wire() + " spending limit of " + l.amount() + " on " + l.accountSid()
                        + (l.watchesFamily() ? " (its whole family)" : "") + " would be exceeded: " + left + " is left and this costs "
                        + new Money(costMicros, l.amount().currency()));
            }
        }
        return Optional.empty();
    }

    private static List<SpendingLimit> blockLimits(Handle h, String accountSid, String mainSid) {
        return h.createQuery("SELECT " + COLUMNS + " FROM spending_limits WHERE account_sid IN (<sids>) AND action = 'block'")
                .bindList("sids", List.of(accountSid, mainSid)).map((rs, ctx) -> row(rs)).list();
    }

    /**
     * Charged in the period (the usage counters) plus what is committed but not yet charged: outbound messages not yet
     * sent and answered outbound calls not yet completed, at the price they will be charged. A scheduled message is not
     * committed until its SendAt, when it is checked as a new message is.
     */
    private static long spentIn(Handle h, SpendingLimit l, Instant at) {
        LocalDate day = UsageTrigger.day(at);
        String owner = l.watchesFamily() ? "main_sid" : "account_sid";
        long charged = h.createQuery("SELECT COALESCE(SUM(price_micros), 0) FROM " + (l.watchesFamily() ? "family_usage_counters" : "usage_counters")
                        + " WHERE " + owner + " = :sid AND day >= :from AND day <= :to")
                .bind("sid", l.accountSid()).bind("from", l.period().periodStart(day).toEpochDay()).bind("to", day.toEpochDay())
                .mapTo(Long.class).one();
        long messages = h.createQuery("SELECT COALESCE(SUM(segment_price_micros * num_segments), 0) FROM messages WHERE next_step IS NOT NULL"
                        + " AND price_micros IS NULL AND direction = 'outbound-api' AND outcome <> 'failed' AND status <> 'scheduled'"
                        + " AND " + owner + " = :sid")
                .bind("sid", l.accountSid()).mapTo(Long.class).one();
        long calls = h.createQuery("SELECT COALESCE(SUM(minute_price_micros * ((talk_seconds + 59) / 60)), 0) FROM calls WHERE next_step IS NOT NULL"
                        + " AND price_micros IS NULL AND direction = 'outbound-api' AND outcome = 'answered' AND " + owner + " = :sid")
                .bind("sid", l.accountSid()).mapTo(Long.class).one();
        return charged + messages + calls;
    }

    private static SpendingLimit row(ResultSet rs) throws SQLException {
        return new SpendingLimit(rs.getString(1), rs.getString(2), new Money(rs.getLong(3), rs.getString(4)),
                UsageTrigger.Recurring.parse(rs.getString(5)).orElseThrow(), SpendingLimit.Action.parse(rs.getString(6)).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }
}
