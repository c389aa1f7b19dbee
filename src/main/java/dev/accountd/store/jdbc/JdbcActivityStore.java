package dev.accountd.store.jdbc;

import dev.accountd.domain.DormantSubaccount;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.store.ActivityStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The last GMT day each subaccount made or received a call or message (the dormant-subaccount listing reads it). A
 * subaccount's row is written when it is created and moved, inside a call's or message's insert, at most once a day.
 */
public final class JdbcActivityStore implements ActivityStore {
    /** A page position packs the row's quiet_since day above its account_id: the keyset is (quiet_since, account_id). */
    private static final int ID_BITS = 40;

    private final Database db;

    public JdbcActivityStore(Database db) { this.db = db; }

    private record Row(long position, DormantSubaccount dormant) {}

    @Override
    public Slice<DormantSubaccount> dormant(String mainSid, LocalDate quietOnOrBefore, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.account_sid, t.account_id, t.quiet_since, t.last_activity, a.friendly_name, a.date_created
                FROM account_activity t JOIN accounts a ON a.sid = t.account_sid
                WHERE t.main_sid = :main AND t.quiet_since <= :cutoff AND a.status = 'active'""");
        page.after().ifPresent(p -> sql.append(" AND (t.quiet_since > :day OR (t.quiet_since = :day AND t.account_id > :id))"));
        sql.append(" ORDER BY t.quiet_since, t.account_id LIMIT :limit");
        List<Row> rows = db.reader().withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("main", mainSid).bind("cutoff", quietOnOrBefore.toEpochDay())
                    .bind("limit", page.pageSize() + 1);
            page.after().ifPresent(p -> q.bind("day", p >>> ID_BITS).bind("id", p & ((1L << ID_BITS) - 1)));
            return q.map((rs, ctx) -> {
                long quiet = rs.getLong(3);
                long last = rs.getLong(4);
                Optional<LocalDate> lastActivity = rs.wasNull() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(last));
                return new Row((quiet << ID_BITS) | rs.getLong(2), new DormantSubaccount(rs.getString(1), mainSid, rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6)), lastActivity, LocalDate.ofEpochDay(quiet)));
            }).list();
        });
        boolean more = rows.size() > page.pageSize();
        List<Row> kept = more ? rows.subList(0, page.pageSize()) : rows;
        // forward only: no previous page (its link would need a backward walk of the keyset)
        return new Slice<>(kept.stream().map(Row::dormant).toList(), new ArrayList<>(kept.stream().map(Row::position).toList()), more, false);
    }

    @Override
    public java.util.Map<String, LocalDate> lastActivity(List<String> accountSids) {
        if (accountSids.isEmpty()) return java.util.Map.of();
        java.util.Map<String, LocalDate> found = new java.util.HashMap<>();
        db.reader().useHandle(h -> h.createQuery("SELECT account_sid, last_activity FROM account_activity WHERE account_sid IN (<sids>)"
                        + " AND last_activity IS NOT NULL").bindList("sids", accountSids)
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), LocalDate.ofEpochDay(rs.getLong(2))))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }

    /**
     * Rows for new subaccounts, quiet since the day they were created. Selected by SID alone: with the family in the
     * condition too, the planners walk the whole family's index for each batch of a bulk creation.
     */
    static void startIn(Handle h, List<String> sids, Instant created) {
        if (sids.isEmpty()) return;
        h.createUpdate("""
                        INSERT INTO account_activity (account_sid, main_sid, account_id, quiet_since, last_activity)
                        SELECT sid, main_sid, id, :day, NULL FROM accounts WHERE sid IN (<sids>)""")
                .bind("day", UsageTrigger.day(created).toEpochDay()).bindList("sids", sids).execute();
    }

    /**
     * Marks a call or message of the account on the day of {@code at}. Read first, so that on most calls nothing is
     * written and concurrent messages of one account do not queue on its row.
     */
    static void touchIn(Handle h, String accountSid, String mainSid, Instant at) {
        if (accountSid.equals(mainSid)) return; // main accounts are never dormant subaccounts
        long day = UsageTrigger.day(at).toEpochDay();
        Optional<Long> last = h.createQuery("SELECT last_activity FROM account_activity WHERE account_sid = :sid").bind("sid", accountSid)
                .map((rs, ctx) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1L : v;
                }).findOne();
        if (last.isEmpty() || last.get() >= day) return;
        h.createUpdate("""
                        UPDATE account_activity SET last_activity = :day, quiet_since = :day
                        WHERE account_sid = :sid AND (last_activity IS NULL OR last_activity < :day)""")
                .bind("day", day).bind("sid", accountSid).execute();
    }
}
