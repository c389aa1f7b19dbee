package dev.accountd.service;

import static dev.accountd.service.PhoneNumberRules.needs;

import dev.accountd.domain.Account;
import dev.accountd.domain.Address;
import dev.accountd.domain.Event;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AddressStore;
import dev.accountd.store.Audit;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * IncomingPhoneNumbers once bought: fetching and listing them, configuring them (and, through
 * {@link NumberTransferService}, moving them within the family), releasing them, and an Address's
 * DependentPhoneNumbers. Buying is {@link NumberPurchaseService}.
 */
public final class PhoneNumberService {
    private final AccountStore accounts;
    private final AddressStore addresses;
    private final PhoneNumberStore numbers;
    private final NumberTransferService transfers;
    private final dev.accountd.store.ApplicationStore applications;
    private final Auditor auditor;
    private final Clock clock;

    public PhoneNumberService(AccountStore accounts, AddressStore addresses, PhoneNumberStore numbers,
                              dev.accountd.store.ApplicationStore applications, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.applications = applications;
        this.addresses = addresses;
        this.numbers = numbers;
        this.transfers = new NumberTransferService(accounts, addresses, numbers, auditor);
        this.auditor = auditor;
        this.clock = clock;
    }

    /**
     * The form parameters of create and update, as sent; empty where not sent.
     *
     * @param settings the raw values of the {@link NumberSetting}s that were sent (an empty value resets one)
     */
    public record Fields(Optional<String> friendlyName, Optional<String> addressSid, Optional<String> emergencyAddressSid,
                         Map<NumberSetting, String> settings) {}

    /** The list filters as sent. */
    public record ListFilter(Optional<String> friendlyName, Optional<String> phoneNumber, Optional<String> origin) {}

