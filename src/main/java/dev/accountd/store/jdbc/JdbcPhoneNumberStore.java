package dev.accountd.store.jdbc;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.Usage;
import dev.accountd.store.Audit;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.PhoneNumberStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Owned phone numbers in a SQL store. */
public final class JdbcPhoneNumberStore implements PhoneNumberStore {
    static final String COLUMNS = """
            id, sid, account_sid, phone_number, friendly_name, iso_country, number_type, address_requirements,
            capabilities, address_sid, emergency_address_sid, settings, date_created, date_updated""";

    private final Database db;

    public JdbcPhoneNumberStore(Database db) { this.db = db; }

    private record Row(long id, PhoneNumber number) {}

    @Override
    public Purchase insert(PhoneNumber n, Optional<Slot> slot, Rental rental, Audit<PhoneNumber> audit, Audit<LedgerEntry> charged) {
        return db.writer().inTransaction(h -> {
            // Locking the buyer's row orders this purchase against a concurrent close, which releases its numbers.
            AccountStatus status = JdbcAccountStore.actingStatus(h, db.dialect(), n.accountSid());
            if (status == AccountStatus.CLOSED) return new Purchase.AccountClosed();
            if (status != AccountStatus.ACTIVE) return new Purchase.AccountNotActive();
            Optional<String> gone = missingAddress(h, n.accountSid(), n.addressSid(), n.emergencyAddressSid());
            if (gone.isPresent()) return new Purchase.AddressGone(gone.get());
            // Holding the balance row orders the family's purchases: each sees what the one before it left.
            Optional<JdbcLedgerStore.Held> held = JdbcLedgerStore.held(h, db, rental.mainSid());
            if (held.isEmpty()) return new Purchase.AccountNotActive();
            Balance balance = held.get().balance();
            if (!balance.canPay(rental.price())) return new Purchase.OutOfFunds(balance.current(), rental.price());
            int inserted = h.createUpdate("""
                    INSERT INTO phone_numbers (sid, account_sid, phone_number, friendly_name, iso_country, number_type,
                                               address_requirements, capabilities, address_sid, emergency_address_sid,
                                               settings, date_created, date_updated, inventory_block, inventory_position,
                                               rental_months, rental_next)
                    VALUES (:sid, :account, :number, :name, :country, :type, :requirements, :capabilities, :address,
                            :emergency, :settings, :created, :updated, :block, :position, 1, :next)
                    ON CONFLICT (phone_number) DO NOTHING""")
                    .bind("sid", n.sid()).bind("account", n.accountSid()).bind("number", n.phoneNumber())
                    .bind("name", n.friendlyName()).bind("country", n.isoCountry()).bind("type", n.type().name())
                    .bind("requirements", n.addressRequirements().wire()).bind("capabilities", capabilities(n.capabilities()))
                    .bind("address", n.addressSid().orElse(null)).bind("emergency", n.emergencyAddressSid().orElse(null))
                    .bind("settings", settings(n.settings()))
                    .bind("created", n.dateCreated().toEpochMilli()).bind("updated", n.dateUpdated().toEpochMilli())
                    .bind("block", slot.map(Slot::block).orElse(null)).bind("position", slot.map(Slot::position).orElse(null))
                    .bind("next", rental.firstBillingDay().toEpochMilli())
                    .execute();
            if (inserted == 0) return new Purchase.Taken();
            slot.ifPresent(s -> taken(h, s));
            if (rental.price().signum() > 0) {
                // the balance row is held since the check above; the number's SID is new, so its first month is too
                JdbcLedgerStore.postNewIn(h, db, new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), rental.mainSid(),
                        n.accountSid(), n.type().rentalCategory(), rental.price().negate(), Optional.of(n.sid()),
                        Optional.of(n.phoneNumber()), rentalCause(n.sid(), 1), n.dateCreated(), Usage.of(1)), held.get(), charged);
            }
            PhoneNumber stored = findIn(h, n.accountSid(), n.sid()).orElseThrow();
            JdbcEvents.record(h, audit, null, stored);
            return new Purchase.Bought(stored);
        });
    }

    @Override
    public List<DueRental> dueRentals(Instant now, int limit) {
        return db.reader().withHandle(h -> h.createQuery("""
                        SELECT p.sid, p.account_sid, a.main_sid, p.phone_number, p.iso_country, p.number_type, p.rental_months,
                               p.rental_next
                        FROM phone_numbers p JOIN accounts a ON a.sid = p.account_sid
                        WHERE p.rental_next <= :now
                        ORDER BY p.rental_next, p.sid LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> new DueRental(rs.getString("sid"), rs.getString("account_sid"), rs.getString("main_sid"),
                        rs.getString("phone_number"), rs.getString("iso_country"), NumberType.valueOf(rs.getString("number_type")),
                        rs.getLong("rental_months") + 1, Instant.ofEpochMilli(rs.getLong("rental_next"))))
                .list());
    }

    @Override
    public int chargeRentals(List<RentalCharge> charges, Audit<LedgerEntry> charged) {
        if (charges.isEmpty()) return 0;
        return db.writer().inTransactionAlone(h -> {
            // the numbers' rows first, in SID order, then (in the ledger) their families' balances in SID order
            record Locked(String accountSid, long charged, long next) {}
            Map<String, Locked> locked = new HashMap<>();
            h.createQuery("""
                            SELECT sid, account_sid, rental_months, rental_next FROM phone_numbers
                            WHERE sid IN (<sids>) ORDER BY sid""" + db.dialect().forUpdate())
                    .bindList("sids", charges.stream().map(c -> c.due().sid()).toList())
                    .map((rs, ctx) -> Map.entry(rs.getString("sid"),
                            new Locked(rs.getString("account_sid"), rs.getLong("rental_months"), rs.getLong("rental_next"))))
                    .forEach(e -> locked.put(e.getKey(), e.getValue()));
            List<RentalCharge> current = new ArrayList<>();
            for (RentalCharge c : charges) {
                DueRental d = c.due();
                Locked now = locked.get(d.sid());
                if (now != null && now.equals(new Locked(d.accountSid(), d.month() - 1, d.billingDay().toEpochMilli()))) current.add(c);
            }
            List<LedgerStore.Posting> postings = new ArrayList<>();
            PreparedBatch moved = h.prepareBatch("UPDATE phone_numbers SET rental_months = :month, rental_next = :next WHERE sid = :sid");
            for (RentalCharge c : current) {
                DueRental d = c.due();
                if (c.price().signum() > 0) {
                    postings.add(new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), d.mainSid(), d.accountSid(),
                            d.type().rentalCategory(), c.price().negate(), Optional.of(d.sid()), Optional.of(d.phoneNumber()),
                            rentalCause(d.sid(), d.month()), d.billingDay(), Usage.of(1)));
                }
                moved.bind("month", d.month()).bind("next", c.nextBillingDay().toEpochMilli()).bind("sid", d.sid()).add();
            }
            if (current.isEmpty()) return 0;
            JdbcLedgerStore.postAllIn(h, db, postings, charged);
            moved.execute();
            return current.size();
        });
    }

    /** What makes the charge of a number's k-th month unique (k = 1 at purchase): it is charged once. */
    static String rentalCause(String numberSid, long month) { return "rental:" + numberSid + ":" + month; }

    @Override
    public Optional<PhoneNumber> find(String accountSid, String sid) {
        return db.reader().withHandle(h -> findIn(h, accountSid, sid));
    }

    @Override
    public Optional<PhoneNumber> findByNumber(String e164) {
        return db.reader().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM phone_numbers WHERE phone_number = :number")
                .bind("number", e164).map((rs, ctx) -> row(rs).number()).findOne());
    }

    private static Optional<PhoneNumber> findIn(Handle h, String accountSid, String sid) {
        return h.createQuery("SELECT " + COLUMNS + " FROM phone_numbers WHERE sid = :sid AND account_sid = :account")
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).number()).findOne();
    }

    @Override
    public Slice<PhoneNumber> list(String accountSid, Filter f, PageRequest page) {
        List<String> conditions = new ArrayList<>(List.of("account_sid = :account"));
        f.type().ifPresent(v -> conditions.add("number_type = :type"));
        f.friendlyName().ifPresent(v -> conditions.add("friendly_name = :name"));
        f.phoneNumberLike().ifPresent(v -> conditions.add("phone_number LIKE :like"));
        // every number accountd sells comes from its own inventory: origin "twilio"; none is "hosted"
        f.origin().filter(o -> !o.equals("twilio")).ifPresent(o -> conditions.add("1 = 0"));
        return page(conditions, page, q -> {
            q.bind("account", accountSid);
            f.type().ifPresent(v -> q.bind("type", v.name()));
            f.friendlyName().ifPresent(v -> q.bind("name", v));
            f.phoneNumberLike().ifPresent(v -> q.bind("like", v));
        });
    }

    @Override
    public Slice<PhoneNumber> listDependents(String accountSid, String addressSid, PageRequest page) {
        return page(List.of("account_sid = :account", "(address_sid = :address OR emergency_address_sid = :address)"), page,
                q -> q.bind("account", accountSid).bind("address", addressSid));
    }

    private Slice<PhoneNumber> page(List<String> conditions, PageRequest page, Consumer<Query> binder) {
        return Pages.read(db.reader(), "SELECT " + COLUMNS + " FROM phone_numbers", conditions, Pages.Order.oldestFirst("account_sid"), page, binder,
                (rs, ctx) -> row(rs), Row::id, Row::number);
    }

    @Override
    public Map<String, String> ownersBySid(Collection<String> sids) {
        if (sids.isEmpty()) return Map.of();
        Map<String, String> owners = new LinkedHashMap<>();
        db.reader().useHandle(h -> h.createQuery("SELECT sid, account_sid FROM phone_numbers WHERE sid IN (<sids>)")
                .bindList("sids", List.copyOf(sids)).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> owners.put(e.getKey(), e.getValue())));
        return owners;
    }

    @Override
    public Set<String> owned(Collection<String> phoneNumbers) {
        if (phoneNumbers.isEmpty()) return Set.of();
        return db.reader().withHandle(h -> new HashSet<>(h.createQuery("SELECT phone_number FROM phone_numbers WHERE phone_number IN (<numbers>)")
                .bindList("numbers", List.copyOf(phoneNumbers)).mapTo(String.class).list()));
    }

    @Override
    public UpdateResult update(String accountSid, String sid, UnaryOperator<PhoneNumber> change, Audit<PhoneNumber> audit) {
        return db.writer().inTransaction(h -> {
            Optional<PhoneNumber> before = lockedIn(h, accountSid, sid);
            if (before.isEmpty()) return new UpdateResult.NotFound();
            PhoneNumber n = change.apply(before.get());
            Optional<String> gone = missingAddress(h, accountSid, n.addressSid(), n.emergencyAddressSid());
            if (gone.isPresent()) return new UpdateResult.AddressGone(gone.get());
            write(h, n);
            PhoneNumber after = findIn(h, accountSid, sid).orElseThrow();
            JdbcEvents.record(h, audit, before.get(), after);
            return new UpdateResult.Changed(after);
        });
    }

    @Override
    public UpdateResult transfer(String accountSid, String sid, UnaryOperator<PhoneNumber> configure, String toAccountSid,
                                 Optional<String> address, Optional<String> emergencyAddress, Instant now, Audit<PhoneNumber> audit) {
        return db.writer().inTransaction(h -> {
            Optional<PhoneNumber> found = lockedIn(h, accountSid, sid);
            if (found.isEmpty()) return new UpdateResult.NotFound();
            PhoneNumber before = found.get();
            // Locking the new owner's row orders the transfer against a concurrent close or suspension of it.
            if (JdbcAccountStore.actingStatus(h, db.dialect(), toAccountSid) != AccountStatus.ACTIVE) return new UpdateResult.TargetNotActive();
            Map<String, String> countryOf = new LinkedHashMap<>();
            h.createQuery("SELECT sid, iso_country FROM addresses WHERE account_sid = :account ORDER BY id" + db.dialect().forUpdate())
                    .bind("account", toAccountSid)
                    .map((rs, ctx) -> Map.entry(rs.getString("sid"), rs.getString("iso_country")))
                    .forEach(a -> countryOf.put(a.getKey(), a.getValue()));
            for (Optional<String> named : List.of(address, emergencyAddress)) {
                if (named.isPresent() && !countryOf.containsKey(named.get())) return new UpdateResult.AddressGone(named.get());
            }
            // a named address meets the requirement (the caller checked; an Address's country never changes)
            Optional<String> chosen = address.isPresent() ? address : countryOf.entrySet().stream()
                    .filter(a -> before.addressRequirements().satisfiedBy(a.getValue(), before.isoCountry()))
                    .map(Map.Entry::getKey).findFirst();
            if (before.addressRequirements() != AddressRequirement.NONE && chosen.isEmpty()) return new UpdateResult.TargetNeedsAddress();
            // a number that needs no address takes one only when the transfer names it: the new owner's first
            // address, of whatever country, would be an arbitrary choice
            boolean keepsAddress = address.isPresent() || before.addressRequirements() != AddressRequirement.NONE;
            PhoneNumber moved = configure.apply(before).ownedBy(toAccountSid, keepsAddress ? chosen : Optional.empty(), emergencyAddress, now);
            // the number leaves its Messaging Service's pool: the service is its old owner's
            h.createUpdate("UPDATE phone_numbers SET account_sid = :account, messaging_service_sid = NULL, messaging_service_added = NULL"
                    + " WHERE sid = :sid")
                    .bind("account", toAccountSid).bind("sid", sid).execute();
            write(h, moved);
            PhoneNumber after = findIn(h, toAccountSid, sid).orElseThrow();
            JdbcEvents.record(h, audit, before, after);
            return new UpdateResult.Changed(after);
        });
    }

    /**
     * Moves the block's cursor for a position just bought, in the purchase's transaction: a released position is no
     * longer released; the cursor's own position moves it past every owned position that follows. Purchases of one
     * block take its cursor row's lock in turn, and each reads the owned positions after taking it, so the cursor
     * never passes a free position and never stays on an owned one.
     */
    private void taken(Handle h, Slot slot) {
        long next = lockedCursor(h, slot.block());
        if (slot.position() < next) {
            h.createUpdate("DELETE FROM inventory_released WHERE block = :block AND released_position = :position")
                    .bind("block", slot.block()).bind("position", slot.position()).execute();
            return;
        }
        if (slot.position() > next) return; // bought ahead of the cursor: the cursor passes it when it gets there
        long moved = next + 1;
        while (true) {
            List<Long> owned = h.createQuery("""
                            SELECT inventory_position FROM phone_numbers
                            WHERE inventory_block = :block AND inventory_position >= :from
                            ORDER BY inventory_position LIMIT 200""")
                    .bind("block", slot.block()).bind("from", moved).mapTo(Long.class).list();
            int i = 0;
            while (i < owned.size() && owned.get(i) == moved) {
                moved++;
                i++;
            }
            if (i < owned.size() || owned.size() < 200) break;
        }
        h.createUpdate("UPDATE inventory_blocks SET next_position = :next WHERE block = :block")
                .bind("next", moved).bind("block", slot.block()).execute();
    }

    /** The block's cursor position; its row is created if need be, and locked until the transaction ends. */
    private long lockedCursor(Handle h, String block) {
        h.createUpdate("INSERT INTO inventory_blocks (block, next_position) VALUES (:block, 0) ON CONFLICT (block) DO NOTHING")
                .bind("block", block).execute();
        return h.createQuery("SELECT next_position FROM inventory_blocks WHERE block = :block" + db.dialect().forUpdate())
                .bind("block", block).mapTo(Long.class).one();
    }

    /** A released number's position becomes a released position of its block if the block's cursor has passed it. */
    private void released(Handle h, String sid) {
        Optional<Slot> slot = h.createQuery("""
                        SELECT inventory_block, inventory_position FROM phone_numbers
                        WHERE sid = :sid AND inventory_block IS NOT NULL""")
                .bind("sid", sid).map((rs, ctx) -> new Slot(rs.getString(1), rs.getLong(2))).findOne();
        if (slot.isEmpty() || slot.get().position() >= lockedCursor(h, slot.get().block())) return;
        h.createUpdate("INSERT INTO inventory_released (block, released_position) VALUES (:block, :position) ON CONFLICT DO NOTHING")
                .bind("block", slot.get().block()).bind("position", slot.get().position()).execute();
    }

    private static final int UNION_TERMS = 200;

    @Override
    public Map<String, Cursor> cursors(Collection<String> blocks, int released) {
        if (blocks.isEmpty()) return Map.of();
        return db.reader().withHandle(h -> {
            Map<String, Long> next = new HashMap<>();
            h.createQuery("SELECT block, next_position FROM inventory_blocks WHERE block IN (<blocks>)")
                    .bindList("blocks", List.copyOf(blocks)).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> next.put(e.getKey(), e.getValue()));
            // the first released positions of each block, each read from the primary key's order and stopped at the
            // limit, so that a block with many released positions costs what one with few does
            Map<String, List<Long>> freed = new HashMap<>();
            if (!next.isEmpty() && released > 0) {
                List<String> withCursor = List.copyOf(next.keySet());
                // SQLite allows at most 500 terms in one compound SELECT
                for (int from = 0; from < withCursor.size(); from += UNION_TERMS) {
                    List<String> chunk = withCursor.subList(from, Math.min(withCursor.size(), from + UNION_TERMS));
                    StringBuilder sql = new StringBuilder();
                    for (int i = 0; i < chunk.size(); i++) {
                        if (i > 0) sql.append(" UNION ALL ");
                        sql.append("SELECT block, released_position FROM (SELECT block, released_position FROM inventory_released WHERE block = :b")
                                .append(i).append(" ORDER BY released_position LIMIT :released) r").append(i);
                    }
                    Query q = h.createQuery(sql.toString()).bind("released", released);
                    for (int i = 0; i < chunk.size(); i++) q.bind("b" + i, chunk.get(i));
                    q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                            .forEach(e -> freed.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                }
                freed.values().forEach(java.util.Collections::sort);
            }
            Map<String, Cursor> cursors = new HashMap<>();
            next.forEach((block, n) -> cursors.put(block, new Cursor(n, List.copyOf(freed.getOrDefault(block, List.of())))));
            return cursors;
        });
    }

    @Override
    public boolean delete(String accountSid, String sid, Audit<PhoneNumber> audit) {
        return db.writer().inTransaction(h -> {
            Optional<PhoneNumber> before = lockedIn(h, accountSid, sid);
            if (before.isEmpty()) return false;
            released(h, sid);
            h.createUpdate("DELETE FROM phone_numbers WHERE sid = :sid").bind("sid", sid).execute();
            JdbcEvents.record(h, audit, before.get(), null);
            return true;
        });
    }

    /**
     * Releases every number of an account inside the caller's transaction (closing the account), recording an
     * event for each.
     */
    static void releaseAll(Handle h, Dialect dialect, String accountSid, Audit<PhoneNumber> audit) {
        // The numbers first, then their blocks' cursors (by block): the order a release takes its locks in, so that a
        // close and a release (or another close) never wait on each other.
        List<PhoneNumber> numbers = h.createQuery("SELECT " + COLUMNS + " FROM phone_numbers WHERE account_sid = :account ORDER BY id"
                        + dialect.forUpdate())
                .bind("account", accountSid).map((rs, ctx) -> row(rs).number()).list();
        h.createQuery("""
                        SELECT block FROM inventory_blocks
                        WHERE block IN (SELECT inventory_block FROM phone_numbers WHERE account_sid = :account)
                        ORDER BY block""" + dialect.forUpdate())
                .bind("account", accountSid).mapTo(String.class).list();
        h.createUpdate("""
                        INSERT INTO inventory_released (block, released_position)
                        SELECT p.inventory_block, p.inventory_position FROM phone_numbers p
                        JOIN inventory_blocks b ON b.block = p.inventory_block
                        WHERE p.account_sid = :account AND p.inventory_position < b.next_position
                        ON CONFLICT DO NOTHING""")
                .bind("account", accountSid).execute();
        h.createUpdate("DELETE FROM phone_numbers WHERE account_sid = :account").bind("account", accountSid).execute();
        for (PhoneNumber n : numbers) JdbcEvents.record(h, audit, n, null);
    }

    /** How many numbers name this address as their AddressSid or EmergencyAddressSid. */
    static int dependents(Handle h, String accountSid, String addressSid) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM phone_numbers
                        WHERE account_sid = :account AND (address_sid = :address OR emergency_address_sid = :address)""")
                .bind("account", accountSid).bind("address", addressSid).mapTo(Integer.class).one();
    }

    private Optional<PhoneNumber> lockedIn(Handle h, String accountSid, String sid) {
        return h.createQuery("SELECT " + COLUMNS + " FROM phone_numbers WHERE sid = :sid AND account_sid = :account" + db.dialect().forUpdate())
                .bind("sid", sid).bind("account", accountSid).map((rs, ctx) -> row(rs).number()).findOne();
    }

    /** The first of these addresses that is no longer the account's; locks the others until the transaction ends. */
    private Optional<String> missingAddress(Handle h, String accountSid, Optional<String> address, Optional<String> emergency) {
        for (Optional<String> sid : List.of(address, emergency)) {
            if (sid.isEmpty()) continue;
            boolean exists = h.createQuery("SELECT sid FROM addresses WHERE sid = :sid AND account_sid = :account" + db.dialect().forUpdate())
                    .bind("sid", sid.get()).bind("account", accountSid).mapTo(String.class).findOne().isPresent();
            if (!exists) return sid;
        }
        return Optional.empty();
    }

    private static void write(Handle h, PhoneNumber n) {
        h.createUpdate("""
                UPDATE phone_numbers SET friendly_name = :name, address_sid = :address, emergency_address_sid = :emergency,
                       settings = :settings, date_updated = :updated
                WHERE sid = :sid""")
                .bind("name", n.friendlyName()).bind("address", n.addressSid().orElse(null))
                .bind("emergency", n.emergencyAddressSid().orElse(null)).bind("settings", settings(n.settings()))
                .bind("updated", n.dateUpdated().toEpochMilli()).bind("sid", n.sid())
                .execute();
    }

    private static String settings(Map<NumberSetting, String> settings) { return SettingsColumn.write(settings, NumberSetting::param); }

    /** The capabilities column: "voice,sms,mms". */
    static PhoneNumber.Capabilities capabilities(String column) {
        List<String> caps = List.of(column.split(","));
        return new PhoneNumber.Capabilities(caps.contains("voice"), caps.contains("sms"), caps.contains("mms"), caps.contains("fax"));
    }

    private static String capabilities(PhoneNumber.Capabilities c) {
        List<String> names = new ArrayList<>();
        if (c.voice()) names.add("voice");
        if (c.sms()) names.add("sms");
        if (c.mms()) names.add("mms");
        if (c.fax()) names.add("fax");
        return String.join(",", names);
    }

    private static Row row(ResultSet rs) throws SQLException {
        PhoneNumber n = new PhoneNumber(rs.getString("sid"), rs.getString("account_sid"), rs.getString("phone_number"),
                rs.getString("friendly_name"), rs.getString("iso_country"), NumberType.valueOf(rs.getString("number_type")),
                AddressRequirement.fromWire(rs.getString("address_requirements")).orElseThrow(),
                capabilities(rs.getString("capabilities")),
                Optional.ofNullable(rs.getString("address_sid")), Optional.ofNullable(rs.getString("emergency_address_sid")),
                SettingsColumn.read(rs.getString("settings"), NumberSetting.class, NumberSetting::param),
                Instant.ofEpochMilli(rs.getLong("date_created")), Instant.ofEpochMilli(rs.getLong("date_updated")));
        return new Row(rs.getLong("id"), n);
    }
}
