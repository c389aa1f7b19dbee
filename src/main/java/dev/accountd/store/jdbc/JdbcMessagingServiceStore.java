package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.MessagingService;
import dev.accountd.domain.MessagingServiceSetting;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import dev.accountd.store.MessagingServiceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** Messaging Services in a SQL store; a service's pool is the numbers whose messaging_service_sid names it. */
public final class JdbcMessagingServiceStore implements MessagingServiceStore {
    private static final String COLUMNS = "s.id, s.sid, s.account_sid, s.friendly_name, s.settings, s.date_created, s.date_updated";
    private static final String SENDER_COLUMNS = "p.id, p.sid, p.account_sid, p.messaging_service_sid, p.phone_number, p.iso_country,"
            + " p.capabilities, p.messaging_service_added";

    private final Database db;

    public JdbcMessagingServiceStore(Database db) { this.db = db; }

    private record Row(long id, MessagingService service) {}

    private record SenderRow(long id, MessagingService.Sender sender) {}

    @Override
    public boolean insert(MessagingService s) {
        return db.writer().inTransaction(h -> {
            if (JdbcAccountStore.actingStatus(h, db.dialect(), s.accountSid()) == AccountStatus.CLOSED) return false;
            h.createUpdate("""
                            INSERT INTO messaging_services (sid, account_sid, friendly_name, settings, date_created, date_updated)
                            VALUES (:sid, :account, :name, :settings, :created, :updated)""")
                    .bind("sid", s.sid()).bind("account", s.accountSid()).bind("name", s.friendlyName()).bind("settings", settings(s))
                    .bind("created", s.dateCreated().toEpochMilli()).bind("updated", s.dateUpdated().toEpochMilli()).execute();
            return true;
        });
    }

