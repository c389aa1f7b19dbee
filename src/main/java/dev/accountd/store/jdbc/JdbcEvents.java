package dev.accountd.store.jdbc;

import dev.accountd.domain.Event;
import dev.accountd.json.Json;
import dev.accountd.store.Audit;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Writes audit events inside the transaction of the change they record. */
final class JdbcEvents {
    private JdbcEvents() {}

    static <T> void record(Handle h, Audit<T> audit, T before, T after) {
        audit.of(before, after).ifPresent(e -> insert(h, e));
    }

    private static final String INSERT = """
            INSERT INTO events (sid, account_sid, main_sid, actor_sid, actor_type, description, event_data, event_date,
                                event_type, resource_sid, resource_type, source, source_ip_address)
            VALUES (:sid, :account, :main, :actor, :actorType, :description, :data, :date, :type, :resource,
                    :resourceType, :source, :ip)""";

    /** Many events in one batch (bulk operations). */
    static void insertAll(Handle h, java.util.List<Event> events) {
        if (events.isEmpty()) return;
        org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(INSERT);
        for (Event e : events) bind(batch, e).add();
        batch.execute();
        JdbcEventWebhookStore.deliverIn(h, events);
    }

    static void insert(Handle h, Event e) {
        bind(h.createUpdate(INSERT), e).execute();
        JdbcEventWebhookStore.deliverIn(h, java.util.List.of(e));
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S statement, Event e) {
        return statement.bind("sid", e.sid()).bind("account", e.accountSid()).bind("main", e.mainSid())
                .bind("actor", e.actorSid().orElse(null)).bind("actorType", e.actorType())
                .bind("description", e.description().orElse(null)).bind("data", write(e.eventData()))
                .bind("date", e.eventDate().toEpochMilli()).bind("type", e.eventType())
                .bind("resource", e.resourceSid()).bind("resourceType", e.resourceType())
                .bind("source", e.source()).bind("ip", e.sourceIpAddress().orElse(null));
    }

    static String write(Map<String, Object> data) {
        return Json.write(data);
    }

    static Map<String, Object> read(String json) {
        return Json.readObject(json);
    }
}
