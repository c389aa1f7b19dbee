package dev.accountd.store.jdbc;

import dev.accountd.domain.Event;
import dev.accountd.domain.EventQuery;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.EventStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit trail in a SQL store, newest first. */
public final class JdbcEventStore implements EventStore {
    private static final String COLUMNS = """
            id, sid, account_sid, main_sid, actor_sid, actor_type, description, event_data, event_date, event_type,
            resource_sid, resource_type, source, source_ip_address""";

    private final Database db;

    public JdbcEventStore(Database db) { this.db = db; }

    private record Row(long id, Event event) {}

    @Override
    public Optional<Event> find(String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM events WHERE sid = :sid")
                .bind("sid", sid).map((rs, ctx) -> row(rs).event()).findOne());
    }

    @Override
    public Slice<Event> list(EventQuery query, PageRequest page) {
        String scope = query.mainSid().isPresent() ? "main_sid" : "account_sid";
        List<String> conditions = new ArrayList<>(List.of(scope + " = :scope"));
        query.actorSid().ifPresent(v -> conditions.add("actor_sid = :actor"));
        query.eventType().ifPresent(v -> conditions.add("event_type = :type"));
        query.resourceSid().ifPresent(v -> conditions.add("resource_sid = :resource"));
        query.sourceIpAddress().ifPresent(v -> conditions.add("source_ip_address = :ip"));
        query.startDate().ifPresent(v -> conditions.add("event_date >= :start"));
        query.endDate().ifPresent(v -> conditions.add("event_date <= :end"));
        // Newest first; the scope column leads the order so that both engines walk the (scope, id) index.
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM events", conditions, new Pages.Order(List.of(scope), "id", true),
                page, q -> {
                    q.bind("scope", query.mainSid().orElse(query.accountSid()));
                    query.actorSid().ifPresent(v -> q.bind("actor", v));
                    query.eventType().ifPresent(v -> q.bind("type", v));
                    query.resourceSid().ifPresent(v -> q.bind("resource", v));
                    query.sourceIpAddress().ifPresent(v -> q.bind("ip", v));
                    query.startDate().ifPresent(v -> q.bind("start", v.toEpochMilli()));
                    query.endDate().ifPresent(v -> q.bind("end", v.toEpochMilli()));
                }, (rs, ctx) -> row(rs), Row::id, Row::event);
    }

    @Override
    public int deleteBefore(Instant cutoff, int batch) {
        return db.writer().inTransactionAlone(h -> h.createUpdate("""
                DELETE FROM events WHERE id IN (SELECT id FROM events WHERE event_date < :cutoff ORDER BY event_date LIMIT :batch)""")
                .bind("cutoff", cutoff.toEpochMilli()).bind("batch", batch).execute());
    }

    private static Row row(ResultSet rs) throws SQLException {
        Event e = new Event(rs.getString("sid"), rs.getString("account_sid"), rs.getString("main_sid"),
                Optional.ofNullable(rs.getString("actor_sid")), rs.getString("actor_type"),
                Optional.ofNullable(rs.getString("description")), JdbcEvents.read(rs.getString("event_data")),
                Instant.ofEpochMilli(rs.getLong("event_date")), rs.getString("event_type"),
                rs.getString("resource_sid"), rs.getString("resource_type"), rs.getString("source"),
                Optional.ofNullable(rs.getString("source_ip_address")));
        return new Row(rs.getLong("id"), e);
    }
}
