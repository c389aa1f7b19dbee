package dev.accountd.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AccountType;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.Balance;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import dev.accountd.store.ChangeFeed;
import dev.accountd.store.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/** The accounts of a SQL store. The SQL here is shared by SQLite and PostgreSQL. */
public final class JdbcAccountStore implements AccountStore {

    private static final String SELECT = """
            SELECT a.id, a.sid, a.main_sid, a.friendly_name, a.status, m.status AS main_status, a.type,
                   a.auth_token, a.auth_token_created, a.secondary_auth_token, a.secondary_created,
                   a.date_created, a.date_updated, a.date_closed
            FROM accounts a JOIN accounts m ON m.sid = a.main_sid
            """;
    private static final String FIND_BY_SID = SELECT + " WHERE a.sid = ?";
    private static final String INSERT = """
            INSERT INTO accounts (sid, main_sid, friendly_name, status, type, auth_token, auth_token_created,
                                  date_created, date_updated)
            VALUES (:sid, :main, :name, 'active', :type, :token, :now, :now, :now)""";

    private final Database db;
    private final SecretBox secrets;
    private final Money openingBalance;
    /**
     * Tokens already decrypted, by row and slot, with their ciphertext: AES-GCM once per token, not per read.
     * Bounded; a miss only costs one decryption.
     */
    private final Cache<String, Opened> opened = Caffeine.newBuilder().maximumSize(200_000).build();

    private record Opened(byte[] sealed, AuthToken token) {}

    /** @param openingBalance the balance a new main account starts with */
    public JdbcAccountStore(Database db, SecretBox secrets, Money openingBalance) {
        this.db = db;
        this.secrets = secrets;
        this.openingBalance = openingBalance;
    }

    /** New main accounts open with accountd's default balance (20.00 USD). */
    public JdbcAccountStore(Database db, SecretBox secrets) { this(db, secrets, Balance.DEFAULT_OPENING); }

    /** An account row and its position in creation order. */
    private record Row(long id, Account account) {}

