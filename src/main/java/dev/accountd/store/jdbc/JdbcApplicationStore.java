package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Application;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.ApplicationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** TwiML Applications in a SQL store. */
public final class JdbcApplicationStore implements ApplicationStore {
    private static final String COLUMNS = "id, sid, account_sid, friendly_name, settings, date_created, date_updated";

    private final Database db;

    public JdbcApplicationStore(Database db) { this.db = db; }

    private record Row(long id, Application application) {}

    @Override
    public boolean insert(Application a) {
        return db.writer().inTransaction(h -> {
            if (JdbcAccountStore.actingStatus(h, db.dialect(), a.accountSid()) == AccountStatus.CLOSED) return false;
            h.createUpdate("""
                            INSERT INTO applications (sid, account_sid, friendly_name, settings, date_created, date_updated)
                            VALUES (:sid, :account, :name, :settings, :created, :updated)""")
                    .bind("sid", a.sid()).bind("account", a.accountSid()).bind("name", a.friendlyName()).bind("settings", settings(a))
                    .bind("created", a.dateCreated().toEpochMilli()).bind("updated", a.dateUpdated().toEpochMilli()).execute();
            return true;
        });
    }

    @Override
    public Optional<Application> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM applications WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).application()).findOne());
    }

    @Override
    public Slice<Application> list(String accountSid, Optional<String> friendlyName, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("account_sid = :account"));
        friendlyName.ifPresent(n -> conditions.add("friendly_name = :name"));
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM applications", conditions, Pages.Order.oldestFirst("account_sid"), page,
                q -> {
                    q.bind("account", accountSid);
                    friendlyName.ifPresent(n -> q.bind("name", n));
                }, (rs, ctx) -> row(rs), Row::id, Row::application);
    }

    @Override
    public void update(Application a) {
        db.writer().useHandle(h -> h.createUpdate("""
                        UPDATE applications SET friendly_name = :name, settings = :settings, date_updated = :updated
                        WHERE sid = :sid AND account_sid = :account""")
                .bind("name", a.friendlyName()).bind("settings", settings(a)).bind("updated", a.dateUpdated().toEpochMilli())
                .bind("sid", a.sid()).bind("account", a.accountSid()).execute());
    }

    @Override
    public Deleted delete(String accountSid, String sid) {
        return db.writer().inTransaction(h -> {
            // a number's settings name the application by its SID (a JSON string value)
            boolean used = h.createQuery("SELECT 1 FROM phone_numbers WHERE account_sid = :account AND settings LIKE :sid LIMIT 1")
                    .bind("account", accountSid).bind("sid", "%\"" + sid + "\"%").mapTo(Integer.class).findOne().isPresent();
            if (used) return Deleted.IN_USE;
            int deleted = h.createUpdate("DELETE FROM applications WHERE sid = :sid AND account_sid = :account")
                    .bind("sid", sid).bind("account", accountSid).execute();
            return deleted == 0 ? Deleted.NOT_FOUND : Deleted.DELETED;
        });
    }

    private static String settings(Application a) { return SettingsColumn.write(a.settings(), ApplicationSetting::param); }

    private static Row row(ResultSet rs) throws SQLException {
        Map<ApplicationSetting, String> settings = SettingsColumn.read(rs.getString("settings"), ApplicationSetting.class, ApplicationSetting::param);
        return new Row(rs.getLong("id"), new Application(rs.getString("sid"), rs.getString("account_sid"), rs.getString("friendly_name"),
                settings, Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated"))));
    }
}
