package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Media;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageFilter;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.Audit;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.MessageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Messages in a SQL store. */
public final class JdbcMessageStore implements MessageStore {
    private static final String COLUMNS = """
            m.id, m.sid, m.account_sid, m.main_sid, m.direction, m.from_number, m.to_number, m.body, m.num_segments,
            m.num_media, m.status, m.outcome, m.error_code, m.category, m.segment_price_micros, m.currency, m.price_micros,
            m.status_callback, m.date_created, m.date_updated, m.date_sent, m.next_step, m.messaging_service_sid""";

    private final Database db;

    public JdbcMessageStore(Database db) { this.db = db; }

    private record Row(long id, Message message) {}

    @Override
    public Created insert(Message m, List<Media> media, Optional<LedgerStore.Posting> charge, List<dev.accountd.domain.Callback> callbacks,
                          Audit<LedgerEntry> charged) {
        return db.writer().inTransaction(h -> {
            // holding the owner's row orders this message against a suspension or close committed meanwhile
            if (JdbcAccountStore.actingStatus(h, db.dialect(), m.accountSid()) != AccountStatus.ACTIVE) return new Created.AccountNotActive();
            // a scheduled message spends in its SendAt's period, and is checked then (see sendable)
            if (m.direction() == Message.Direction.OUTBOUND_API && m.outcome() != Message.Status.FAILED && m.status() != Message.Status.SCHEDULED) {
                Optional<String> over = JdbcSpendingLimitStore.overLimitIn(h, db, m.accountSid(), m.mainSid(),
                        m.segmentPrice().times(m.numSegments()).micros(), m.dateCreated());
                if (over.isPresent()) return new Created.OverLimit(over.get());
            }
            h.createUpdate("""
                            INSERT INTO messages (sid, account_sid, main_sid, direction, from_number, to_number, body, num_segments,
                                                  num_media, status, outcome, error_code, category, segment_price_micros, currency,
                                                  price_micros, status_callback, date_created, date_updated, date_sent, next_step,
                                                  messaging_service_sid)
                            VALUES (:sid, :account, :main, :direction, :from, :to, :body, :segments, :media, :status, :outcome, :error,
                                    :category, :segmentPrice, :currency, :price, :callback, :created, :updated, :sent, :next, :service)""")
                    .bind("sid", m.sid()).bind("account", m.accountSid()).bind("main", m.mainSid())
                    .bind("direction", m.direction().wire()).bind("from", m.from()).bind("to", m.to()).bind("body", m.body())
                    .bind("segments", m.numSegments()).bind("media", m.numMedia()).bind("status", m.status().wire())
                    .bind("outcome", m.outcome().wire()).bind("error", m.errorCode().orElse(null)).bind("category", m.category())
                    .bind("segmentPrice", m.segmentPrice().micros()).bind("currency", m.segmentPrice().currency())
                    .bind("price", m.price().map(Money::micros).orElse(null)).bind("callback", m.statusCallback().orElse(null))
                    .bind("created", m.dateCreated().toEpochMilli()).bind("updated", m.dateUpdated().toEpochMilli())
                    .bind("sent", m.dateSent().map(Instant::toEpochMilli).orElse(null))
                    .bind("next", m.nextStep().map(Instant::toEpochMilli).orElse(null))
                    .bind("service", m.messagingServiceSid().orElse(null))
                    .execute();
            if (!media.isEmpty()) {
                PreparedBatch files = h.prepareBatch("INSERT INTO message_media (sid, account_sid, message_sid, content_type, url, date_created,"
                        + " date_updated) VALUES (:sid, :account, :message, :type, :url, :created, :updated)");
                for (Media f : media) {
                    files.bind("sid", f.sid()).bind("account", f.accountSid()).bind("message", f.messageSid()).bind("type", f.contentType())
                            .bind("url", f.url()).bind("created", f.dateCreated().toEpochMilli()).bind("updated", f.dateUpdated().toEpochMilli())
                            .add();
                }
                files.execute();
            }
            JdbcActivityStore.touchIn(h, m.accountSid(), m.mainSid(), m.dateCreated());
            charge.ifPresent(p -> JdbcLedgerStore.postAllIn(h, db, List.of(p), charged));
            JdbcOutboxStore.enqueueIn(h, callbacks);
            return new Created.Stored(m);
        });
    }

