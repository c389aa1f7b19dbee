package dev.accountd.store.jdbc;

import dev.accountd.domain.ConsoleSession;
import dev.accountd.store.ConsoleSessionStore;
import java.time.Instant;
import java.util.Optional;

/** Console sessions in a SQL store: one row each, read by primary key on every console request. */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {
    private final Database db;

    public JdbcConsoleSessionStore(Database db) { this.db = db; }

    @Override
    public void insert(String idHash, ConsoleSession s) {
        db.writer().useHandle(h -> h.createUpdate("""
                INSERT INTO console_sessions (id_hash, account_sid, credential_sid, api_key, token_hash, acting_sid, csrf_token, created_at, last_seen_at)
                VALUES (:id, :account, :credential, :apiKey, :tokenHash, :acting, :csrf, :created, :seen)""")
                .bind("id", idHash).bind("account", s.accountSid()).bind("credential", s.credentialSid()).bind("apiKey", s.apiKey() ? 1 : 0).bind("tokenHash", s.tokenHash().orElse(null))
                .bind("acting", s.actingSid()).bind("csrf", s.csrfToken()).bind("created", s.created().toEpochMilli())
                .bind("seen", s.lastSeen().toEpochMilli()).execute());
    }

    @Override
    public Optional<ConsoleSession> find(String idHash) {
        return db.reader().withHandle(h -> h.createQuery("""
                SELECT account_sid, credential_sid, api_key, token_hash, acting_sid, csrf_token, created_at, last_seen_at
                FROM console_sessions WHERE id_hash = :id""").bind("id", idHash)
                .map((rs, ctx) -> new ConsoleSession(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                        java.util.Optional.ofNullable(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8))))
                .findOne());
    }

    @Override
    public void touch(String idHash, Instant lastSeen) {
        db.writer().useHandle(h -> h.createUpdate("UPDATE console_sessions SET last_seen_at = :seen WHERE id_hash = :id")
                .bind("seen", lastSeen.toEpochMilli()).bind("id", idHash).execute());
    }

    @Override
    public void actAs(String idHash, String actingSid) {
        db.writer().useHandle(h -> h.createUpdate("UPDATE console_sessions SET acting_sid = :acting WHERE id_hash = :id")
                .bind("acting", actingSid).bind("id", idHash).execute());
    }

    @Override
    public void delete(String idHash) {
        db.writer().useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    @Override
    public int deleteIdleSince(Instant cutoff) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE last_seen_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli()).execute());
    }
}
