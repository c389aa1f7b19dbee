package dev.accountd.store.jdbc;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AccountType;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.AccountStore;
import dev.accountd.store.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The accounts of a SQL store. The SQL here is shared by SQLite and PostgreSQL. */
public final class JdbcAccountStore implements AccountStore {

    private static final String SELECT = """
            SELECT a.id, a.sid, a.main_sid, a.friendly_name, a.status, m.status AS main_status, a.type,
                   a.auth_token, a.date_created, a.date_updated, a.date_closed
            FROM accounts a JOIN accounts m ON m.sid = a.main_sid
            """;

    private static final String FIND_BY_SID = SELECT + " WHERE a.sid = ?";

    private final Database db;
    private final SecretBox secrets;
    /** Tokens already decrypted, by account, with the ciphertext they came from: AES-GCM once per token, not per read. */
    private final ConcurrentHashMap<String, Opened> opened = new ConcurrentHashMap<>();

    private record Opened(byte[] sealed, AuthToken token) {}

    public JdbcAccountStore(Database db, SecretBox secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /** An account row and its position in creation order. */
    private record Row(long id, Account account) {}

    @Override
    public Account insertMain(String sid, String friendlyName, AuthToken token, Instant now, int subaccountLimit) {
        return db.writer().inTransaction(h -> {
            insertRow(h, sid, sid, friendlyName, token, now);
            h.createUpdate("INSERT INTO main_accounts (sid, subaccount_limit) VALUES (:sid, :limit)")
                    .bind("sid", sid).bind("limit", subaccountLimit).execute();
            return findIn(h, sid).orElseThrow();
        });
    }

    @Override
    public Optional<Account> insertSubaccount(String mainSid, String sid, String friendlyName, AuthToken token, Instant now) {
        return db.writer().inTransaction(h -> {
            // The guarded increment is the limit check: it takes the main's row lock, so concurrent creates
            // (on any node, once several share a database) cannot both pass the last free place.
            int reserved = h.createUpdate("""
                    UPDATE main_accounts SET live_subaccounts = live_subaccounts + 1
                    WHERE sid = :main AND live_subaccounts < subaccount_limit""")
                    .bind("main", mainSid).execute();
            if (reserved == 0) return Optional.empty();
            insertRow(h, sid, mainSid, friendlyName, token, now);
            return findIn(h, sid);
        });
    }

    private void insertRow(Handle h, String sid, String mainSid, String friendlyName, AuthToken token, Instant now) {
        h.createUpdate("""
                INSERT INTO accounts (sid, main_sid, friendly_name, status, type, auth_token, date_created, date_updated)
                VALUES (:sid, :main, :name, 'active', :type, :token, :now, :now)""")
                .bind("sid", sid).bind("main", mainSid).bind("name", friendlyName)
                .bind("type", AccountType.FULL.wire())
                .bind("token", secrets.seal(token.value(), sid))
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /**
     * The hot path of every authenticated fetch: one indexed lookup in plain JDBC, without the per-call
     * bookkeeping of a Jdbi handle.
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

    @Override
    public Slice<Account> list(Listing listing, PageRequest page) {
        boolean backward = page.before().isPresent();
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE a.main_sid = :main");
        listing.onlySid().ifPresent(s -> sql.append(" AND a.sid = :only"));
        listing.friendlyName().ifPresent(s -> sql.append(" AND a.friendly_name = :name"));
        listing.status().ifPresent(s -> sql.append(" AND a.status = :status"));
        page.after().ifPresent(p -> sql.append(" AND a.id > :after"));
        page.before().ifPresent(p -> sql.append(" AND a.id < :before"));
        sql.append(backward ? " ORDER BY a.id DESC" : " ORDER BY a.id ASC").append(" LIMIT :limit");

        List<Row> rows = db.reader().withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("main", listing.mainSid()).bind("limit", page.pageSize() + 1);
            listing.onlySid().ifPresent(s -> q.bind("only", s));
            listing.friendlyName().ifPresent(s -> q.bind("name", s));
            listing.status().ifPresent(s -> q.bind("status", s.wire()));
            page.after().ifPresent(p -> q.bind("after", p));
            page.before().ifPresent(p -> q.bind("before", p));
            return q.map((rs, ctx) -> row(rs)).list();
        });
        boolean more = rows.size() > page.pageSize();
        List<Row> kept = new ArrayList<>(more ? rows.subList(0, page.pageSize()) : rows);
        if (backward) Collections.reverse(kept);
        List<Account> items = kept.stream().map(Row::account).toList();
        List<Long> positions = kept.stream().map(Row::id).toList();
        return backward
                ? new Slice<>(items, positions, true, more)
                : new Slice<>(items, positions, more, page.after().isPresent());
    }

    @Override
    public UpdateResult update(String sid, Change change, Instant now) {
        return db.writer().inTransaction(h -> {
            Optional<Account> current = findIn(h, sid);
            if (current.isEmpty()) return new UpdateResult.NotFound();
            Account before = current.get();
            if (before.status() == AccountStatus.CLOSED) return new UpdateResult.Closed();
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
            if (status != before.status()) bumpEpoch(h);
            return new UpdateResult.Updated(findIn(h, sid).orElseThrow());
        });
    }

    @Override
    public Optional<Account> setMainStatus(String mainSid, AccountStatus status, Instant now) {
        return db.writer().inTransaction(h -> {
            int changed = h.createUpdate("""
                    UPDATE accounts SET status = :status, date_updated = :now
                    WHERE sid = :sid AND main_sid = sid AND status <> 'closed'""")
                    .bind("status", status.wire()).bind("now", now.toEpochMilli()).bind("sid", mainSid).execute();
            if (changed > 0) bumpEpoch(h);
            return findIn(h, mainSid).filter(Account::isMain);
        });
    }

    private static void bumpEpoch(Handle h) {
        h.createUpdate("UPDATE change_epoch SET epoch = epoch + 1 WHERE id = 1").execute();
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
        return db.writer().inTransaction(h -> h.createUpdate("""
                DELETE FROM accounts WHERE id IN (
                    SELECT a.id FROM accounts a JOIN main_accounts m ON m.sid = a.main_sid
                    WHERE a.date_closed IS NOT NULL AND a.date_closed < :cutoff
                      AND a.sid <> a.main_sid AND m.auto_delete_closed = 1
                    ORDER BY a.date_closed LIMIT :batch)""")
                .bind("cutoff", cutoff.toEpochMilli()).bind("batch", batch).execute());
    }

    @Override
    public boolean hasAnyAccount() {
        return db.reader().withHandle(h -> h.createQuery("SELECT 1 FROM accounts LIMIT 1").mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public long changeEpoch() {
        return db.reader().withHandle(h -> h.createQuery("SELECT epoch FROM change_epoch WHERE id = 1").mapTo(Long.class).one());
    }

    private AuthToken token(String sid, byte[] sealed) {
        Opened known = opened.get(sid);
        if (known != null && Arrays.equals(known.sealed(), sealed)) return known.token();
        AuthToken token = new AuthToken(secrets.open(sealed, sid));
        if (opened.size() > 200_000) opened.clear(); // bounded; a miss only costs one decryption
        opened.put(sid, new Opened(sealed, token));
        return token;
    }

    private Row row(ResultSet rs) throws SQLException {
        String sid = rs.getString("sid");
        long closed = rs.getLong("date_closed");
        Optional<Instant> dateClosed = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closed));
        Account account = new Account(
                sid,
                rs.getString("main_sid"),
                rs.getString("friendly_name"),
                AccountStatus.fromWire(rs.getString("status")).orElseThrow(),
                AccountStatus.fromWire(rs.getString("main_status")).orElseThrow(),
                AccountType.fromWire(rs.getString("type")),
                token(sid, rs.getBytes("auth_token")),
                Instant.ofEpochMilli(rs.getLong("date_created")),
                Instant.ofEpochMilli(rs.getLong("date_updated")),
                dateClosed);
        return new Row(rs.getLong("id"), account);
    }
}
