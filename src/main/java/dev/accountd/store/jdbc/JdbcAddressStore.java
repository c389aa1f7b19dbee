package dev.accountd.store.jdbc;

import dev.accountd.domain.Address;
import dev.accountd.domain.AddressFilter;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.store.AddressStore;
import dev.accountd.store.Audit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** Addresses in a SQL store. */
public final class JdbcAddressStore implements AddressStore {
    private static final String COLUMNS = """
            id, sid, account_sid, customer_name, friendly_name, street, street_secondary, city, region, postal_code,
            iso_country, emergency_enabled, date_created, date_updated""";

    private final Database db;

    public JdbcAddressStore(Database db) { this.db = db; }

    private record Row(long id, Address address) {}

    @Override
    public Address insert(Address a, Audit<Address> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), a.accountSid(), "create Address");
            h.createUpdate("""
                    INSERT INTO addresses (sid, account_sid, customer_name, friendly_name, street, street_secondary, city,
                                           region, postal_code, iso_country, emergency_enabled, date_created, date_updated)
                    VALUES (:sid, :account, :customer, :name, :street, :street2, :city, :region, :postal, :country,
                            :emergency, :created, :updated)""")
                    .bind("sid", a.sid()).bind("account", a.accountSid()).bind("customer", a.customerName())
                    .bind("name", a.friendlyName().orElse(null)).bind("street", a.street())
                    .bind("street2", a.streetSecondary().orElse(null)).bind("city", a.city()).bind("region", a.region())
                    .bind("postal", a.postalCode()).bind("country", a.isoCountry()).bind("emergency", a.emergencyEnabled() ? 1 : 0)
                    .bind("created", a.dateCreated().toEpochMilli()).bind("updated", a.dateUpdated().toEpochMilli())
                    .execute();
            Address stored = findIn(h, a.accountSid(), a.sid()).orElseThrow();
            JdbcEvents.record(h, audit, null, stored);
            return stored;
        });
    }

    @Override
    public Optional<Address> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, sid));
    }

    private static Optional<Address> findIn(Handle h, String accountSid, String sid) {
        return findIn(h, accountSid, sid, "");
    }

    /** @param lock the dialect's row-lock suffix for a read that a write follows, or "" */
    private static Optional<Address> findIn(Handle h, String accountSid, String sid, String lock) {
        return h.createQuery("SELECT " + COLUMNS + " FROM addresses WHERE sid = :sid AND account_sid = :account" + lock)
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).address()).findOne();
    }

    @Override
    public Slice<Address> list(String accountSid, AddressFilter f, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("account_sid = :account"));
        f.customerName().ifPresent(v -> conditions.add("customer_name = :customer"));
        f.friendlyName().ifPresent(v -> conditions.add("friendly_name = :name"));
        f.emergencyEnabled().ifPresent(v -> conditions.add("emergency_enabled = :emergency"));
        f.isoCountry().ifPresent(v -> conditions.add("iso_country = :country"));
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM addresses", conditions, Pages.Order.oldestFirst("account_sid"), page, q -> {
            q.bind("account", accountSid);
            f.customerName().ifPresent(v -> q.bind("customer", v));
            f.friendlyName().ifPresent(v -> q.bind("name", v));
            f.emergencyEnabled().ifPresent(v -> q.bind("emergency", v ? 1 : 0));
            f.isoCountry().ifPresent(v -> q.bind("country", v));
        }, (rs, ctx) -> row(rs), Row::id, Row::address);
    }

    @Override
    public Optional<Address> update(String accountSid, String sid, UnaryOperator<Address> change, Audit<Address> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), accountSid, "update Address");
            Optional<Address> before = findIn(h, accountSid, sid, db.dialect().forUpdate());
            if (before.isEmpty()) return before;
            Address a = change.apply(before.get());
            h.createUpdate("""
                    UPDATE addresses SET customer_name = :customer, friendly_name = :name, street = :street,
                           street_secondary = :street2, city = :city, region = :region, postal_code = :postal,
                           emergency_enabled = :emergency, date_updated = :updated
                    WHERE sid = :sid""")
                    .bind("customer", a.customerName()).bind("name", a.friendlyName().orElse(null)).bind("street", a.street())
                    .bind("street2", a.streetSecondary().orElse(null)).bind("city", a.city()).bind("region", a.region())
                    .bind("postal", a.postalCode()).bind("emergency", a.emergencyEnabled() ? 1 : 0)
                    .bind("updated", a.dateUpdated().toEpochMilli()).bind("sid", a.sid())
                    .execute();
            Address after = findIn(h, a.accountSid(), a.sid()).orElseThrow();
            JdbcEvents.record(h, audit, before.get(), after);
            return Optional.of(after);
        });
    }

    @Override
    public Deletion delete(String accountSid, String sid, Audit<Address> audit) {
        return db.writer().inTransaction(h -> {
            JdbcAccountStore.requireOpen(h, db.dialect(), accountSid, "delete Address");
            // The lock orders this against a purchase or update naming the address, which locks it too.
            Optional<Address> before = findIn(h, accountSid, sid, db.dialect().forUpdate());
            if (before.isEmpty()) return new Deletion.NotFound();
            int dependents = JdbcPhoneNumberStore.dependents(h, accountSid, sid);
            if (dependents > 0) return new Deletion.InUse(dependents);
            h.createUpdate("DELETE FROM addresses WHERE sid = :sid").bind("sid", sid).execute();
            JdbcEvents.record(h, audit, before.get(), null);
            return new Deletion.Deleted();
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        Address a = new Address(rs.getString("sid"), rs.getString("account_sid"), rs.getString("customer_name"),
                Optional.ofNullable(rs.getString("friendly_name")), rs.getString("street"),
                Optional.ofNullable(rs.getString("street_secondary")), rs.getString("city"), rs.getString("region"),
                rs.getString("postal_code"), rs.getString("iso_country"), rs.getInt("emergency_enabled") != 0,
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated")));
        return new Row(rs.getLong("id"), a);
    }
}