    @Override
    public Optional<Message> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, sid));
    }

    private static Optional<Message> findIn(Handle h, String accountSid, String sid) {
        return h.createQuery("SELECT " + COLUMNS + " FROM messages m WHERE m.sid = :sid AND m.account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).message()).findOne();
    }

    @Override
    public Slice<Message> list(String accountSid, MessageFilter filter, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("m.account_sid = :account"));
        filter.to().ifPresent(v -> conditions.add("m.to_number = :to"));
        filter.from().ifPresent(v -> conditions.add("m.from_number = :from"));
        filter.sentFrom().ifPresent(v -> conditions.add("m.date_sent >= :sentFrom"));
        filter.sentBefore().ifPresent(v -> conditions.add("m.date_sent < :sentBefore"));
        Consumer<Query> binder = q -> {
            q.bind("account", accountSid);
            filter.to().ifPresent(v -> q.bind("to", v));
            filter.from().ifPresent(v -> q.bind("from", v));
            filter.sentFrom().ifPresent(v -> q.bind("sentFrom", v.toEpochMilli()));
            filter.sentBefore().ifPresent(v -> q.bind("sentBefore", v.toEpochMilli()));
        };
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM messages m", conditions,
                new Pages.Order(List.of("m.account_sid"), "m.id", true), page, binder, (rs, ctx) -> row(rs), Row::id, Row::message);
    }

    @Override
    public Optional<Message> redact(String accountSid, String sid, Instant now) {
        return db.writer().inTransaction(h -> {
            int changed = h.createUpdate("UPDATE messages SET body = '', date_updated = :now WHERE sid = :sid AND account_sid = :account")
                    .bind("now", now.toEpochMilli()).bind("sid", sid).bind("account", accountSid).execute();
            return changed == 0 ? Optional.<Message>empty() : findIn(h, accountSid, sid);
        });
    }

    @Override
    public Optional<Message> cancel(Message scheduled, Instant now, List<dev.accountd.domain.Callback> callbacks) {
        return db.writer().inTransaction(h -> {
            int changed = h.createUpdate("""
                            UPDATE messages SET status = :canceled, next_step = NULL, date_updated = :now
                            WHERE sid = :sid AND account_sid = :account AND status = :scheduled""")
                    .bind("canceled", Message.Status.CANCELED.wire()).bind("scheduled", Message.Status.SCHEDULED.wire())
                    .bind("now", now.toEpochMilli()).bind("sid", scheduled.sid()).bind("account", scheduled.accountSid()).execute();
            if (changed == 0) return Optional.<Message>empty();
            JdbcOutboxStore.enqueueIn(h, callbacks);
            return findIn(h, scheduled.accountSid(), scheduled.sid());
        });
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return db.writer().inTransaction(h -> {
            int deleted = h.createUpdate("DELETE FROM messages WHERE sid = :sid AND account_sid = :account")
                    .bind("sid", sid).bind("account", accountSid).execute();
            if (deleted > 0) h.createUpdate("DELETE FROM message_media WHERE message_sid = :sid").bind("sid", sid).execute();
            return deleted > 0;
        });
    }

    private static final String MEDIA_COLUMNS = "f.id, f.sid, f.account_sid, f.message_sid, f.content_type, f.url, f.date_created, f.date_updated";

    private record MediaRow(long id, Media media) {}

    private static MediaRow mediaRow(ResultSet rs) throws SQLException {
        return new MediaRow(rs.getLong("id"), new Media(rs.getString("sid"), rs.getString("account_sid"), rs.getString("message_sid"),
                rs.getString("content_type"), rs.getString("url"), Instant.ofEpochMilli(rs.getLong("date_created")),
                Instant.ofEpochMilli(rs.getLong("date_updated"))));
    }

    @Override
    public Slice<Media> media(String accountSid, String messageSid, Optional<Instant> from, Optional<Instant> before, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("f.message_sid = :message", "f.account_sid = :account"));
        from.ifPresent(v -> conditions.add("f.date_created >= :from"));
        before.ifPresent(v -> conditions.add("f.date_created < :before"));
        Consumer<Query> binder = q -> {
            q.bind("message", messageSid).bind("account", accountSid);
            from.ifPresent(v -> q.bind("from", v.toEpochMilli()));
            before.ifPresent(v -> q.bind("before", v.toEpochMilli()));
        };
        return Pages.read(db.reader(), "SELECT " + MEDIA_COLUMNS + " FROM message_media f", conditions,
                new Pages.Order(List.of("f.message_sid"), "f.id", false), page, binder, (rs, ctx) -> mediaRow(rs), MediaRow::id, MediaRow::media);
    }

    @Override
    public Optional<Media> medium(String accountSid, String messageSid, String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + MEDIA_COLUMNS + " FROM message_media f"
                        + " WHERE f.sid = :sid AND f.message_sid = :message AND f.account_sid = :account")
                .bind("sid", sid).bind("message", messageSid).bind("account", accountSid).map((rs, ctx) -> mediaRow(rs).media()).findOne());
    }

    @Override
    public boolean deleteMedium(String accountSid, String messageSid, String sid) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM message_media WHERE sid = :sid AND message_sid = :message AND account_sid = :account")
                .bind("sid", sid).bind("message", messageSid).bind("account", accountSid).execute()) > 0;
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", a.status AS own_status, p.status AS main_status"
                        + " FROM messages m JOIN accounts a ON a.sid = m.account_sid JOIN accounts p ON p.sid = m.main_sid"
                        + " WHERE m.next_step <= :now ORDER BY m.next_step, m.id LIMIT :limit")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> {
                    AccountStatus own = AccountStatus.fromWire(rs.getString("own_status")).orElseThrow();
                    AccountStatus main = AccountStatus.fromWire(rs.getString("main_status")).orElseThrow();
                    return new Due(row(rs).message(), own == AccountStatus.ACTIVE && main != AccountStatus.ACTIVE ? AccountStatus.SUSPENDED : own);
                })
                .list());
    }

    @Override
    public int advance(List<Step> steps, Audit<LedgerEntry> charged) {
        if (steps.isEmpty()) return 0;
        return db.writer().inTransaction(h -> {
            List<LedgerStore.Posting> charges = new ArrayList<>();
            List<dev.accountd.domain.Callback> callbacks = new ArrayList<>();
            int written = 0;
            // compare-and-set on the status each step starts from: a step is taken once, and a deleted message takes none
            List<Step> taken = sendable(h, steps);
            PreparedBatch moves = h.prepareBatch("""
                    UPDATE messages SET status = :status, error_code = :error, price_micros = :price, date_sent = :sent,
                                        date_updated = :updated, next_step = :next, from_number = :from, category = :category,
                                        segment_price_micros = :segmentPrice
                    WHERE sid = :sid AND status = :before""");
            for (Step st : taken) {
                Message a = st.after();
                moves.bind("status", a.status().wire()).bind("error", a.errorCode().orElse(null))
                        .bind("price", a.price().map(Money::micros).orElse(null))
                        .bind("sent", a.dateSent().map(Instant::toEpochMilli).orElse(null))
                        .bind("updated", a.dateUpdated().toEpochMilli()).bind("next", a.nextStep().map(Instant::toEpochMilli).orElse(null))
                        // a scheduled message may go from another sender than the one chosen at its creation
                        .bind("from", a.from()).bind("category", a.category()).bind("segmentPrice", a.segmentPrice().micros())
                        .bind("sid", st.before().sid()).bind("before", st.before().status().wire()).add();
            }
            int[] changed = moves.execute();
            for (int i = 0; i < taken.size(); i++) {
                if (changed[i] == 0) continue;
                Step st = taken.get(i);
                written++;
                st.charge().ifPresent(charges::add);
                callbacks.addAll(st.callbacks());
            }
            if (!charges.isEmpty()) JdbcLedgerStore.postAllIn(h, db, charges, charged);
            JdbcOutboxStore.enqueueIn(h, callbacks);
            return written;
        });
    }

    /**
     * The steps as they may be taken: a scheduled message whose SendAt came is refused (its refusal step instead) if its
     * sender is no longer its account's or it would take the account past a blocking spending limit, checked here,
     * in the writer, as a message being created is.
     */
    private List<Step> sendable(Handle h, List<Step> steps) {
        List<Step> checked = new ArrayList<>(steps.size());
        // the scheduled messages of this batch let through so far, by family: still 'scheduled' in the table, so not
        // yet counted as committed spend (counted for the whole family: a limit on one account may refuse early, never late)
        java.util.Map<String, Long> letThrough = new java.util.HashMap<>();
        // the limit checks may hold families' balance rows: taken here in SID order, as every holder of several takes them
        new java.util.TreeSet<>(steps.stream().filter(st -> st.refusal().isPresent()).map(st -> st.before().mainSid()).toList())
                .forEach(main -> JdbcLedgerStore.lockedBalance(h, db, main));
        for (Step st : steps) {
            Message m = st.before();
            if (st.refusal().isEmpty()) { // only a scheduled message has one
                checked.add(st);
                continue;
            }
            boolean owned = h.createQuery("SELECT COUNT(*) FROM phone_numbers WHERE phone_number = :from AND account_sid = :account")
                    .bind("from", m.from()).bind("account", m.accountSid()).mapTo(Integer.class).one() > 0;
            if (!owned) {
                checked.add(st.refusal().get().apply(SENDER_GONE));
                continue;
            }
            Instant sendAt = m.nextStep().orElse(st.after().dateUpdated());
            long cost = m.outcome() == Message.Status.FAILED ? 0 : m.segmentPrice().times(m.numSegments()).micros();
            long before = letThrough.getOrDefault(m.mainSid(), 0L);
            boolean over = cost > 0 && JdbcSpendingLimitStore.overLimitIn(h, db, m.accountSid(), m.mainSid(), before + cost, sendAt).isPresent();
            if (over) {
                checked.add(st.refusal().get().apply(OVER_SPENDING_LIMIT));
            } else {
                letThrough.put(m.mainSid(), before + cost);
                checked.add(st);
            }
        }
        return checked;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        long price = rs.getLong("price_micros");
        Optional<Money> priced = rs.wasNull() ? Optional.empty() : Optional.of(new Money(price, currency));
        int error = rs.getInt("error_code");
        Optional<Integer> errorCode = rs.wasNull() ? Optional.empty() : Optional.of(error);
        long sent = rs.getLong("date_sent");
        Optional<Instant> dateSent = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent));
        long next = rs.getLong("next_step");
        Optional<Instant> nextStep = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
        return new Row(rs.getLong("id"), new Message(rs.getString("sid"), rs.getString("account_sid"), rs.getString("main_sid"),
                Message.Direction.fromWire(rs.getString("direction")), rs.getString("from_number"), rs.getString("to_number"),
                rs.getString("body"), rs.getInt("num_segments"), rs.getInt("num_media"), Message.Status.fromWire(rs.getString("status")),
                Message.Status.fromWire(rs.getString("outcome")), errorCode, rs.getString("category"),
                new Money(rs.getLong("segment_price_micros"), currency), priced, Optional.ofNullable(rs.getString("status_callback")),
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated")), dateSent, nextStep,
                Optional.ofNullable(rs.getString("messaging_service_sid"))));
    }
}
