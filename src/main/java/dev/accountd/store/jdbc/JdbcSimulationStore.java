package dev.accountd.store.jdbc;

import dev.accountd.domain.Call;
import dev.accountd.domain.Message;
import dev.accountd.domain.SimulatedDestination;
import dev.accountd.store.SimulationStore;
import java.time.Instant;
import java.util.Optional;

/** Simulated destinations in a SQL store. */
public final class JdbcSimulationStore implements SimulationStore {
    private final Database db;

    public JdbcSimulationStore(Database db) { this.db = db; }

    @Override
    public Optional<SimulatedDestination> destination(String mainSid, String phoneNumber) {
        return db.reader().withHandle(h -> h.createQuery("""
                        SELECT call_outcome, call_seconds, message_outcome, date_updated FROM simulated_destinations
                        WHERE main_sid = :main AND phone_number = :number""")
                .bind("main", mainSid).bind("number", phoneNumber)
                .map((rs, ctx) -> {
                    int seconds = rs.getInt(2);
                    Optional<Integer> callSeconds = rs.wasNull() ? Optional.empty() : Optional.of(seconds);
                    return new SimulatedDestination(mainSid, phoneNumber, Call.Outcome.fromWire(rs.getString(1)).orElseThrow(), callSeconds,
                            Message.Status.fromWire(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)));
                })
                .findOne());
    }

    @Override
    public void putDestination(SimulatedDestination d) {
        db.writer().useHandle(h -> h.createUpdate("""
                        INSERT INTO simulated_destinations (main_sid, phone_number, call_outcome, call_seconds, message_outcome, date_updated)
                        VALUES (:main, :number, :call, :seconds, :message, :updated)
                        ON CONFLICT (main_sid, phone_number) DO UPDATE SET call_outcome = excluded.call_outcome,
                            call_seconds = excluded.call_seconds, message_outcome = excluded.message_outcome, date_updated = excluded.date_updated""")
                .bind("main", d.mainSid()).bind("number", d.phoneNumber()).bind("call", d.callOutcome().wire())
                .bind("seconds", d.callSeconds().orElse(null)).bind("message", d.messageOutcome().wire())
                .bind("updated", d.dateUpdated().toEpochMilli()).execute());
    }

    @Override
    public boolean deleteDestination(String mainSid, String phoneNumber) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM simulated_destinations WHERE main_sid = :main AND phone_number = :number")
                .bind("main", mainSid).bind("number", phoneNumber).execute()) > 0;
    }
}
