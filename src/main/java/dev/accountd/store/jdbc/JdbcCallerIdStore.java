package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Callback;
import dev.accountd.domain.OutgoingCallerId;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.CallerIdStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Outgoing caller IDs in a SQL store. */
public final class JdbcCallerIdStore implements CallerIdStore {
    private static final String COLUMNS = "id, sid, account_sid, phone_number, friendly_name, date_created, date_updated";

    private final Database db;

    public JdbcCallerIdStore(Database db) { this.db = db; }

    private record Row(long id, OutgoingCallerId callerId) {}

    @Override
    public Inserted insert(OutgoingCallerId c, List<Callback> callbacks) {
        return db.writer().inTransaction(h -> {
            if (JdbcAccountStore.actingStatus(h, db.dialect(), c.accountSid()) == AccountStatus.CLOSED) return Inserted.ACCOUNT_CLOSED;
            int inserted = h.createUpdate("""
                            INSERT INTO outgoing_caller_ids (sid, account_sid, phone_number, friendly_name, date_created, date_updated)
                            VALUES (:sid, :account, :number, :name, :created, :updated)
                            ON CONFLICT (account_sid, phone_number) DO NOTHING""")
                    .bind("sid", c.sid()).bind("account", c.accountSid()).bind("number", c.phoneNumber()).bind("name", c.friendlyName())
                    .bind("created", c.dateCreated().toEpochMilli()).bind("updated", c.dateUpdated().toEpochMilli()).execute();
            if (inserted == 0) return Inserted.ALREADY_VERIFIED;
            JdbcOutboxStore.enqueueIn(h, callbacks);
            return Inserted.INSERTED;
        });
    }

    @Override
    public Optional<OutgoingCallerId> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outgoing_caller_ids WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).callerId()).findOne());
    }

    @Override
    public Optional<OutgoingCallerId> findByNumber(String accountSid, String phoneNumber) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM outgoing_caller_ids WHERE account_sid = :account AND phone_number = :number")
                .bind("account", accountSid).bind("number", phoneNumber).map((rs, ctx) -> row(rs).callerId()).findOne());
    }

    @Override
    public Slice<OutgoingCallerId> list(String accountSid, Optional<String> phoneNumber, Optional<String> friendlyName, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("account_sid = :account"));
        phoneNumber.ifPresent(v -> conditions.add("phone_number = :number"));
        friendlyName.ifPresent(v -> conditions.add("friendly_name = :name"));
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM outgoing_caller_ids", conditions, Pages.Order.oldestFirst("account_sid"),
                page, q -> {
                    q.bind("account", accountSid);
                    phoneNumber.ifPresent(v -> q.bind("number", v));
                    friendlyName.ifPresent(v -> q.bind("name", v));
                }, (rs, ctx) -> row(rs), Row::id, Row::callerId);
    }

    @Override
    public boolean rename(String accountSid, String sid, String friendlyName, Instant now) {
        return db.writer().withHandle(h -> h.createUpdate("""
                        UPDATE outgoing_caller_ids SET friendly_name = :name, date_updated = :now WHERE sid = :sid AND account_sid = :account""")
                .bind("name", friendlyName).bind("now", now.toEpochMilli()).bind("sid", sid).bind("account", accountSid).execute()) > 0;
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return db.writer().withHandle(h -> h.createUpdate("DELETE FROM outgoing_caller_ids WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).execute()) > 0;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), new OutgoingCallerId(rs.getString("sid"), rs.getString("account_sid"), rs.getString("phone_number"),
                rs.getString("friendly_name"), Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated"))));
    }
}
