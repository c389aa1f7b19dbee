package dev.accountd.store.jdbc;

import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.Usage;
import dev.accountd.store.Audit;
import dev.accountd.store.LedgerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Balances and the ledger in a SQL store. Every entry is written holding its family's balance row, which it moves
 * in the same transaction with the usage counters the entry adds to; the other stores post through {@link #postIn} inside their own transactions (a
 * purchase and its first month's charge commit together or not at all).
 */
public final class JdbcLedgerStore implements LedgerStore {
    static final String ENTRY_COLUMNS = """
            id, sid, main_sid, account_sid, category, amount_micros, currency, balance_after, resource_sid, reference,
            entry_date""";
    private static final String INSERT_ENTRY = """
            INSERT INTO ledger_entries (sid, main_sid, account_sid, category, amount_micros, currency, balance_after,
                                        resource_sid, reference, cause, entry_date)
            VALUES (:sid, :main, :account, :category, :amount, :currency, :after, :resource, :reference, :cause, :date)""";
    private static final String AUTO_RECHARGE_REFERENCE = "auto-recharge";

    private final Database db;

    public JdbcLedgerStore(Database db) { this.db = db; }

    private record Row(long id, LedgerEntry entry) {}

    @Override
    public Optional<Balance> balance(String mainSid) {
        return db.balances().get(mainSid, () -> {
            try {
                return db.lookup("SELECT " + BALANCE_COLUMNS + " FROM balances WHERE main_sid = ?", ps -> ps.setString(1, mainSid),
                        rs -> rs.next() ? Optional.of(balance(rs)) : Optional.<Balance>empty());
            } catch (SQLException e) {
                throw new IllegalStateException("reading the balance of " + mainSid + " failed", e);
            }
        });
    }

    @Override
    public void forgetCachedBalance(String mainSid) { db.balances().forget(mainSid); }

    @Override
    public void forgetCachedBalances() { db.balances().forgetAll(); }

    @Override
    public Posted post(Posting posting, Audit<LedgerEntry> audit) {
        return db.writer().inTransaction(h -> postIn(h, db, posting, audit));
    }

    @Override
    public List<LedgerEntry> postAll(List<Posting> postings, Audit<LedgerEntry> audit) {
        return db.writer().inTransactionAlone(h -> postAllIn(h, db, postings, audit));
    }

    @Override
    public Slice<LedgerEntry> list(String mainSid, LedgerFilter filter, boolean newestFirst, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("main_sid = :main"));
        filter.accountSid().ifPresent(a -> conditions.add("account_sid = :account"));
        filter.category().ifPresent(c -> conditions.add("category = :category"));
        filter.from().ifPresent(f -> conditions.add("entry_date >= :from"));
        filter.before().ifPresent(b -> conditions.add("entry_date < :before"));
        Consumer<Query> binder = q -> {
            q.bind("main", mainSid);
            filter.accountSid().ifPresent(a -> q.bind("account", a));
            filter.category().ifPresent(c -> q.bind("category", c));
            filter.from().ifPresent(f -> q.bind("from", f.toEpochMilli()));
            filter.before().ifPresent(b -> q.bind("before", b.toEpochMilli()));
        };
        return Pages.read(db.reader(), "SELECT " + ENTRY_COLUMNS + " FROM ledger_entries", conditions,
                new Pages.Order(List.of(), "id", newestFirst), page, binder, (rs, ctx) -> row(rs), Row::id, Row::entry);
    }

    @Override
    public Optional<LedgerEntry> findBySid(String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM ledger_entries WHERE sid = :sid").bind("sid", sid)
                .map((rs, ctx) -> row(rs).entry()).findOne());
    }

    @Override
    public Optional<Balance> setAutoRecharge(String mainSid, Optional<Balance.AutoRecharge> autoRecharge, Audit<Balance> audit) {
        return db.writer().inTransaction(h -> {
            Optional<Balance> before = lockedBalance(h, db, mainSid);
            if (before.isEmpty()) return before;
            h.createUpdate("UPDATE balances SET auto_recharge_below = :below, auto_recharge_amount = :amount WHERE main_sid = :main")
                    .bind("below", autoRecharge.map(a -> a.below().micros()).orElse(null))
                    .bind("amount", autoRecharge.map(a -> a.amount().micros()).orElse(null))
                    .bind("main", mainSid).execute();
            db.balanceChanging(h, mainSid);
            Balance b = before.get();
            Balance after = new Balance(b.mainSid(), b.opening(), b.current(), autoRecharge);
            JdbcEvents.record(h, audit, b, after);
            return Optional.of(after);
        });
    }

    @Override
    public int openMissing(Money opening) {
        return db.writer().inTransaction(h -> h.createUpdate("""
                        INSERT INTO balances (main_sid, currency, initial_micros, balance_micros, usage_triggers)
                        SELECT m.sid, :currency, :opening, :opening, (SELECT COUNT(*) FROM usage_triggers t WHERE t.main_sid = m.sid)
                        FROM main_accounts m
                        WHERE NOT EXISTS (SELECT 1 FROM balances b WHERE b.main_sid = m.sid)""")
                .bind("currency", opening.currency()).bind("opening", opening.micros()).execute());
    }

    @Override
    public Set<String> currencies() {
        return db.reader().withHandle(h -> new HashSet<>(h.createQuery("SELECT DISTINCT currency FROM balances").mapTo(String.class).list()));
    }

    // ---- inside other stores' transactions ----

    /** Opens a new main account's balance, in the transaction that creates the account. */
    static void openIn(Handle h, String mainSid, Money opening) {
        h.createUpdate("INSERT INTO balances (main_sid, currency, initial_micros, balance_micros) VALUES (:main, :currency, :opening, :opening)")
                .bind("main", mainSid).bind("currency", opening.currency()).bind("opening", opening.micros()).execute();
    }

    /** The family's balance, its row held until the transaction ends: every entry of the family waits for it. */
    static Optional<Balance> lockedBalance(Handle h, Database db, String mainSid) {
        return held(h, db, mainSid).map(Held::balance);
    }

    /**
     * A family's balance row as a charge holds it: the balance, and whether the family has Usage Triggers for the
     * charge's counters to reach (the row counts them, moved with the family's triggers while it is held).
     */
    record Held(Balance balance, boolean watched) {}

    static Optional<Held> held(Handle h, Database db, String mainSid) {
        return h.createQuery("SELECT " + BALANCE_COLUMNS + ", usage_triggers FROM balances WHERE main_sid = :main" + db.dialect().forUpdate())
                .bind("main", mainSid).map((rs, ctx) -> new Held(balance(rs), rs.getLong(7) > 0)).findOne();
    }

    /**
     * Writes an entry and moves the balance, holding the balance row; then, if the family has auto-recharge and this
     * charge left the balance below its threshold, the recharge too. {@code audit} is asked about every entry written.
     */
    static Posted postIn(Handle h, Database db, Posting p, Audit<LedgerEntry> audit) {
        Optional<Held> locked = held(h, db, p.mainSid());
        if (locked.isEmpty()) return new Posted.NoBalance();
        // read after taking the lock: an entry of the same cause committed meanwhile is seen
        Optional<LedgerEntry> existing = byCause(h, p.cause());
        if (existing.isPresent()) return new Posted.AlreadyEntered(existing.get());
        return enter(h, db, p, locked.get(), audit);
    }

    /**
     * {@link #postIn} for a cause that cannot have an entry yet (it names a resource created in this transaction, as
     * a purchase's first month does), with the family's balance row already held: no lookup of the cause, which the
     * store's constraint still guards.
     */
    static Posted postNewIn(Handle h, Database db, Posting p, Held locked, Audit<LedgerEntry> audit) {
        return enter(h, db, p, locked, audit);
    }

    private static Posted enter(Handle h, Database db, Posting p, Held held, Audit<LedgerEntry> audit) {
        Balance balance = held.balance();
        LedgerEntry entry = write(h, p, balance.current());
        JdbcUsageStore.countIn(h, List.of(p), held.watched() ? Set.of(p.mainSid()) : Set.of());
        db.balanceChanging(h, p.mainSid());
        JdbcEvents.record(h, audit, null, entry);
        Optional<Balance.AutoRecharge> auto = balance.autoRecharge();
        if (p.amount().signum() < 0 && auto.isPresent() && !entry.balanceAfter().isAtLeast(auto.get().below())) {
            LedgerEntry recharge = write(h, autoRecharge(p, entry, auto.get()), entry.balanceAfter());
            JdbcEvents.record(h, audit, null, recharge);
        }
        return new Posted.Entered(entry);
    }

    /**
     * Writes many entries in one go (the rental scheduler's batches): each family's balance row is held, in SID
     * order, and moved once; the entries follow one another in the given order, each with the balance after it, and
     * auto-recharges follow the charges that set them off. The cause's uniqueness is left to the store's constraint:
     * a batch that repeats a cause fails whole.
     */
    static List<LedgerEntry> postAllIn(Handle h, Database db, List<Posting> postings, Audit<LedgerEntry> audit) {
        Map<String, Balance> balances = new TreeMap<>();
        Set<String> watched = new HashSet<>();
        for (String main : new TreeSet<>(postings.stream().map(Posting::mainSid).toList())) {
            held(h, db, main).ifPresent(b -> {
                balances.put(main, b.balance());
                if (b.watched()) watched.add(main);
            });
        }
        Map<String, Money> current = new HashMap<>();
        balances.forEach((main, b) -> current.put(main, b.current()));
        List<LedgerEntry> written = new ArrayList<>(postings.size());
        List<Posting> counted = new ArrayList<>(postings.size());
        PreparedBatch batch = h.prepareBatch(INSERT_ENTRY);
        for (Posting p : postings) {
            Balance b = balances.get(p.mainSid());
            if (b == null) continue; // the family was deleted meanwhile: nothing to charge
            LedgerEntry entry = entry(p, current.get(p.mainSid()).plus(p.amount()));
            add(batch, p, entry);
            written.add(entry);
            counted.add(p);
            current.put(p.mainSid(), entry.balanceAfter());
            Optional<Balance.AutoRecharge> auto = b.autoRecharge();
            if (p.amount().signum() < 0 && auto.isPresent() && !entry.balanceAfter().isAtLeast(auto.get().below())) {
                Posting recharge = autoRecharge(p, entry, auto.get());
                LedgerEntry r = entry(recharge, entry.balanceAfter().plus(recharge.amount()));
                add(batch, recharge, r);
                written.add(r);
                current.put(p.mainSid(), r.balanceAfter());
            }
        }
        if (written.isEmpty()) return written;
        batch.execute();
        PreparedBatch moved = h.prepareBatch("UPDATE balances SET balance_micros = :after WHERE main_sid = :main");
        current.forEach((main, after) -> {
            moved.bind("after", after.micros()).bind("main", main).add();
            db.balanceChanging(h, main);
        });
        moved.execute();
        JdbcUsageStore.countIn(h, counted, watched);
        for (LedgerEntry e : written) JdbcEvents.record(h, audit, null, e);
        return written;
    }

    private static Posting autoRecharge(Posting charge, LedgerEntry after, Balance.AutoRecharge auto) {
        return new Posting(Sid.ordered(LedgerEntry.RECHARGE_SID_PREFIX), charge.mainSid(), charge.mainSid(), LedgerEntry.RECHARGE,
                auto.amount(), Optional.empty(), Optional.of(AUTO_RECHARGE_REFERENCE), "auto-recharge:" + after.sid(), charge.date(), Usage.NONE);
    }

    private static LedgerEntry entry(Posting p, Money after) {
        return new LedgerEntry(p.sid(), p.mainSid(), p.accountSid(), p.category(), p.amount(), after, p.resourceSid(), p.reference(), p.date());
    }

    private static void add(PreparedBatch batch, Posting p, LedgerEntry e) {
        bindEntry(batch, p, e).add();
    }

    private static <S extends SqlStatement<S>> S bindEntry(S statement, Posting p, LedgerEntry e) {
        return statement.bind("sid", p.sid()).bind("main", p.mainSid()).bind("account", p.accountSid()).bind("category", p.category())
                .bind("amount", p.amount().micros()).bind("currency", p.amount().currency()).bind("after", e.balanceAfter().micros())
                .bind("resource", p.resourceSid().orElse(null)).bind("reference", p.reference().orElse(null))
                .bind("cause", p.cause()).bind("date", p.date().toEpochMilli());
    }

    /** Inserts an entry after {@code before} and moves the balance row to the entry's balance; the row is held. */
    private static LedgerEntry write(Handle h, Posting p, Money before) {
        LedgerEntry entry = entry(p, before.plus(p.amount()));
        bindEntry(h.createUpdate(INSERT_ENTRY), p, entry).execute();
        h.createUpdate("UPDATE balances SET balance_micros = :after WHERE main_sid = :main")
                .bind("after", entry.balanceAfter().micros()).bind("main", p.mainSid()).execute();
        return entry;
    }

    private static Optional<LedgerEntry> byCause(Handle h, String cause) {
        return h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM ledger_entries WHERE cause = :cause").bind("cause", cause)
                .map((rs, ctx) -> row(rs).entry()).findOne();
    }

    /** The columns {@link #balance(ResultSet)} reads, in its order. */
    private static final String BALANCE_COLUMNS =
            "main_sid, currency, initial_micros, balance_micros, auto_recharge_below, auto_recharge_amount";

    /** Read by position: by name, the driver looks every column's name up again for each row (Balance.json's hot path). */
    private static Balance balance(ResultSet rs) throws SQLException {
        String currency = rs.getString(2);
        long below = rs.getLong(5);
        Optional<Balance.AutoRecharge> auto = rs.wasNull() ? Optional.empty()
                : Optional.of(new Balance.AutoRecharge(new Money(below, currency), new Money(rs.getLong(6), currency)));
        return new Balance(rs.getString(1), new Money(rs.getLong(3), currency), new Money(rs.getLong(4), currency), auto);
    }

    private static Row row(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new Row(rs.getLong("id"), new LedgerEntry(rs.getString("sid"), rs.getString("main_sid"), rs.getString("account_sid"),
                rs.getString("category"), new Money(rs.getLong("amount_micros"), currency), new Money(rs.getLong("balance_after"), currency),
                Optional.ofNullable(rs.getString("resource_sid")), Optional.ofNullable(rs.getString("reference")),
                Instant.ofEpochMilli(rs.getLong("entry_date"))));
    }
}