    public PhoneNumber fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<PhoneNumber> list(Caller caller, String accountSid, Optional<NumberType> type, ListFilter filter, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        Optional<String> origin = filter.origin().map(o -> {
            if (!o.equals("twilio") && !o.equals("hosted")) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Origin '" + o + "': expected twilio or hosted");
            }
            return o;
        });
        return numbers.list(accountSid, new PhoneNumberStore.Filter(type, filter.friendlyName(),
                filter.phoneNumber().map(PhoneNumberService::likePattern), origin), page);
    }

    /**
     * Twilio's partial PhoneNumber filter as a SQL LIKE pattern: {@code *} is any one digit, a leading {@code +}
     * anchors the start, and formatting characters are ignored, so {@code (415) 555} finds +14155550123.
     */
    static String likePattern(String raw) {
        String compact = raw.replaceAll("[\\s()\\-.]", "");
        if (!compact.matches("\\+?[0-9*]+")) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                    "Invalid PhoneNumber '" + raw + "': digits, an optional leading + and * (any one digit)");
        }
        String body = compact.replace('*', '_');
        return compact.startsWith("+") ? body + "%" : "%" + body + "%";
    }

    /** Updates a number's settings and, with {@code AccountSid}, transfers it; both or neither happen. */
    public PhoneNumber update(Caller caller, String accountSid, String sid, Optional<String> newOwner, Fields f) {
        Account owner = Access.reachToChange(caller, accountSid, accounts, "update IncomingPhoneNumber");
        PhoneNumber current = find(accountSid, sid);
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        Instant now = clock.instant();
        UnaryOperator<PhoneNumber> settings = locked -> configured(locked, f, now);
        PhoneNumber configured = settings.apply(current); // the sent values are checked here, before the transaction
        Optional<String> target = newOwner.filter(v -> !v.isEmpty()); // an empty value, as for every field, changes nothing
        PhoneNumberRules.checkApplications(applications, target.orElse(current.accountSid()), configured.settings());
        if (target.isPresent() && !target.get().equals(current.accountSid())) {
            return transfers.transfer(caller, owner, current, target.get(), settings, f, now);
        }
        if (f.addressSid().isPresent()) {
            Optional<String> address = f.addressSid().filter(v -> !v.isEmpty());
            if (address.isEmpty() && current.addressRequirements() != AddressRequirement.NONE) {
                throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, needs(current) + ": its AddressSid cannot be removed");
            }
            address.ifPresent(a -> {
                Address found = ownAddress(addresses, owner, "AddressSid", a);
                if (!current.addressRequirements().satisfiedBy(found.isoCountry(), current.isoCountry())) {
                    throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, needs(current) + "; Address " + a + " is in " + found.isoCountry());
                }
            });
        }
        f.emergencyAddressSid().filter(v -> !v.isEmpty()).ifPresent(e -> ownAddress(addresses, owner, "EmergencyAddressSid", e));
        // The store applies the sent values to the row it holds locked, so a concurrent update of other settings is kept.
        UnaryOperator<PhoneNumber> change = locked -> {
            PhoneNumber c = settings.apply(locked);
            Optional<String> address = f.addressSid().isPresent() ? f.addressSid().filter(v -> !v.isEmpty()) : locked.addressSid();
            Optional<String> emergency = f.emergencyAddressSid().isPresent()
                    ? f.emergencyAddressSid().filter(v -> !v.isEmpty()) : locked.emergencyAddressSid();
            return new PhoneNumber(c.sid(), c.accountSid(), c.phoneNumber(), c.friendlyName(), c.isoCountry(), c.type(),
                    c.addressRequirements(), c.capabilities(), address, emergency, c.settings(), c.dateCreated(), c.dateUpdated());
        };
        UpdateResult result = numbers.update(accountSid, sid, change, Auditor.updates(PhoneNumberRules::properties,
                (after, changes) -> event(caller, owner, after, "updated", changes)));
        if (result instanceof UpdateResult.Changed c) return c.number();
        if (result instanceof UpdateResult.AddressGone g) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Address " + g.addressSid() + " no longer exists");
        }
        throw TwilioException.notFound();
    }

    /** A number with the sent name and settings applied (an empty value resets one); its addresses as they were. */
    private static PhoneNumber configured(PhoneNumber n, Fields f, Instant now) {
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        settings.putAll(n.settings());
        PhoneNumberRules.apply(settings, f.settings());
        String name = f.friendlyName().map(v -> v.isEmpty() ? PhoneNumbers.friendlyName(n.phoneNumber()) : v).orElse(n.friendlyName());
        return new PhoneNumber(n.sid(), n.accountSid(), n.phoneNumber(), name, n.isoCountry(), n.type(), n.addressRequirements(),
                n.capabilities(), n.addressSid(), n.emergencyAddressSid(), settings, n.dateCreated(), now);
    }

    public void release(Caller caller, String accountSid, String sid) {
        Account owner = Access.reachToChange(caller, accountSid, accounts, "delete IncomingPhoneNumber");
        boolean released = Sid.isValid(sid, PhoneNumber.SID_PREFIX)
                && numbers.delete(accountSid, sid, Audit.of(x -> event(caller, owner, x, "deleted", PhoneNumberRules.properties(x))));
        if (!released) throw TwilioException.notFound();
    }

    /** DependentPhoneNumbers: the numbers that use an address. */
    public Slice<PhoneNumber> dependents(Caller caller, String accountSid, String addressSid, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        if (!Sid.isValid(addressSid, AddressService.SID_PREFIX) || addresses.find(accountSid, addressSid).isEmpty()) {
            throw TwilioException.notFound();
        }
        return numbers.listDependents(accountSid, addressSid, page);
    }

    /** The events of the numbers a closing account releases, in the transaction of the close. */
    static Audit<PhoneNumber> releasedOnClose(Auditor auditor, Caller caller, String mainSid) {
        return Audit.of(n -> {
            Map<String, Object> data = PhoneNumberRules.properties(n);
            data.put("reason", "account-closed");
            return auditor.event(caller, "phone-number.deleted", "phone-number", n.sid(), n.accountSid(), mainSid, data);
        });
    }

    /** An address named by a number's owner: one of its own. */
    static Address ownAddress(AddressStore addresses, Account owner, String param, String sid) {
        PhoneNumberRules.checkAddressSid(param, sid);
        return addresses.find(owner.sid(), sid).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                param + " " + sid + " is not an Address of account " + owner.sid()));
    }

    private PhoneNumber find(String accountSid, String sid) {
        if (!Sid.isValid(sid, PhoneNumber.SID_PREFIX)) throw TwilioException.notFound();
        return numbers.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    private Event event(Caller caller, Account owner, PhoneNumber n, String action, Map<String, Object> data) {
        return PhoneNumberRules.event(auditor, caller, owner, n, action, data);
    }
}