    @Override
    public Account insertMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            insertRow(h, sid, sid, friendlyName, token, now);
            insertMainRows(h, sid, subaccountLimit);
            Account created = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, null, created);
            return created;
        });
    }

    @Override
    public Optional<Account> insertFirstMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit,
                                             Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            // Serialises seeding across nodes (SQLite's single IMMEDIATE writer already does): the check and the
            // insert see the same store.
            db.lockForTransaction(h, "first-main-account");
            if (h.createQuery("SELECT 1 FROM accounts LIMIT 1").mapTo(Integer.class).findOne().isPresent()) return Optional.<Account>empty();
            insertRow(h, sid, sid, friendlyName, token, now);
            insertMainRows(h, sid, subaccountLimit);
            Account created = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, null, created);
            return Optional.of(created);
        });
    }

    /** A main account's settings and its balance, opened with the configured opening balance. */
    private void insertMainRows(Handle h, String sid, int subaccountLimit) {
        h.createUpdate("INSERT INTO main_accounts (sid, subaccount_limit) VALUES (:sid, :limit)")
                .bind("sid", sid).bind("limit", subaccountLimit).execute();
        JdbcLedgerStore.openIn(h, sid, openingBalance);
    }

    @Override
    public Optional<Account> insertSubaccount(String mainSid, String sid, String friendlyName, AuthToken token, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            // The guarded increment is the limit check: it takes the main's row lock, so concurrent creates
            // (on any node, once several share a database) cannot both pass the last free place.
            int reserved = h.createUpdate("""
                    UPDATE main_accounts SET live_subaccounts = live_subaccounts + 1
                    WHERE sid = :main AND live_subaccounts < subaccount_limit""")
                    .bind("main", mainSid).execute();
            if (reserved == 0) return Optional.empty();
            insertRow(h, sid, mainSid, friendlyName, token, now);
            JdbcActivityStore.startIn(h, List.of(sid), now);
            Account created = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, null, created);
            return Optional.of(created);
        });
    }

    @Override
    public boolean insertSubaccounts(String mainSid, List<NewSubaccount> batch, Instant now, Audit<Account> audit) {
        if (batch.isEmpty()) return true;
        return db.writer().inTransactionAlone(h -> {
            int reserved = h.createUpdate("""
                    UPDATE main_accounts SET live_subaccounts = live_subaccounts + :n
                    WHERE sid = :main AND live_subaccounts + :n <= subaccount_limit""")
                    .bind("n", batch.size()).bind("main", mainSid).execute();
            if (reserved == 0) return false;
            PreparedBatch insert = h.prepareBatch(INSERT);
            for (NewSubaccount n : batch) bindRow(insert, n.sid(), mainSid, n.friendlyName(), n.token(), now).add();
            insert.execute();
            JdbcActivityStore.startIn(h, batch.stream().map(NewSubaccount::sid).toList(), now);
            Optional<Account> main = findIn(h, mainSid);
            List<dev.accountd.domain.Event> events = new ArrayList<>(batch.size());
            for (NewSubaccount n : batch) {
                Account created = new Account(n.sid(), mainSid, n.friendlyName(), AccountStatus.ACTIVE,
                        main.map(Account::status).orElse(AccountStatus.ACTIVE), AccountType.FULL, n.token(), now,
                        Optional.empty(), Optional.empty(), now, now, Optional.empty());
                audit.of(null, created).ifPresent(events::add);
            }
            JdbcEvents.insertAll(h, events);
            return true;
        });
    }

    private void insertRow(Handle h, String sid, String mainSid, String friendlyName, AuthToken token, Instant now) {
        bindRow(h.createUpdate(INSERT), sid, mainSid, friendlyName, token, now).execute();
    }

    private <S extends SqlStatement<S>> S bindRow(S insert, String sid, String mainSid, String friendlyName, AuthToken token, Instant now) {
        return insert.bind("sid", sid).bind("main", mainSid).bind("name", friendlyName).bind("type", AccountType.FULL.wire())
                .bind("token", secrets.seal(token.value(), primarySlot(sid))).bind("now", now.toEpochMilli());
    }

    /**
     * The hot path of every authenticated fetch: one indexed lookup with a statement prepared once per
     * connection, without the per-call bookkeeping of a Jdbi handle.
     */
    @Override
    public Optional<Account> find(String sid) {
        try {
            return db.lookup(FIND_BY_SID, ps -> ps.setString(1, sid),
                    rs -> rs.next() ? Optional.of(row(rs).account()) : Optional.<Account>empty());
        } catch (SQLException e) {
            throw new IllegalStateException("reading account " + sid + " failed", e);
        }
    }

    private Optional<Account> findIn(Handle h, String sid) {
        return h.createQuery(SELECT + " WHERE a.sid = :sid").bind("sid", sid)
                .map((rs, ctx) -> row(rs).account()).findOne();
    }

    /**
     * Reads an account and locks its row until the transaction ends: every read-modify-write of an account starts
     * here, so two changes of one account (a close and a suspension, a promotion and a deletion of the secondary
     * token) run one after the other and the second sees what the first wrote. SQLite's single IMMEDIATE writer
     * already orders them.
     */
    private Optional<Account> lockedIn(Handle h, String sid) {
        return h.createQuery(SELECT + " WHERE a.sid = :sid" + db.dialect().forUpdateOf("a")).bind("sid", sid)
                .map((rs, ctx) -> row(rs).account()).findOne();
    }

    /**
     * How an account acts now, inside a write transaction: {@code closed} (also when it was deleted),
     * {@code suspended} when it or its main account is, otherwise {@code active}. Both rows are held (shared)
     * until the transaction ends, so a concurrent status change waits for this write, or this write sees it: the
     * guard of every write to what an account holds (keys, addresses, numbers).
     */
    static AccountStatus actingStatus(Handle h, Dialect dialect, String sid) {
        Optional<Map.Entry<String, String>> row = h.createQuery("SELECT status, main_sid FROM accounts WHERE sid = :sid" + dialect.forShare())
                .bind("sid", sid).map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getString("main_sid"))).findOne();
        if (row.isEmpty()) return AccountStatus.CLOSED;
        AccountStatus own = AccountStatus.fromWire(row.get().getKey()).orElseThrow();
        String mainSid = row.get().getValue();
        if (own != AccountStatus.ACTIVE || mainSid.equals(sid)) return own;
        boolean mainActive = h.createQuery("SELECT status FROM accounts WHERE sid = :sid" + dialect.forShare())
                .bind("sid", mainSid).mapTo(String.class).findOne().filter(AccountStatus.ACTIVE.wire()::equals).isPresent();
        return mainActive ? AccountStatus.ACTIVE : AccountStatus.SUSPENDED;
    }

    /**
     * Refuses, inside a write transaction, a change to what a closed account holds: the service checked before,
     * and this holds the account's row so that a close committed meanwhile is seen (400 / 21479).
     *
     * @param action what the write does, for the message: "create Key", "update Address", …
     */
    static void requireOpen(Handle h, Dialect dialect, String accountSid, String action) {
        if (actingStatus(h, dialect, accountSid) == AccountStatus.CLOSED) throw TwilioException.of(ErrorCode.ACCOUNT_CLOSED, action);
    }

    @Override
    public Slice<Account> list(Listing listing, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("a.main_sid = :main"));
        listing.onlySid().ifPresent(v -> conditions.add("a.sid = :only"));
        listing.friendlyName().ifPresent(v -> conditions.add("a.friendly_name = :name"));
        listing.status().ifPresent(v -> conditions.add("a.status = :status"));
        // Ordering by (main_sid, id), equal to ordering by id within one family, names the family index so
        // both engines walk it rather than the primary key, even with generic plans or a skewed family.
        return Pages.read(db.reader(), SELECT, conditions, new Pages.Order(List.of("a.main_sid"), "a.id", false), page, q -> {
            q.bind("main", listing.mainSid());
            listing.onlySid().ifPresent(v -> q.bind("only", v));
            listing.friendlyName().ifPresent(v -> q.bind("name", v));
            listing.status().ifPresent(v -> q.bind("status", v.wire()));
        }, (rs, ctx) -> row(rs), Row::id, Row::account);
    }

    @Override
    public UpdateResult update(String sid, AccountChange change, Instant now, Audit<Account> audit, Audit<PhoneNumber> released) {
        return db.writer().inTransaction(h -> {
            Optional<Account> current = lockedIn(h, sid);
            if (current.isEmpty()) return new UpdateResult.NotFound();
            Account before = current.get();
            if (before.status() == AccountStatus.CLOSED) {
                // closing a closed account again changes nothing; anything else is a change to a read-only account
                boolean closingAgain = change.friendlyName().isEmpty() && change.status().orElse(AccountStatus.CLOSED) == AccountStatus.CLOSED;
                return closingAgain ? new UpdateResult.Updated(before) : new UpdateResult.Closed();
            }
            String name = change.friendlyName().orElse(before.friendlyName());
            AccountStatus status = change.status().orElse(before.status());
            boolean closing = status == AccountStatus.CLOSED;
            h.createUpdate("""
                    UPDATE accounts SET friendly_name = :name, status = :status, date_updated = :now,
                           date_closed = :closed
                    WHERE sid = :sid""")
                    .bind("name", name).bind("status", status.wire()).bind("now", now.toEpochMilli())
                    .bind("closed", closing ? now.toEpochMilli() : null).bind("sid", sid)
                    .execute();
            if (closing && !before.isMain()) {
                h.createUpdate("UPDATE main_accounts SET live_subaccounts = live_subaccounts - 1 WHERE sid = :main")
                        .bind("main", before.mainSid()).execute();
            }
            if (closing) JdbcPhoneNumberStore.releaseAll(h, db.dialect(), sid, released);
            // a status change reaches its keys (and, for a main account, its subaccounts) too; any change reaches the
            // other nodes' cached rows
            db.recordChange(h, status != before.status() ? ChangeFeed.EVERYTHING : sid);
            Account after = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, before, after);
            return new UpdateResult.Updated(after);
        });
    }

    @Override
    public Optional<Account> setMainStatus(String mainSid, AccountStatus status, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            Optional<Account> before = lockedIn(h, mainSid).filter(Account::isMain);
            if (before.isEmpty()) return before;
            int changed = h.createUpdate("""
                    UPDATE accounts SET status = :status, date_updated = :now
                    WHERE sid = :sid AND status <> 'closed' AND status <> :status""")
                    .bind("status", status.wire()).bind("now", now.toEpochMilli()).bind("sid", mainSid).execute();
            Account after = findIn(h, mainSid).orElseThrow();
            if (changed > 0) {
                db.recordChange(h, ChangeFeed.EVERYTHING);
                JdbcEvents.record(h, audit, before.get(), after);
            }
            return Optional.of(after);
        });
    }

    @Override
    public Optional<Account> setSecondaryToken(String sid, AuthToken token, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            Optional<Account> before = lockedIn(h, sid);
            if (before.isEmpty()) return before;
            h.createUpdate("UPDATE accounts SET secondary_auth_token = :token, secondary_created = :now WHERE sid = :sid")
                    .bind("token", secrets.seal(token.value(), secondarySlot(sid))).bind("now", now.toEpochMilli())
                    .bind("sid", sid).execute();
            db.recordChange(h, sid);
            Account after = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, before.get(), after);
            return Optional.of(after);
        });
    }

    @Override
    public boolean deleteSecondaryToken(String sid, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            Optional<Account> before = lockedIn(h, sid).filter(a -> a.secondaryAuthToken().isPresent());
            if (before.isEmpty()) return false;
            h.createUpdate("UPDATE accounts SET secondary_auth_token = NULL, secondary_created = NULL WHERE sid = :sid")
                    .bind("sid", sid).execute();
            db.recordChange(h, sid);
            JdbcEvents.record(h, audit, before.get(), findIn(h, sid).orElseThrow());
            return true;
        });
    }

    @Override
    public Optional<Account> promoteSecondaryToken(String sid, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            Optional<Account> before = lockedIn(h, sid).filter(a -> a.secondaryAuthToken().isPresent());
            if (before.isEmpty()) return Optional.<Account>empty();
            Account b = before.get();
            h.createUpdate("""
                    UPDATE accounts SET auth_token = :token, auth_token_created = :created,
                           secondary_auth_token = NULL, secondary_created = NULL, date_updated = :now
                    WHERE sid = :sid""")
                    .bind("token", secrets.seal(b.secondaryAuthToken().get().value(), primarySlot(sid)))
                    .bind("created", b.secondaryCreated().orElse(now).toEpochMilli())
                    .bind("now", now.toEpochMilli()).bind("sid", sid).execute();
            db.recordChange(h, sid);
            Account after = findIn(h, sid).orElseThrow();
            JdbcEvents.record(h, audit, b, after);
            return Optional.of(after);
        });
    }

    @Override
    public List<Account> rotateTokens(List<Rotation> rotations, Instant now, Audit<Account> audit) {
        return db.writer().inTransaction(h -> {
            // rows are locked in SID order, whatever order they were named in, so that two rotations naming the
            // same subaccounts cannot each hold one the other waits for
            Map<String, Account> locked = new HashMap<>();
            rotations.stream().map(Rotation::sid).sorted().forEach(sid -> lockedIn(h, sid)
                    .filter(a -> a.status() != AccountStatus.CLOSED).ifPresent(a -> locked.put(sid, a)));
            List<Account> rotated = new ArrayList<>();
            for (Rotation r : rotations) {
                Optional<Account> before = Optional.ofNullable(locked.get(r.sid()));
                if (before.isEmpty()) continue;
                h.createUpdate("""
                        UPDATE accounts SET auth_token = :token, auth_token_created = :now,
                               secondary_auth_token = NULL, secondary_created = NULL, date_updated = :now
                        WHERE sid = :sid""")
                        .bind("token", secrets.seal(r.token().value(), primarySlot(r.sid())))
                        .bind("now", now.toEpochMilli()).bind("sid", r.sid()).execute();
                Account after = findIn(h, r.sid()).orElseThrow();
                JdbcEvents.record(h, audit, before.get(), after);
                rotated.add(after);
            }
            if (!rotated.isEmpty()) db.recordChange(h, ChangeFeed.EVERYTHING);
            return rotated;
        });
    }


    @Override
    public Optional<MainAccountSettings> settings(String mainSid) {
        return db.reader().withHandle(h -> settingsIn(h, mainSid));
    }

    private static Optional<MainAccountSettings> settingsIn(Handle h, String mainSid) {
        return h.createQuery("SELECT sid, subaccount_limit, live_subaccounts, auto_delete_closed FROM main_accounts WHERE sid = :sid")
                .bind("sid", mainSid)
                .map((rs, ctx) -> new MainAccountSettings(rs.getString("sid"), rs.getInt("subaccount_limit"),
                        rs.getInt("live_subaccounts"), rs.getInt("auto_delete_closed") != 0))
                .findOne();
    }

    @Override
    public Optional<MainAccountSettings> updateSettings(String mainSid, Optional<Integer> subaccountLimit, Optional<Boolean> autoDeleteClosed) {
        return db.writer().inTransaction(h -> {
            subaccountLimit.ifPresent(limit -> h.createUpdate("UPDATE main_accounts SET subaccount_limit = :v WHERE sid = :sid")
                    .bind("v", limit).bind("sid", mainSid).execute());
            autoDeleteClosed.ifPresent(on -> h.createUpdate("UPDATE main_accounts SET auto_delete_closed = :v WHERE sid = :sid")
                    .bind("v", on ? 1 : 0).bind("sid", mainSid).execute());
            return settingsIn(h, mainSid);
        });
    }

    @Override
    public int deleteClosedBefore(Instant cutoff, int batch) {
        return db.writer().inTransactionAlone(h -> {
            List<String> doomed = h.createQuery("""
                    SELECT a.sid FROM accounts a JOIN main_accounts m ON m.sid = a.main_sid
                    WHERE a.date_closed IS NOT NULL AND a.date_closed < :cutoff
                      AND a.sid <> a.main_sid AND m.auto_delete_closed = 1
                    ORDER BY a.date_closed LIMIT :batch""")
                    .bind("cutoff", cutoff.toEpochMilli()).bind("batch", batch).mapTo(String.class).list();
            if (doomed.isEmpty()) return 0;
            h.createUpdate("DELETE FROM api_keys WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            // no phone numbers: closing released them, into the inventory, in the closing transaction
            h.createUpdate("DELETE FROM addresses WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            // a closed account's calls and messages stay readable until now (its ledger entries stay: they explain the balance)
            h.createUpdate("DELETE FROM messages WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM message_media WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM calls WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM applications WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM messaging_services WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM outgoing_caller_ids WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            // its usage counters stay with its ledger entries; its triggers have nothing left to watch
            List<String> watchedMains = h.createQuery("SELECT DISTINCT main_sid FROM usage_triggers WHERE account_sid IN (<sids>) ORDER BY main_sid")
                    .bindList("sids", doomed).mapTo(String.class).list();
            for (String main : watchedMains) JdbcLedgerStore.lockedBalance(h, db, main); // in SID order, as every holder takes them
            h.createUpdate("DELETE FROM usage_triggers WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            JdbcUsageStore.recountTriggers(h, watchedMains);
            h.createUpdate("DELETE FROM spending_limits WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM account_activity WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            h.createUpdate("DELETE FROM console_sessions WHERE account_sid IN (<sids>)").bindList("sids", doomed).execute();
            db.recordChange(h, ChangeFeed.EVERYTHING);
            return h.createUpdate("DELETE FROM accounts WHERE sid IN (<sids>)").bindList("sids", doomed).execute();
        });
    }

    @Override
    public boolean hasAnyAccount() {
        try {
            return db.lookup("SELECT 1 FROM accounts LIMIT 1", ps -> { }, ResultSet::next);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the accounts failed", e);
        }
    }


    private static String primarySlot(String sid) { return sid; }

    private static String secondarySlot(String sid) { return sid + "#secondary"; }

    private AuthToken token(String slot, byte[] sealed) {
        Opened known = opened.getIfPresent(slot);
        if (known != null && Arrays.equals(known.sealed(), sealed)) return known.token();
        AuthToken token = new AuthToken(secrets.open(sealed, slot));
        opened.put(slot, new Opened(sealed, token));
        return token;
    }

    private Row row(ResultSet rs) throws SQLException {
        String sid = rs.getString("sid");
        byte[] secondary = rs.getBytes("secondary_auth_token");
        Account account = new Account(
                sid,
                rs.getString("main_sid"),
                rs.getString("friendly_name"),
                AccountStatus.fromWire(rs.getString("status")).orElseThrow(),
                AccountStatus.fromWire(rs.getString("main_status")).orElseThrow(),
                AccountType.fromWire(rs.getString("type")),
                token(primarySlot(sid), rs.getBytes("auth_token")),
                Instant.ofEpochMilli(rs.getLong("auth_token_created")),
                secondary == null ? Optional.empty() : Optional.of(token(secondarySlot(sid), secondary)),
                optionalInstant(rs, "secondary_created"),
                Instant.ofEpochMilli(rs.getLong("date_created")),
                Instant.ofEpochMilli(rs.getLong("date_updated")),
                optionalInstant(rs, "date_closed"));
        return new Row(rs.getLong("id"), account);
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
