package dev.accountd.store.jdbc;

import dev.accountd.domain.Callback;
import dev.accountd.json.Json;
import dev.accountd.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The outbox in a SQL store: rows written inside the transactions of the changes they report. */
public final class JdbcOutboxStore implements OutboxStore {
    private final Database db;

    public JdbcOutboxStore(Database db) { this.db = db; }

    /**
     * Adds deliveries inside another store's transaction, due at once. Deliveries are made in real time, whatever
     * accountd's clock says: a test that moves the manual clock a month does not wait a month for its callbacks.
     */
    static void enqueueIn(Handle h, List<Callback> callbacks) {
        if (callbacks.isEmpty()) return;
        long now = System.currentTimeMillis();
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO outbox (signer_sid, resource_sid, method, url, params, attempts, max_attempts, next_attempt, date_created, json_body)
                VALUES (:signer, :resource, :method, :url, :params, 0, :max, :next, :created, :body)""");
        for (Callback c : callbacks) {
            Map<String, String> params = new LinkedHashMap<>();
            c.params().forEach(p -> params.put(p.getKey(), p.getValue()));
            batch.bind("signer", c.signerSid()).bind("resource", c.resourceSid()).bind("method", c.method()).bind("url", c.url())
                    .bind("params", Json.write(params)).bind("max", c.maxAttempts()).bind("next", now).bind("created", now)
                    .bind("body", c.jsonBody().orElse(null)).add();
        }
        batch.execute();
    }

    @Override
    public List<Leased> lease(Instant now, Instant leaseUntil, int limit) {
        // PostgreSQL: rows another node is leasing are skipped rather than waited for; SQLite has one writer anyway
        // an idle poll (four a second) reads: on SQLite a write transaction would take the store's one write lock
        boolean anyDue = db.reader().withHandle(h -> h.createQuery("SELECT 1 FROM outbox WHERE next_attempt <= :now LIMIT 1")
                .bind("now", now.toEpochMilli()).mapTo(Integer.class).findOne().isPresent());
        if (!anyDue) return List.of();
        String skipLocked = db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return db.writer().inTransaction(h -> {
            List<Leased> leased = new ArrayList<>();
            h.createQuery("SELECT id, signer_sid, resource_sid, method, url, params, attempts, max_attempts, json_body FROM outbox"
                            + " WHERE next_attempt <= :now ORDER BY next_attempt LIMIT :limit" + skipLocked)
                    .bind("now", now.toEpochMilli()).bind("limit", limit)
                    .map((rs, ctx) -> new Leased(rs.getLong(1), new Callback(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), params(rs.getString(6)), rs.getInt(8), java.util.Optional.ofNullable(rs.getString(9))), rs.getInt(7)))
                    .forEach(leased::add);
            if (leased.isEmpty()) return leased;
            h.createUpdate("UPDATE outbox SET next_attempt = :until WHERE id IN (<ids>)")
                    .bind("until", leaseUntil.toEpochMilli()).bindList("ids", leased.stream().map(Leased::id).toList()).execute();
            return leased;
        });
    }

    private static List<Map.Entry<String, String>> params(String json) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        Json.readObject(json).forEach((k, v) -> params.add(Map.entry(k, String.valueOf(v))));
        return params;
    }

    @Override
    public void delivered(List<Long> ids) {
        if (ids.isEmpty()) return;
        db.writer().useHandle(h -> h.createUpdate("DELETE FROM outbox WHERE id IN (<ids>)").bindList("ids", ids).execute());
    }

    @Override
    public void failed(long id, int attempts, Instant next, String error) {
        db.writer().useHandle(h -> h.createUpdate("UPDATE outbox SET attempts = :attempts, next_attempt = :next, last_error = :error WHERE id = :id")
                .bind("attempts", attempts).bind("next", next == null ? null : next.toEpochMilli())
                .bind("error", error.length() > 500 ? error.substring(0, 500) : error).bind("id", id).execute());
    }

    @Override
    public long depth() {
        return db.reader().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE next_attempt IS NOT NULL").mapTo(Long.class).one());
    }
}
