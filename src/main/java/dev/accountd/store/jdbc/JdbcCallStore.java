package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Call;
import dev.accountd.domain.CallFilter;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.Audit;
import dev.accountd.store.CallStore;
import dev.accountd.store.LedgerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** Calls in a SQL store. */
public final class JdbcCallStore implements CallStore {
    private static final String COLUMNS = """
            c.id, c.sid, c.account_sid, c.main_sid, c.parent_call_sid, c.direction, c.from_number, c.to_number, c.phone_number_sid,
            c.status, c.outcome, c.talk_seconds, c.ring_seconds, c.category, c.minute_price_micros, c.currency, c.price_micros,
            c.duration, c.voice_url, c.voice_method, c.status_callback, c.callback_method, c.callback_events, c.sequence,
            c.date_created, c.date_updated, c.start_time, c.answer_time, c.end_time, c.next_step""";

    private final Database db;

    public JdbcCallStore(Database db) { this.db = db; }

    private record Row(long id, Call call) {}

    @Override
    public Inserted insert(Call c, List<Callback> callbacks) {
        return db.writer().inTransaction(h -> {
            // holding the owner's row orders this call against a suspension or close committed meanwhile
            if (JdbcAccountStore.actingStatus(h, db.dialect(), c.accountSid()) != AccountStatus.ACTIVE) return new Inserted.AccountNotActive();
            if (c.direction() == Call.Direction.OUTBOUND_API && c.outcome() == Call.Outcome.ANSWERED) {
                // what it will cost if it talks its whole time: a Status=completed can only make it cheaper
                long cost = c.minutePrice().times((c.talkSeconds() + 59) / 60).micros();
                java.util.Optional<String> over = JdbcSpendingLimitStore.overLimitIn(h, db, c.accountSid(), c.mainSid(), cost, c.dateCreated());
                if (over.isPresent()) return new Inserted.OverLimit(over.get());
            }
            bindState(h.createUpdate("""
                            INSERT INTO calls (sid, account_sid, main_sid, parent_call_sid, direction, from_number, to_number,
                                               phone_number_sid, status, outcome, talk_seconds, ring_seconds, category, minute_price_micros,
                                               currency, price_micros, duration, voice_url, voice_method, status_callback, callback_method,
                                               callback_events, sequence, date_created, date_updated, start_time, answer_time, end_time,
                                               next_step)
                            VALUES (:sid, :account, :main, :parent, :direction, :from, :to, :number, :status, :outcome, :talk, :ring,
                                    :category, :minutePrice, :currency, :price, :duration, :url, :method, :callback, :callbackMethod,
                                    :events, :sequence, :created, :updated, :start, :answer, :end, :next)"""), c)
                    .bind("account", c.accountSid()).bind("main", c.mainSid()).bind("parent", c.parentCallSid().orElse(null))
                    .bind("direction", c.direction().wire()).bind("from", c.from()).bind("to", c.to())
                    .bind("number", c.phoneNumberSid().orElse(null)).bind("outcome", c.outcome().wire()).bind("ring", c.ringSeconds())
                    .bind("category", c.category()).bind("minutePrice", c.minutePrice().micros()).bind("currency", c.minutePrice().currency())
                    .bind("callback", c.statusCallback().orElse(null)).bind("callbackMethod", c.callbackMethod())
                    .bind("events", String.join(" ", c.callbackEvents())).bind("created", c.dateCreated().toEpochMilli())
                    .execute();
            JdbcOutboxStore.enqueueIn(h, callbacks);
            JdbcActivityStore.touchIn(h, c.accountSid(), c.mainSid(), c.dateCreated());
            return new Inserted.Stored();
        });
    }

    /** Binds what a step may change, and the SID. */
    private static <S extends SqlStatement<S>> S bindState(S s, Call c) {
        return s.bind("sid", c.sid()).bind("status", c.status().wire()).bind("talk", c.talkSeconds())
                .bind("price", c.price().map(Money::micros).orElse(null)).bind("duration", c.duration().orElse(null))
                .bind("url", c.voiceUrl().orElse(null)).bind("method", c.voiceMethod()).bind("sequence", c.sequence())
                .bind("updated", c.dateUpdated().toEpochMilli()).bind("start", millis(c.startTime())).bind("answer", millis(c.answerTime()))
                .bind("end", millis(c.endTime())).bind("next", millis(c.nextStep()));
    }

    private static Long millis(Optional<Instant> t) { return t.map(Instant::toEpochMilli).orElse(null); }

