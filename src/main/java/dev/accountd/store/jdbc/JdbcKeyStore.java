package dev.accountd.store.jdbc;

import dev.accountd.domain.ApiKey;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import dev.accountd.store.KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** API keys and signing keys in a SQL store. */
public final class JdbcKeyStore implements KeyStore {
    private static final String COLUMNS = "id, sid, account_sid, kind, friendly_name, secret_hash, date_created, date_updated";
    private static final String FIND_FOR_AUTH = "SELECT " + COLUMNS + " FROM api_keys WHERE sid = ?";

    private final Database db;
    private final AccountStore accounts;

    public JdbcKeyStore(Database db, AccountStore accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    private record Row(long id, ApiKey key, byte[] secretHash) {}

    @Override
    public ApiKey insert(ApiKey key, byte[] secretHash, Audit<ApiKey> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), key.accountSid(), "create " + key.kind().resourceName());
            h.createUpdate("""
                    INSERT INTO api_keys (sid, account_sid, kind, friendly_name, secret_hash, date_created, date_updated)
                    VALUES (:sid, :account, :kind, :name, :hash, :created, :updated)""")
                    .bind("sid", key.sid()).bind("account", key.accountSid()).bind("kind", key.kind().stored())
                    .bind("name", key.friendlyName().orElse(null)).bind("hash", secretHash)
                    .bind("created", key.dateCreated().toEpochMilli()).bind("updated", key.dateUpdated().toEpochMilli())
                    .execute();
            ApiKey stored = findIn(h, key.accountSid(), key.kind(), key.sid()).orElseThrow();
            JdbcEvents.record(h, audit, null, stored);
            return stored;
        });
    }

    @Override
    public Optional<ApiKey> find(String accountSid, KeyKind kind, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, kind, sid));
    }

    private static Optional<ApiKey> findIn(Handle h, String accountSid, KeyKind kind, String sid) {
        return findIn(h, accountSid, kind, sid, "");
    }

    /** @param lock the dialect's row-lock suffix for a read that a write follows, or "" */
    private static Optional<ApiKey> findIn(Handle h, String accountSid, KeyKind kind, String sid, String lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE sid = :sid AND account_sid = :account AND kind = :kind" + lock)
                .bind("sid", sid).bind("account", accountSid).bind("kind", kind.stored())
                .map((rs, ctx) -> row(rs).key()).findOne();
    }

    @Override
    public Optional<KeyCredential> findForAuthentication(String sid) {
        try {
            Optional<Row> row = db.lookup(FIND_FOR_AUTH, ps -> ps.setString(1, sid),
                    rs -> rs.next() ? Optional.of(row(rs)) : Optional.<Row>empty());
            if (row.isEmpty()) return Optional.empty();
            return accounts.find(row.get().key().accountSid())
                    .map(owner -> new KeyCredential(row.get().key(), row.get().secretHash(), owner));
        } catch (SQLException e) {
            throw new IllegalStateException("reading key " + sid + " failed", e);
        }
    }

    @Override
    public Slice<ApiKey> list(String accountSid, KeyKind kind, PageRequest page) {
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM api_keys", List.of("account_sid = :account", "kind = :kind"),
                Pages.Order.oldestFirst("account_sid", "kind"), page, q -> q.bind("account", accountSid).bind("kind", kind.stored()),
                (rs, ctx) -> row(rs), Row::id, Row::key);
    }

    @Override
    public Optional<ApiKey> rename(String accountSid, KeyKind kind, String sid, Optional<String> friendlyName, Instant now, Audit<ApiKey> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), accountSid, "update " + kind.resourceName());
            Optional<ApiKey> before = findIn(h, accountSid, kind, sid, db.dialect().forUpdate());
            if (before.isEmpty()) return before;
            h.createUpdate("UPDATE api_keys SET friendly_name = :name, date_updated = :now WHERE sid = :sid")
                    .bind("name", friendlyName.orElse(null)).bind("now", now.toEpochMilli()).bind("sid", sid).execute();
            ApiKey after = findIn(h, accountSid, kind, sid).orElseThrow();
            JdbcEvents.record(h, audit, before.get(), after);
            return Optional.of(after);
        });
    }

    @Override
    public boolean delete(String accountSid, KeyKind kind, String sid, Audit<ApiKey> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), accountSid, "delete " + kind.resourceName());
            Optional<ApiKey> before = findIn(h, accountSid, kind, sid, db.dialect().forUpdate());
            if (before.isEmpty()) return false;
            h.createUpdate("DELETE FROM api_keys WHERE sid = :sid").bind("sid", sid).execute();
            db.recordChange(h, sid);
            JdbcEvents.record(h, audit, before.get(), null);
            return true;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        ApiKey key = new ApiKey(rs.getString("sid"), rs.getString("account_sid"), KeyKind.fromStored(rs.getString("kind")),
                Optional.ofNullable(rs.getString("friendly_name")),
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated")));
        return new Row(rs.getLong("id"), key, rs.getBytes("secret_hash"));
    }
}
