package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressFilter;
import dev.accountd.domain.Event;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AddressStore;
import dev.accountd.store.Audit;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Addresses of an account. Like Twilio, accountd does not validate addresses against postal data:
 * {@code validated} and {@code verified} are false and AutoCorrectAddress is accepted and ignored.
 * An address that a phone number uses (as its AddressSid or EmergencyAddressSid) cannot be deleted.
 */
public final class AddressService {
    public static final String SID_PREFIX = "AD";
    static final int MAX_FIELD_LENGTH = 255;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final AccountStore accounts;
    private final AddressStore addresses;
    private final Auditor auditor;
    private final Clock clock;

    public AddressService(AccountStore accounts, AddressStore addresses, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** The form fields of CreateAddress and UpdateAddress; empty where not sent. */
    public record Fields(Optional<String> customerName, Optional<String> friendlyName, Optional<String> street,
                         Optional<String> streetSecondary, Optional<String> city, Optional<String> region,
                         Optional<String> postalCode, Optional<String> isoCountry, Optional<Boolean> emergencyEnabled) {}

    public Address create(Caller caller, String accountSid, Fields f) {
        Account owner = Access.reachToChange(caller, accountSid, accounts, "create Address");
        // the required fields in the spec's order, so that the first missing one is the one the error names
        String customerName = required("CustomerName", f.customerName());
        String street = required("Street", f.street());
        String city = required("City", f.city());
        String region = required("Region", f.region());
        String postalCode = required("PostalCode", f.postalCode());
        String country = required("IsoCountry", f.isoCountry()).toUpperCase(Locale.ROOT);
        checkLengths(f);
        if (!COUNTRIES.contains(country)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid IsoCountry '" + f.isoCountry().get()
                    + "': expected an ISO 3166-1 alpha-2 country code such as US or GB");
        }
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        Instant now = clock.instant();
        Address a = new Address(Sid.generate(SID_PREFIX), owner.sid(), customerName, f.friendlyName().filter(n -> !n.isEmpty()),
                street, f.streetSecondary().filter(s -> !s.isEmpty()), city, region, postalCode, country,
                f.emergencyEnabled().orElse(false), now, now);
        return addresses.insert(a, Audit.of(x -> event(caller, owner, x, "created", properties(x))));
    }

    public Address fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<Address> list(Caller caller, String accountSid, AddressFilter filter, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        return addresses.list(accountSid, filter.isoCountry().isPresent()
                ? new AddressFilter(filter.customerName(), filter.friendlyName(), filter.emergencyEnabled(),
                        filter.isoCountry().map(c -> c.toUpperCase(Locale.ROOT)))
                : filter, page);
    }

    public Address update(Caller caller, String accountSid, String sid, Fields f) {
        Account owner = Access.reachToChange(caller, accountSid, accounts, "update Address");
        Address current = find(accountSid, sid);
        if (f.isoCountry().isPresent() && !f.isoCountry().get().equalsIgnoreCase(current.isoCountry())) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "IsoCountry cannot be updated: create a new Address for another country");
        }
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        checkLengths(f);
        Optional<String> customerName = nonEmpty("CustomerName", f.customerName());
        Optional<String> street = nonEmpty("Street", f.street());
        Optional<String> city = nonEmpty("City", f.city());
        Optional<String> region = nonEmpty("Region", f.region());
        Optional<String> postalCode = nonEmpty("PostalCode", f.postalCode());
        Instant now = clock.instant();
        // Applied by the store to the row it holds locked, so a concurrent update of other fields is kept.
        UnaryOperator<Address> change = locked -> new Address(locked.sid(), locked.accountSid(),
                customerName.orElse(locked.customerName()),
                f.friendlyName().isPresent() ? f.friendlyName().filter(n -> !n.isEmpty()) : locked.friendlyName(),
                street.orElse(locked.street()),
                f.streetSecondary().isPresent() ? f.streetSecondary().filter(s -> !s.isEmpty()) : locked.streetSecondary(),
                city.orElse(locked.city()), region.orElse(locked.region()), postalCode.orElse(locked.postalCode()),
                locked.isoCountry(), f.emergencyEnabled().orElse(locked.emergencyEnabled()), locked.dateCreated(), now);
        return addresses.update(accountSid, sid, change, Auditor.updates(AddressService::properties,
                        (after, changes) -> event(caller, owner, after, "updated", changes)))
                .orElseThrow(TwilioException::notFound);
    }

    public void delete(Caller caller, String accountSid, String sid) {
        Account owner = Access.reachToChange(caller, accountSid, accounts, "delete Address");
        if (!Sid.isValid(sid, SID_PREFIX)) throw TwilioException.notFound();
        AddressStore.Deletion result = addresses.delete(accountSid, sid, Audit.of(x -> event(caller, owner, x, "deleted", properties(x))));
        if (result instanceof AddressStore.Deletion.NotFound) throw TwilioException.notFound();
        if (result instanceof AddressStore.Deletion.InUse inUse) throw TwilioException.of(ErrorCode.ADDRESS_IN_USE, sid, inUse.dependents());
    }

    private Address find(String accountSid, String sid) {
        if (!Sid.isValid(sid, SID_PREFIX)) throw TwilioException.notFound();
        return addresses.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    /**
     * Twilio documents no limit for the address lines; accountd keeps each to {@value #MAX_FIELD_LENGTH} characters,
     * far beyond any postal address, so that a stray upload cannot become an address.
     */
    private static void checkLengths(Fields f) {
        Map<String, Optional<String>> lines = new java.util.LinkedHashMap<>();
        lines.put("CustomerName", f.customerName());
        lines.put("Street", f.street());
        lines.put("StreetSecondary", f.streetSecondary());
        lines.put("City", f.city());
        lines.put("Region", f.region());
        lines.put("PostalCode", f.postalCode());
        lines.forEach((name, value) -> {
            int length = value.map(v -> v.codePointCount(0, v.length())).orElse(0);
            if (length > MAX_FIELD_LENGTH) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        name + " is too long: at most " + MAX_FIELD_LENGTH + " characters, got " + length);
            }
        });
    }

    private static String required(String name, Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, name));
    }

    private static Optional<String> nonEmpty(String name, Optional<String> value) {
        if (value.isPresent() && value.get().isBlank()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, name + " cannot be empty");
        }
        return value;
    }

    private Event event(Caller caller, Account owner, Address a, String action, Map<String, Object> data) {
        return auditor.event(caller, "address." + action, "address", a.sid(), owner.sid(), owner.mainSid(), data);
    }

    /** What an address's events show: its fields, none of them secret. */
    private static Map<String, Object> properties(Address a) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("customer_name", a.customerName());
        p.put("friendly_name", a.friendlyName().orElse(null));
        p.put("street", a.street());
        p.put("street_secondary", a.streetSecondary().orElse(null));
        p.put("city", a.city());
        p.put("region", a.region());
        p.put("postal_code", a.postalCode());
        p.put("iso_country", a.isoCountry());
        p.put("emergency_enabled", a.emergencyEnabled());
        return p;
    }
}
