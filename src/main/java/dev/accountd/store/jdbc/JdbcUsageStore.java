package dev.accountd.store.jdbc;

import dev.accountd.domain.DayTotals;
import dev.accountd.domain.Spender;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Callback;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageCategory;
import dev.accountd.domain.UsageTotals;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.store.LedgerStore.Posting;
import dev.accountd.store.UsageStore;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Usage counters and Usage Triggers in a SQL store. {@link JdbcLedgerStore} calls {@link #countIn} for every entry it
 * writes, holding the family's balance row: the counters of a family move one transaction at a time, and the
 * triggers those charges reach are checked and fired in the same transaction.
 */
public final class JdbcUsageStore implements UsageStore {
    private static final String TRIGGER_COLUMNS = """
            id, sid, account_sid, main_sid, friendly_name, usage_category, trigger_by, trigger_value_micros, recurring, callback_url,
            callback_method, fired_period, date_fired, date_created, date_updated""";
    private static final int SWEEP_BATCH = 500;

    private final Database db;

    public JdbcUsageStore(Database db) { this.db = db; }

    private record Row(long id, UsageTrigger trigger) {}

    private record Key(String sid, long day, String category) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = sid.compareTo(o.sid);
            if (c != 0) return c;
            c = Long.compare(day, o.day);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    // ---- counters ----

    @Override
    public Map<String, UsageTotals> sums(Scope scope, LocalDate from, LocalDate to) {
        return db.reader().withHandle(h -> sumsIn(h, scope, from, to));
    }

    @Override
    public List<DayTotals> byDay(Scope scope, LocalDate from, LocalDate to) {
        return db.reader().withHandle(h -> h.createQuery("SELECT day, category, count_total, usage_total, price_micros FROM " + table(scope)
                        + " WHERE " + owner(scope) + " = :sid AND day >= :from AND day <= :to")
                .bind("sid", scope.sid()).bind("from", from.toEpochDay()).bind("to", to.toEpochDay())
                .map((rs, ctx) -> new DayTotals(LocalDate.ofEpochDay(rs.getLong(1)), rs.getString(2), totals(rs, 3))).list());
    }

    private static Map<String, UsageTotals> sumsIn(Handle h, Scope scope, LocalDate from, LocalDate to) {
        Map<String, UsageTotals> sums = new HashMap<>();
        h.createQuery("SELECT category, SUM(count_total), SUM(usage_total), SUM(price_micros) FROM " + table(scope)
                        + " WHERE " + owner(scope) + " = :sid AND day >= :from AND day <= :to GROUP BY category")
                .bind("sid", scope.sid()).bind("from", from.toEpochDay()).bind("to", to.toEpochDay())
                .map((rs, ctx) -> Map.entry(rs.getString(1), totals(rs, 2))).forEach(e -> sums.put(e.getKey(), e.getValue()));
        return sums;
    }

    private static String table(Scope scope) { return scope.family() ? "family_usage_counters" : "usage_counters"; }

    private static String owner(Scope scope) { return scope.family() ? "main_sid" : "account_sid"; }

    private static UsageTotals totals(ResultSet rs, int first) throws SQLException {
        return new UsageTotals(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2));
    }

    /**
     * Counts charges in the account's and the family's counters, then fires the triggers they reach; inside the
     * transaction that writes their ledger entries, with each family's balance row held. Recharges and entries
     * under categories that are not usage leaves count nothing.
     */
    static void countIn(Handle h, List<Posting> postings, Set<String> watchedFamilies) {
        Map<Key, UsageTotals> accounts = new TreeMap<>();
        Map<Key, UsageTotals> families = new TreeMap<>();
        Map<String, String> mainOf = new HashMap<>();
        Map<String, Set<String>> reached = new TreeMap<>(); // main SID → the accounts charged
        Map<String, Set<String>> categories = new HashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        for (Posting p : postings) {
            if (p.amount().signum() > 0 || !UsageCategory.find(p.category()).map(UsageCategory::isLeaf).orElse(false)) continue;
            long day = UsageTrigger.day(p.date()).toEpochDay();
            UsageTotals t = new UsageTotals(p.usage().count(), p.usage().usage(), -p.amount().micros());
            accounts.merge(new Key(p.accountSid(), day, p.category()), t, UsageTotals::plus);
            mainOf.put(p.accountSid(), p.mainSid());
            families.merge(new Key(p.mainSid(), day, p.category()), t, UsageTotals::plus);
            reached.computeIfAbsent(p.mainSid(), m -> new LinkedHashSet<>()).add(p.accountSid());
            categories.computeIfAbsent(p.mainSid(), m -> new HashSet<>()).add(p.category());
            latest.merge(p.mainSid(), p.date(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (accounts.isEmpty()) return;
        add(h, ACCOUNT_COUNTER_UPSERT, accounts);
        add(h, FAMILY_COUNTER_UPSERT, families);
        addMonthlySpend(h, accounts, mainOf);
        List<Callback> webhooks = new ArrayList<>();
        reached.forEach((main, charged) -> {
            if (!watchedFamilies.contains(main)) return; // the family has no trigger to reach
            List<String> watched = new ArrayList<>(charged);
            if (!charged.contains(main)) watched.add(main); // a main account's triggers watch the whole family
            for (UsageTrigger t : triggersOf(h, watched)) {
                if (t.watchesFamily() || charged.contains(t.accountSid())) {
                    boolean concerned = UsageCategory.find(t.usageCategory()).map(c -> !java.util.Collections.disjoint(c.leaves(), categories.get(main)))
                            .orElse(false);
                    if (concerned) fireIfDue(h, t, latest.get(main)).ifPresent(webhooks::add);
                }
            }
        });
        JdbcOutboxStore.enqueueIn(h, webhooks);
    }

    @Override
    public List<Spender> topSpenders(String mainSid, YearMonth month, int limit) {
        return db.reader().withHandle(h -> h.createQuery("""
                SELECT s.account_sid, a.friendly_name, s.price_micros
                FROM monthly_spend s JOIN accounts a ON a.sid = s.account_sid
                WHERE s.main_sid = :main AND s.month = :month AND s.account_sid <> s.main_sid
                ORDER BY s.price_micros DESC, s.account_sid DESC LIMIT :limit""")
                .bind("main", mainSid).bind("month", monthKey(month)).bind("limit", limit)
                .map((rs, ctx) -> new Spender(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
    }

    /** A GMT month as monthly_spend keys it: 202612. */
    static int monthKey(YearMonth m) { return m.getYear() * 100 + m.getMonthValue(); }

    @Override
    public Map<String, Long> monthlySpend(List<String> accountSids, YearMonth month) {
        if (accountSids.isEmpty()) return Map.of();
        Map<String, Long> spent = new HashMap<>();
        db.reader().useHandle(h -> h.createQuery("SELECT account_sid, price_micros FROM monthly_spend WHERE month = :month AND account_sid IN (<sids>)")
                .bind("month", monthKey(month)).bindList("sids", accountSids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> spent.put(e.getKey(), e.getValue())));
        return spent;
    }

    /** An account's GMT month, as monthly_spend keys its rows. */
    private record AccountMonth(String sid, int month) {}

    /** Adds each account's spend to its month's row. */
    private static void addMonthlySpend(Handle h, Map<Key, UsageTotals> counts, Map<String, String> mainOf) {
        // the counters are sorted by SID, so this map is too: rows are written in one order on every node
        Map<AccountMonth, Long> byAccountMonth = new LinkedHashMap<>();
        counts.forEach((k, t) -> {
            byAccountMonth.merge(new AccountMonth(k.sid(), monthKey(YearMonth.from(LocalDate.ofEpochDay(k.day())))), t.priceMicros(), Long::sum);
        });
        if (byAccountMonth.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch(MONTHLY_SPEND_UPSERT);
        byAccountMonth.forEach((key, price) -> batch.bind("sid", key.sid()).bind("month", key.month()).bind("main", mainOf.get(key.sid()))
                .bind("price", price).add());
        batch.execute();
    }

    private static final String MONTHLY_SPEND_UPSERT = "INSERT INTO monthly_spend (account_sid, month, main_sid, price_micros) "
            + "VALUES (:sid, :month, :main, :price) "
            + "ON CONFLICT (account_sid, month) DO UPDATE SET price_micros = monthly_spend.price_micros + excluded.price_micros";

    private static String counterUpsert(String table, String owner) {
        return "INSERT INTO " + table + " (" + owner + ", day, category, count_total, usage_total, price_micros) "
                + "VALUES (:sid, :day, :category, :count, :usage, :price) ON CONFLICT (" + owner + ", day, category) DO UPDATE SET "
                + "count_total = " + table + ".count_total + excluded.count_total, usage_total = " + table + ".usage_total + excluded.usage_total, "
                + "price_micros = " + table + ".price_micros + excluded.price_micros";
    }

    // built once: every charge runs them
    private static final String ACCOUNT_COUNTER_UPSERT = counterUpsert("usage_counters", "account_sid");
    private static final String FAMILY_COUNTER_UPSERT = counterUpsert("family_usage_counters", "main_sid");

    private static void add(Handle h, String upsert, Map<Key, UsageTotals> counts) {
        PreparedBatch batch = h.prepareBatch(upsert);
        counts.forEach((k, t) -> batch.bind("sid", k.sid()).bind("day", k.day()).bind("category", k.category())
                .bind("count", t.count()).bind("usage", t.usage()).bind("price", t.priceMicros()).add());
        batch.execute();
    }

    /** The watched value of a trigger in the period of {@code day}. */
    static BigDecimal currentValueIn(Handle h, UsageTrigger t, LocalDate day) {
        Set<String> leaves = UsageCategory.find(t.usageCategory()).map(UsageCategory::leaves).orElse(Set.of());
        UsageTotals sum = UsageTotals.ZERO;
        for (Map.Entry<String, UsageTotals> e : sumsIn(h, new Scope(t.accountSid(), t.watchesFamily()), t.recurring().periodStart(day), day).entrySet()) {
            if (leaves.contains(e.getKey())) sum = sum.plus(e.getValue());
        }
        return t.triggerBy().of(sum, t.usageCategory());
    }

    /**
     * Fires the trigger if its value is reached in the period of {@code at} and it has not fired in it: the period is
     * marked with a compare-and-set, so of two nodes (or a charge and the sweep) exactly one fires it.
     */
    private static Optional<Callback> fireIfDue(Handle h, UsageTrigger t, Instant at) {
        LocalDate day = UsageTrigger.day(at);
        if (t.firedPeriod().equals(Optional.of(t.recurring().periodKey(day)))) return Optional.empty();
        BigDecimal current = currentValueIn(h, t, day);
        if (!t.firesAt(current, day)) return Optional.empty();
        String period = t.recurring().periodKey(day);
        int marked = h.createUpdate("""
                        UPDATE usage_triggers SET fired_period = :period, date_fired = :fired
                        WHERE sid = :sid AND (fired_period IS NULL OR fired_period <> :period)""")
                .bind("period", period).bind("fired", at.toEpochMilli()).bind("sid", t.sid()).execute();
        return marked == 1 ? Optional.of(t.callback(current, at)) : Optional.empty();
    }

    private static List<UsageTrigger> triggersOf(Handle h, List<String> accountSids) {
        return h.createQuery("SELECT " + TRIGGER_COLUMNS + " FROM usage_triggers WHERE account_sid IN (<sids>)")
                .bindList("sids", accountSids).map((rs, ctx) -> row(rs).trigger()).list();
    }

    @Override
    public int fireDue(Instant now) {
        int fired = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Row> rows = db.reader().withHandle(h -> h.createQuery("SELECT " + TRIGGER_COLUMNS + " FROM usage_triggers WHERE id > :after ORDER BY id LIMIT :n")
                    .bind("after", from).bind("n", SWEEP_BATCH).map((rs, ctx) -> row(rs)).list());
            for (Row r : rows) if (fireIfDue(r.trigger(), now)) fired++;
            if (rows.size() < SWEEP_BATCH) return fired;
            after = rows.get(rows.size() - 1).id();
        }
    }

    @Override
    public boolean fireIfDue(UsageTrigger t, Instant now) {
        LocalDate day = UsageTrigger.day(now);
        if (t.firedPeriod().equals(Optional.of(t.recurring().periodKey(day)))) return false;
        boolean reached = db.reader().withHandle(h -> t.firesAt(currentValueIn(h, t, day), day));
        if (!reached) return false;
        return db.writer().inTransaction(h -> {
            // hold the family's balance row, as a charge does: no charge of the family is counted meanwhile
            JdbcLedgerStore.lockedBalance(h, db, t.mainSid());
            Optional<UsageTrigger> still = findIn(h, t.accountSid(), t.sid());
            if (still.isEmpty()) return false;
            Optional<Callback> webhook = fireIfDue(h, still.get(), now);
            webhook.ifPresent(w -> JdbcOutboxStore.enqueueIn(h, List.of(w)));
            return webhook.isPresent();
        });
    }

    @Override
    public BigDecimal currentValue(UsageTrigger t, LocalDate day) {
        return db.reader().withHandle(h -> currentValueIn(h, t, day));
    }

    // ---- triggers ----

    @Override
    public boolean insertTrigger(UsageTrigger t) {
        return db.writer().inTransaction(h -> {
            if (JdbcAccountStore.actingStatus(h, db.dialect(), t.accountSid()) == AccountStatus.CLOSED) return false;
            // held as a charge holds it: a charge counted after this commit sees the family's new trigger
            JdbcLedgerStore.lockedBalance(h, db, t.mainSid());
            int held = h.createQuery("SELECT COUNT(*) FROM usage_triggers WHERE account_sid = :account").bind("account", t.accountSid())
                    .mapTo(Integer.class).one();
            if (held >= UsageTrigger.MAX_PER_ACCOUNT) return false;
            h.createUpdate("""
                            INSERT INTO usage_triggers (sid, account_sid, main_sid, friendly_name, usage_category, trigger_by, trigger_value_micros,
                                                        recurring, callback_url, callback_method, fired_period, date_fired, date_created, date_updated)
                            VALUES (:sid, :account, :main, :name, :category, :by, :value, :recurring, :url, :method, NULL, NULL, :created, :updated)""")
                    .bind("sid", t.sid()).bind("account", t.accountSid()).bind("main", t.mainSid()).bind("name", t.friendlyName())
                    .bind("category", t.usageCategory()).bind("by", t.triggerBy().wire()).bind("value", t.triggerValueMicros())
                    .bind("recurring", t.recurring().wire()).bind("url", t.callbackUrl()).bind("method", t.callbackMethod())
                    .bind("created", t.dateCreated().toEpochMilli()).bind("updated", t.dateUpdated().toEpochMilli()).execute();
            recountTriggers(h, List.of(t.mainSid()));
            return true;
        });
    }

    /** Sets the families' trigger counts (their balance rows held) to the triggers they have. */
    static void recountTriggers(Handle h, List<String> mainSids) {
        if (mainSids.isEmpty()) return;
        h.createUpdate("""
                        UPDATE balances SET usage_triggers = (SELECT COUNT(*) FROM usage_triggers t WHERE t.main_sid = balances.main_sid)
                        WHERE main_sid IN (<mains>)""")
                .bindList("mains", mainSids).execute();
    }

    @Override
    public Optional<UsageTrigger> findTrigger(String accountSid, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, sid));
    }

    private static Optional<UsageTrigger> findIn(Handle h, String accountSid, String sid) {
        return h.createQuery("SELECT " + TRIGGER_COLUMNS + " FROM usage_triggers WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).trigger()).findOne();
    }

    @Override
    public Slice<UsageTrigger> listTriggers(String accountSid, TriggerFilter filter, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("account_sid = :account"));
        filter.recurring().ifPresent(r -> conditions.add("recurring = :recurring"));
        filter.triggerBy().ifPresent(b -> conditions.add("trigger_by = :by"));
        filter.category().ifPresent(c -> conditions.add("usage_category = :category"));
        return Pages.read(db.reader(), "SELECT " + TRIGGER_COLUMNS + " FROM usage_triggers", conditions, Pages.Order.oldestFirst("account_sid"), page,
                q -> {
                    q.bind("account", accountSid);
                    filter.recurring().ifPresent(r -> q.bind("recurring", r.wire()));
                    filter.triggerBy().ifPresent(b -> q.bind("by", b.wire()));
                    filter.category().ifPresent(c -> q.bind("category", c));
                }, (rs, ctx) -> row(rs), Row::id, Row::trigger);
    }

    @Override
    public void updateTrigger(UsageTrigger t) {
        db.writer().useHandle(h -> h.createUpdate("""
                        UPDATE usage_triggers SET friendly_name = :name, callback_url = :url, callback_method = :method, date_updated = :updated
                        WHERE sid = :sid AND account_sid = :account""")
                .bind("name", t.friendlyName()).bind("url", t.callbackUrl()).bind("method", t.callbackMethod())
                .bind("updated", t.dateUpdated().toEpochMilli()).bind("sid", t.sid()).bind("account", t.accountSid()).execute());
    }

    @Override
    public boolean deleteTrigger(String accountSid, String sid) {
        return db.writer().inTransaction(h -> {
            Optional<String> main = h.createQuery("SELECT main_sid FROM usage_triggers WHERE sid = :sid AND account_sid = :account")
                    .bind("sid", sid).bind("account", accountSid).mapTo(String.class).findOne();
            if (main.isEmpty()) return false;
            JdbcLedgerStore.lockedBalance(h, db, main.get());
            boolean deleted = h.createUpdate("DELETE FROM usage_triggers WHERE sid = :sid AND account_sid = :account")
                    .bind("sid", sid).bind("account", accountSid).execute() == 1;
            recountTriggers(h, List.of(main.get()));
            return deleted;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        long fired = rs.getLong("date_fired");
        Optional<Instant> dateFired = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(fired));
        return new Row(rs.getLong("id"), new UsageTrigger(rs.getString("sid"), rs.getString("account_sid"), rs.getString("main_sid"),
                rs.getString("friendly_name"), rs.getString("usage_category"), UsageTrigger.TriggerBy.parse(rs.getString("trigger_by")).orElseThrow(),
                rs.getLong("trigger_value_micros"), UsageTrigger.Recurring.parse(rs.getString("recurring")).orElseThrow(),
                rs.getString("callback_url"), rs.getString("callback_method"), Optional.ofNullable(rs.getString("fired_period")), dateFired,
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated"))));
    }
}
