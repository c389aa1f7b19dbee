package dev.accountd.store.jdbc;

import dev.accountd.domain.Callback;
import dev.accountd.domain.Event;
import dev.accountd.domain.EventWebhook;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.json.EventViews;
import dev.accountd.json.Json;
import dev.accountd.store.EventWebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Event webhooks in a SQL store, and the deliveries of each event, enqueued in the event's own transaction. */
public final class JdbcEventWebhookStore implements EventWebhookStore {
    private static final String COLUMNS = "id, sid, main_sid, url, event_types, date_created";

    private final Database db;

    public JdbcEventWebhookStore(Database db) { this.db = db; }

    private record Row(long id, EventWebhook webhook) {}

    @Override
    public boolean insert(EventWebhook w) {
        return db.writer().inTransaction(h -> {
            int held = h.createQuery("SELECT COUNT(*) FROM event_webhooks WHERE main_sid = :main").bind("main", w.mainSid()).mapTo(Integer.class).one();
            if (held >= EventWebhook.MAX_PER_FAMILY) return false;
            h.createUpdate("INSERT INTO event_webhooks (sid, main_sid, url, event_types, date_created) VALUES (:sid, :main, :url, :types, :created)")
                    .bind("sid", w.sid()).bind("main", w.mainSid()).bind("url", w.url()).bind("types", String.join(" ", w.eventTypes().stream().sorted().toList()))
                    .bind("created", w.dateCreated().toEpochMilli()).execute();
            return true;
        });
    }

    @Override
    public Optional<EventWebhook> find(String mainSid, String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM event_webhooks WHERE sid = :sid AND main_sid = :main")
                .bind("sid", sid).bind("main", mainSid).map((rs, ctx) -> row(rs).webhook()).findOne());
    }

    @Override
    public Slice<EventWebhook> list(String mainSid, PageRequest page) {
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM event_webhooks", List.of("main_sid = :main"), Pages.Order.oldestFirst("main_sid"),
                page, q -> q.bind("main", mainSid), (rs, ctx) -> row(rs), Row::id, Row::webhook);
    }

    @Override
    public boolean delete(String mainSid, String sid) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM event_webhooks WHERE sid = :sid AND main_sid = :main")
                .bind("sid", sid).bind("main", mainSid).execute()) == 1;
    }

    /**
     * Enqueues every subscription's delivery of these events, in the transaction that records them: one lookup of each
     * family's subscriptions (usually none).
     */
    static void deliverIn(Handle h, List<Event> events) {
        if (events.isEmpty()) return;
        Map<String, List<EventWebhook>> byFamily = new HashMap<>();
        List<Callback> deliveries = new ArrayList<>();
        for (Event e : events) {
            List<EventWebhook> hooks = byFamily.computeIfAbsent(e.mainSid(), main -> h.createQuery("SELECT " + COLUMNS + " FROM event_webhooks WHERE main_sid = :main")
                    .bind("main", main).map((rs, ctx) -> row(rs).webhook()).list());
            for (EventWebhook w : hooks) {
                if (w.receives(e.eventType())) {
                    deliveries.add(Callback.json(e.mainSid(), e.sid(), w.url(), Json.write(EventViews.view(e, null, null)), Callback.RETRIED));
                }
            }
        }
        JdbcOutboxStore.enqueueIn(h, deliveries);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), new EventWebhook(rs.getString("sid"), rs.getString("main_sid"), rs.getString("url"),
                new LinkedHashSet<>(Arrays.asList(rs.getString("event_types").split(" "))), Instant.ofEpochMilli(rs.getLong("date_created"))));
    }
}