    @Override
    public Optional<Call> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM calls c WHERE c.sid = :sid AND c.account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).call()).findOne());
    }

    @Override
    public Slice<Call> list(String accountSid, CallFilter filter, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("c.account_sid = :account"));
        filter.to().ifPresent(v -> conditions.add("c.to_number = :to"));
        filter.from().ifPresent(v -> conditions.add("c.from_number = :from"));
        filter.parentCallSid().ifPresent(v -> conditions.add("c.parent_call_sid = :parent"));
        filter.status().ifPresent(v -> conditions.add("c.status = :status"));
        filter.startFrom().ifPresent(v -> conditions.add("c.start_time >= :startFrom"));
        filter.startBefore().ifPresent(v -> conditions.add("c.start_time < :startBefore"));
        filter.endFrom().ifPresent(v -> conditions.add("c.end_time >= :endFrom"));
        filter.endBefore().ifPresent(v -> conditions.add("c.end_time < :endBefore"));
        Consumer<Query> binder = q -> {
            q.bind("account", accountSid);
            filter.to().ifPresent(v -> q.bind("to", v));
            filter.from().ifPresent(v -> q.bind("from", v));
            filter.parentCallSid().ifPresent(v -> q.bind("parent", v));
            filter.status().ifPresent(v -> q.bind("status", v.wire()));
            filter.startFrom().ifPresent(v -> q.bind("startFrom", v.toEpochMilli()));
            filter.startBefore().ifPresent(v -> q.bind("startBefore", v.toEpochMilli()));
            filter.endFrom().ifPresent(v -> q.bind("endFrom", v.toEpochMilli()));
            filter.endBefore().ifPresent(v -> q.bind("endBefore", v.toEpochMilli()));
        };
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM calls c", conditions,
                new Pages.Order(List.of("c.account_sid"), "c.id", true), page, binder, (rs, ctx) -> row(rs), Row::id, Row::call);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM calls WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).execute()) > 0;
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", a.status AS own_status, p.status AS main_status"
                        + " FROM calls c JOIN accounts a ON a.sid = c.account_sid JOIN accounts p ON p.sid = c.main_sid"
                        + " WHERE c.next_step <= :now ORDER BY c.next_step, c.id LIMIT :limit")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> {
                    AccountStatus own = AccountStatus.fromWire(rs.getString("own_status")).orElseThrow();
                    AccountStatus main = AccountStatus.fromWire(rs.getString("main_status")).orElseThrow();
                    return new Due(row(rs).call(), own == AccountStatus.ACTIVE && main != AccountStatus.ACTIVE ? AccountStatus.SUSPENDED : own);
                })
                .list());
    }

    @Override
    public List<Step> advance(List<Step> steps, Audit<LedgerEntry> charged) {
        if (steps.isEmpty()) return List.of();
        return db.writer().inTransaction(h -> {
            List<LedgerStore.Posting> charges = new ArrayList<>();
            List<Callback> callbacks = new ArrayList<>();
            List<Step> written = new ArrayList<>();
            // compare-and-set on the state each step starts from: a step is taken once, an update meanwhile wins
            PreparedBatch moves = h.prepareBatch("""
                    UPDATE calls SET status = :status, talk_seconds = :talk, price_micros = :price, duration = :duration,
                                     voice_url = :url, voice_method = :method, sequence = :sequence, date_updated = :updated,
                                     start_time = :start, answer_time = :answer, end_time = :end, next_step = :next
                    WHERE sid = :sid AND status = :before AND sequence = :beforeSequence AND talk_seconds = :beforeTalk""");
            for (Step s : steps) {
                bindState(moves, s.after()).bind("before", s.before().status().wire()).bind("beforeSequence", s.before().sequence())
                        .bind("beforeTalk", s.before().talkSeconds()).add();
            }
            int[] changed = moves.execute();
            for (int i = 0; i < steps.size(); i++) {
                if (changed[i] == 0) continue;
                Step s = steps.get(i);
                written.add(s);
                s.charge().ifPresent(charges::add);
                callbacks.addAll(s.callbacks());
            }
            if (!charges.isEmpty()) JdbcLedgerStore.postAllIn(h, db, charges, charged);
            JdbcOutboxStore.enqueueIn(h, callbacks);
            return written;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        String events = rs.getString("callback_events");
        return new Row(rs.getLong("id"), new Call(rs.getString("sid"), rs.getString("account_sid"), rs.getString("main_sid"),
                Optional.ofNullable(rs.getString("parent_call_sid")), Call.Direction.fromWire(rs.getString("direction")),
                rs.getString("from_number"), rs.getString("to_number"), Optional.ofNullable(rs.getString("phone_number_sid")),
                Call.Status.fromWire(rs.getString("status")).orElseThrow(), Call.Outcome.fromWire(rs.getString("outcome")).orElseThrow(),
                rs.getInt("talk_seconds"), rs.getInt("ring_seconds"), rs.getString("category"),
                new Money(rs.getLong("minute_price_micros"), currency), optionalLong(rs, "price_micros").map(p -> new Money(p, currency)),
                optionalLong(rs, "duration").map(Long::intValue), Optional.ofNullable(rs.getString("voice_url")), rs.getString("voice_method"),
                Optional.ofNullable(rs.getString("status_callback")), rs.getString("callback_method"),
                events.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(events.split(" "))), rs.getInt("sequence"),
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated")),
                optionalLong(rs, "start_time").map(Instant::ofEpochMilli), optionalLong(rs, "answer_time").map(Instant::ofEpochMilli),
                optionalLong(rs, "end_time").map(Instant::ofEpochMilli), optionalLong(rs, "next_step").map(Instant::ofEpochMilli)));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