    @Override
    public Optional<MessagingService> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, sid));
    }

    private static Optional<MessagingService> findIn(Handle h, String accountSid, String sid) {
        return h.createQuery("SELECT " + COLUMNS + " FROM messaging_services s WHERE s.sid = :sid AND s.account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).service()).findOne();
    }

    @Override
    public Slice<MessagingService> list(String accountSid, PageRequest page) {
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM messaging_services s", List.of("s.account_sid = :account"),
                new Pages.Order(List.of("s.account_sid"), "s.id", false), page, q -> q.bind("account", accountSid), (rs, ctx) -> row(rs), Row::id,
                Row::service);
    }

    @Override
    public Optional<MessagingService> update(String accountSid, String sid, UnaryOperator<MessagingService> change) {
        return db.writer().inTransaction(h -> {
            Optional<MessagingService> before = h.createQuery("SELECT " + COLUMNS + " FROM messaging_services s WHERE s.sid = :sid AND s.account_sid = :account"
                            + db.dialect().forUpdate())
                    .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).service()).findOne();
            if (before.isEmpty()) return before;
            MessagingService s = change.apply(before.get());
            h.createUpdate("""
                            UPDATE messaging_services SET friendly_name = :name, settings = :settings, date_updated = :updated
                            WHERE sid = :sid AND account_sid = :account""")
                    .bind("name", s.friendlyName()).bind("settings", settings(s)).bind("updated", s.dateUpdated().toEpochMilli())
                    .bind("sid", s.sid()).bind("account", s.accountSid()).execute();
            return Optional.of(s);
        });
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return db.writer().inTransaction(h -> {
            int deleted = h.createUpdate("DELETE FROM messaging_services WHERE sid = :sid AND account_sid = :account")
                    .bind("sid", sid).bind("account", accountSid).execute();
            if (deleted == 0) return false;
            h.createUpdate("UPDATE phone_numbers SET messaging_service_sid = NULL, messaging_service_added = NULL WHERE messaging_service_sid = :sid")
                    .bind("sid", sid).execute();
            return true;
        });
    }

    @Override
    public Added addSender(String accountSid, String serviceSid, String phoneNumberSid, int most, Instant now) {
        return db.writer().inTransaction(h -> {
            // both rows held (PostgreSQL's writers run side by side): a concurrent add, delete, release or transfer waits
            boolean service = h.createQuery("SELECT 1 FROM messaging_services WHERE sid = :sid AND account_sid = :account" + db.dialect().forUpdate())
                    .bind("sid", serviceSid).bind("account", accountSid).mapTo(Integer.class).findOne().isPresent();
            if (!service) return new Added.ServiceGone();
            Optional<String[]> number = h.createQuery("SELECT messaging_service_sid, capabilities FROM phone_numbers"
                            + " WHERE sid = :sid AND account_sid = :account" + db.dialect().forUpdate())
                    .bind("sid", phoneNumberSid).bind("account", accountSid).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
            if (number.isEmpty()) return new Added.NoSuchNumber();
            if (number.get()[0] != null) return new Added.InAPool(number.get()[0]);
            PhoneNumber.Capabilities capabilities = JdbcPhoneNumberStore.capabilities(number.get()[1]);
            if (!capabilities.sms() && !capabilities.mms()) return new Added.NotCapable();
            int size = h.createQuery("SELECT COUNT(*) FROM phone_numbers WHERE messaging_service_sid = :service")
                    .bind("service", serviceSid).mapTo(Integer.class).one();
            if (size >= most) return new Added.PoolFull(size);
            int added = h.createUpdate("""
                            UPDATE phone_numbers SET messaging_service_sid = :service, messaging_service_added = :now
                            WHERE sid = :sid AND account_sid = :account AND messaging_service_sid IS NULL""")
                    .bind("service", serviceSid).bind("now", now.toEpochMilli()).bind("sid", phoneNumberSid).bind("account", accountSid).execute();
            if (added == 0) return new Added.NoSuchNumber();
            return senderIn(h, accountSid, serviceSid, phoneNumberSid).<Added>map(Added.Sender::new).orElseGet(Added.NoSuchNumber::new);
        });
    }

    @Override
    public Optional<MessagingService.Sender> sender(String accountSid, String serviceSid, String phoneNumberSid) {
        return db.reader().withHandle(h -> senderIn(h, accountSid, serviceSid, phoneNumberSid));
    }

    private static Optional<MessagingService.Sender> senderIn(Handle h, String accountSid, String serviceSid, String phoneNumberSid) {
        return h.createQuery("SELECT " + SENDER_COLUMNS + " FROM phone_numbers p"
                        + " WHERE p.sid = :sid AND p.account_sid = :account AND p.messaging_service_sid = :service")
                .bind("sid", phoneNumberSid).bind("account", accountSid).bind("service", serviceSid)
                .map((rs, ctx) -> senderRow(rs).sender()).findOne();
    }

    @Override
    public Slice<MessagingService.Sender> senders(String accountSid, String serviceSid, PageRequest page) {
        return Pages.read(db.reader(), "SELECT " + SENDER_COLUMNS + " FROM phone_numbers p",
                List.of("p.messaging_service_sid = :service", "p.account_sid = :account"),
                new Pages.Order(List.of("p.messaging_service_sid"), "p.id", false), page,
                q -> q.bind("service", serviceSid).bind("account", accountSid), (rs, ctx) -> senderRow(rs), SenderRow::id, SenderRow::sender);
    }

    @Override
    public boolean removeSender(String accountSid, String serviceSid, String phoneNumberSid) {
        return db.writer().withHandle(h -> h.createUpdate("""
                        UPDATE phone_numbers SET messaging_service_sid = NULL, messaging_service_added = NULL
                        WHERE sid = :sid AND account_sid = :account AND messaging_service_sid = :service""")
                .bind("sid", phoneNumberSid).bind("account", accountSid).bind("service", serviceSid).execute()) > 0;
    }

    @Override
    public Optional<MessagingService> poolOf(String phoneNumberSid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM phone_numbers p JOIN messaging_services s ON s.sid = p.messaging_service_sid AND s.account_sid = p.account_sid"
                        + " WHERE p.sid = :sid")
                .bind("sid", phoneNumberSid).map((rs, ctx) -> row(rs).service()).findOne());
    }

    @Override
    public int poolSize(String serviceSid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM phone_numbers WHERE messaging_service_sid = :service")
                .bind("service", serviceSid).mapTo(Integer.class).one());
    }

    @Override
    public Optional<String> chooseSender(String serviceSid, String to, boolean sticky, Optional<String> areaPrefix, String isoCountry,
                                         boolean mms) {
        // every message goes from an SMS-capable number (MessageService checks From so); an MMS also wants MMS
        String capable = "(',' || p.capabilities || ',') LIKE '%,sms,%'" + (mms ? " AND (',' || p.capabilities || ',') LIKE '%,mms,%'" : "");
        String last = sticky
                ? "(SELECT m.from_number FROM messages m WHERE m.messaging_service_sid = :service AND m.to_number = :to ORDER BY m.id DESC LIMIT 1)"
                : "NULL";
        return db.reader().withHandle(h -> h.createQuery("SELECT p.phone_number FROM phone_numbers p"
                        + " WHERE p.messaging_service_sid = :service AND " + capable
                        + " AND p.account_sid = (SELECT s.account_sid FROM messaging_services s WHERE s.sid = :service)"
                        + " ORDER BY CASE WHEN p.phone_number = " + last + " THEN 0 WHEN p.phone_number LIKE :area THEN 1"
                        + " WHEN p.iso_country = :country THEN 2 ELSE 3 END, p.id LIMIT 1")
                .bind("service", serviceSid).bind("to", to).bind("area", areaPrefix.map(a -> a + "%").orElse("-"))
                .bind("country", isoCountry).mapTo(String.class).findOne());
    }

    private static String settings(MessagingService s) { return SettingsColumn.write(s.settings(), MessagingServiceSetting::param); }

    private static Row row(ResultSet rs) throws SQLException {
        Map<MessagingServiceSetting, String> settings = SettingsColumn.read(rs.getString("settings"), MessagingServiceSetting.class,
                MessagingServiceSetting::param);
        return new Row(rs.getLong("id"), new MessagingService(rs.getString("sid"), rs.getString("account_sid"), rs.getString("friendly_name"),
                settings, Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated"))));
    }

    private static SenderRow senderRow(ResultSet rs) throws SQLException {
        return new SenderRow(rs.getLong("id"), new MessagingService.Sender(rs.getString("sid"), rs.getString("account_sid"),
                rs.getString("messaging_service_sid"), rs.getString("phone_number"), rs.getString("iso_country"),
                JdbcPhoneNumberStore.capabilities(rs.getString("capabilities")), Instant.ofEpochMilli(rs.getLong("messaging_service_added"))));
    }
}
