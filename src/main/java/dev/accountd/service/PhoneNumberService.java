package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AvailableNumber;
import dev.accountd.domain.Event;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AddressStore;
import dev.accountd.store.Audit;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.Change;
import dev.accountd.store.PhoneNumberStore.Purchase;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IncomingPhoneNumbers: buying numbers from the simulated {@link Inventory}, configuring, releasing and
 * transferring them between the accounts of one family, and the address rules that go with them.
 */
public final class PhoneNumberService {
    private static final int AREA_CODE_BATCH = 20;

    private final AccountStore accounts;
    private final AddressStore addresses;
    private final PhoneNumberStore numbers;
    private final Inventory inventory;
    private final Auditor auditor;
    private final Clock clock;

    public PhoneNumberService(AccountStore accounts, AddressStore addresses, PhoneNumberStore numbers, Inventory inventory,
                              Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.numbers = numbers;
        this.inventory = inventory;
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

    /** What to buy: a number, or any number of a US or Canadian area code. */
    public record Wanted(Optional<String> phoneNumber, Optional<String> areaCode) {}

    /** The list filters as sent. */
    public record ListFilter(Optional<String> friendlyName, Optional<String> phoneNumber, Optional<String> origin) {}

    public PhoneNumber purchase(Caller caller, String accountSid, Optional<NumberType> via, Wanted wanted, Fields f) {
        Account owner = Access.reach(caller, accountSid, accounts, collection(accountSid, via));
        if (owner.effectiveStatus() != AccountStatus.ACTIVE) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        checkWanted(via, wanted);
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        for (NumberSetting s : NumberSetting.values()) if (s.defaultValue() != null) settings.put(s, s.defaultValue());
        apply(settings, f.settings());
        Optional<String> emergency = f.emergencyAddressSid().filter(v -> !v.isEmpty());
        emergency.ifPresent(sid -> ownAddress(owner, "EmergencyAddressSid", sid));
        Optional<String> addressSid = f.addressSid().filter(v -> !v.isEmpty());
        addressSid.ifPresent(sid -> checkAddressSid("AddressSid", sid));
        Instant now = clock.instant();
        if (wanted.phoneNumber().isPresent()) {
            AvailableNumber n = requested(via, wanted.phoneNumber().get().trim());
            return buy(caller, owner, n, sentAddress(owner, addressSid), emergency, f, settings, now)
                    .orElseThrow(() -> TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, n.phoneNumber()));
        }
        // Any free number of the area code. Each number lost to a concurrent buyer is one fewer free number, so the
        // loop ends: with a purchase, or with 21452 once the area code really has no free number left.
        String area = wanted.areaCode().orElseThrow();
        Optional<Address> address = sentAddress(owner, addressSid); // looked up once, not once per candidate
        while (true) {
            List<AvailableNumber> free = freeInArea(area);
            if (free.isEmpty()) throw TwilioException.of(ErrorCode.NO_NUMBERS_IN_AREA_CODE, area);
            for (AvailableNumber n : free) {
                Optional<PhoneNumber> bought = buy(caller, owner, n, address, emergency, f, settings, now);
                if (bought.isPresent()) return bought.get();
            }
        }
    }

    /** Buys one inventory number; empty when another account owns it (or bought it first, concurrently). */
    private Optional<PhoneNumber> buy(Caller caller, Account owner, AvailableNumber n, Optional<Address> sentAddress,
                                      Optional<String> emergency, Fields f, Map<NumberSetting, String> settings, Instant now) {
        AddressRequirement requirement = AddressRequirement.fromWire(n.addressRequirements()).orElseThrow();
        Optional<String> address = purchaseAddress(owner, n, requirement, sentAddress);
        NumberType type = NumberType.fromPath(n.type()).orElseThrow();
        PhoneNumber number = new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), owner.sid(), n.phoneNumber(),
                f.friendlyName().filter(v -> !v.isEmpty()).orElse(n.friendlyName()), n.isoCountry(), type, requirement,
                new PhoneNumber.Capabilities(n.voice(), n.sms(), n.mms(), n.fax()), address, emergency, settings, now, now);
        Purchase result = numbers.insert(number, Audit.of(x -> event(caller, owner, x, "created", properties(x))));
        if (result instanceof Purchase.Bought bought) return Optional.of(bought.number());
        if (result instanceof Purchase.AccountNotActive) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        if (result instanceof Purchase.AddressGone gone) {
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, "Address " + gone.addressSid() + " no longer exists");
        }
        return Optional.empty();
    }

    /** Checks that a purchase names exactly one of PhoneNumber and AreaCode (PhoneNumber only on a typed list), well formed. */
    private static void checkWanted(Optional<NumberType> via, Wanted wanted) {
        if (wanted.phoneNumber().isPresent() && wanted.areaCode().isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Send PhoneNumber or AreaCode, not both");
        }
        if (wanted.phoneNumber().isPresent()) {
            String e164 = wanted.phoneNumber().get().trim();
            if (!e164.matches("\\+[1-9]\\d{6,14}")) {
                throw TwilioException.of(ErrorCode.PHONE_NUMBER_INVALID, "'" + e164 + "' is not an E.164 number such as +14155550123");
            }
            return;
        }
        if (via.isPresent()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "PhoneNumber");
        String area = wanted.areaCode().orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "PhoneNumber or AreaCode"));
        if (!isAreaCode(area)) throw TwilioException.of(ErrorCode.INVALID_AREA_CODE, area);
    }

    /** A North American area code: three digits, the first 2–9 (NANP numbering plan). */
    public static boolean isAreaCode(String s) { return s.matches("[2-9]\\d{2}"); }

    /** The inventory number a purchase by PhoneNumber names, if it is free and of the type the typed list sells. */
    private AvailableNumber requested(Optional<NumberType> via, String e164) {
        AvailableNumber n = inventory.number(e164).orElseThrow(() -> TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164));
        if (via.isPresent() && !via.get().path().equals(n.type())) {
            throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164 + " as a " + via.get().path() + " number (it is " + n.type() + ")");
        }
        if (!numbers.owned(List.of(e164)).isEmpty()) throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164);
        return n;
    }

    /** A batch of the area code's local numbers that no account owns, in inventory order. */
    private List<AvailableNumber> freeInArea(String area) {
        List<AvailableNumber> inArea = new ArrayList<>();
        for (String country : List.of("US", "CA")) {
            for (AvailableNumber n : inventory.numbers(country, NumberType.LOCAL.path())) {
                if (n.phoneNumber().startsWith("+1" + area)) inArea.add(n);
            }
        }
        Set<String> owned = numbers.owned(inArea.stream().map(AvailableNumber::phoneNumber).toList());
        return inArea.stream().filter(n -> !owned.contains(n.phoneNumber())).limit(AREA_CODE_BATCH).toList();
    }

    /** The Address a purchase names by AddressSid, which must be one of the buyer's. */
    private Optional<Address> sentAddress(Account owner, Optional<String> sid) {
        return sid.map(s -> addresses.find(owner.sid(), s).orElseThrow(() -> TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS,
                "AddressSid " + s + " is not an Address of account " + owner.sid())));
    }

    /** The AddressSid a purchase gives the number: the one sent, which must meet the number's requirement. */
    private static Optional<String> purchaseAddress(Account owner, AvailableNumber n, AddressRequirement requirement, Optional<Address> sent) {
        if (sent.isEmpty()) {
            if (requirement == AddressRequirement.NONE) return Optional.empty();
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, n.phoneNumber() + " needs " + requirement.describe(n.isoCountry())
                    + " of account " + owner.sid() + "; send its AddressSid");
        }
        Address a = sent.get();
        if (!requirement.satisfiedBy(a.isoCountry(), n.isoCountry())) {
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, n.phoneNumber() + " needs " + requirement.describe(n.isoCountry())
                    + "; Address " + a.sid() + " is in " + a.isoCountry());
        }
        return Optional.of(a.sid());
    }

    public PhoneNumber fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts, path(accountSid, sid));
        return find(accountSid, sid);
    }

    public Slice<PhoneNumber> list(Caller caller, String accountSid, Optional<NumberType> type, ListFilter filter, PageRequest page) {
        Access.reach(caller, accountSid, accounts, collection(accountSid, type));
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
        Account owner = Access.reach(caller, accountSid, accounts, path(accountSid, sid));
        PhoneNumber current = find(accountSid, sid);
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        settings.putAll(current.settings());
        apply(settings, f.settings());
        String name = f.friendlyName().map(v -> v.isEmpty() ? inventory.number(current.phoneNumber())
                .map(AvailableNumber::friendlyName).orElse(current.phoneNumber()) : v).orElse(current.friendlyName());
        Instant now = clock.instant();
        Optional<String> target = newOwner.filter(v -> !v.isEmpty()); // an empty value, as for every field, changes nothing
        if (target.isPresent() && !target.get().equals(current.accountSid())) {
            return transfer(caller, owner, current, target.get(), name, settings, f, now);
        }
        Optional<String> address = f.addressSid().isPresent() ? f.addressSid().filter(v -> !v.isEmpty()) : current.addressSid();
        if (f.addressSid().isPresent()) {
            if (address.isEmpty() && current.addressRequirements() != AddressRequirement.NONE) {
                throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, current.phoneNumber() + " needs "
                        + current.addressRequirements().describe(current.isoCountry()) + ": its AddressSid cannot be removed");
            }
            address.ifPresent(a -> {
                Address found = ownAddress(owner, "AddressSid", a);
                if (!current.addressRequirements().satisfiedBy(found.isoCountry(), current.isoCountry())) {
                    throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, current.phoneNumber() + " needs "
                            + current.addressRequirements().describe(current.isoCountry()) + "; Address " + a + " is in " + found.isoCountry());
                }
            });
        }
        Optional<String> emergency = f.emergencyAddressSid().isPresent()
                ? f.emergencyAddressSid().filter(v -> !v.isEmpty()) : current.emergencyAddressSid();
        if (f.emergencyAddressSid().isPresent()) emergency.ifPresent(e -> ownAddress(owner, "EmergencyAddressSid", e));
        PhoneNumber changed = new PhoneNumber(current.sid(), current.accountSid(), current.phoneNumber(), name, current.isoCountry(),
                current.type(), current.addressRequirements(), current.capabilities(), address, emergency, settings,
                current.dateCreated(), now);
        Change result = numbers.update(changed, (before, after) -> {
            Map<String, Object> changes = Auditor.changes(properties(before), properties(after));
            return changes.isEmpty() ? Optional.empty() : Optional.of(event(caller, owner, after, "updated", changes));
        });
        if (result instanceof Change.Changed c) return c.number();
        if (result instanceof Change.AddressGone g) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Address " + g.addressSid() + " no longer exists");
        }
        throw Access.notFound(path(accountSid, sid));
    }

    private PhoneNumber transfer(Caller caller, Account owner, PhoneNumber current, String targetSid, String name,
                                 Map<NumberSetting, String> settings, Fields f, Instant now) {
        if (!caller.isMainAuthToken()) throw TwilioException.of(ErrorCode.TRANSFER_NOT_BY_MAIN);
        if (!Sid.isValid(targetSid, Sid.ACCOUNT)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid AccountSid '" + targetSid + "': expected an Account SID (AC…)");
        }
        Account target = accounts.find(targetSid).orElse(null);
        if (target == null || !target.mainSid().equals(owner.mainSid())) {
            throw TwilioException.of(ErrorCode.TRANSFER_OUTSIDE_FAMILY, targetSid);
        }
        if (target.effectiveStatus() != AccountStatus.ACTIVE) throw TwilioException.of(ErrorCode.TRANSFER_TARGET_NOT_ACTIVE);
        // Sent with AccountSid, the addresses are the new owner's (Twilio's transfer procedure): the number needs them there.
        Optional<String> address = f.addressSid().filter(v -> !v.isEmpty());
        if (address.isPresent()) {
            Address a = targetAddress(target, current, "AddressSid", address.get());
            if (!current.addressRequirements().satisfiedBy(a.isoCountry(), current.isoCountry())) {
                throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, current.phoneNumber() + " needs "
                        + current.addressRequirements().describe(current.isoCountry()) + "; Address " + a.sid() + " is in " + a.isoCountry());
            }
        }
        Optional<String> emergency = f.emergencyAddressSid().filter(v -> !v.isEmpty());
        emergency.ifPresent(e -> targetAddress(target, current, "EmergencyAddressSid", e));
        PhoneNumber configured = new PhoneNumber(current.sid(), current.accountSid(), current.phoneNumber(), name, current.isoCountry(),
                current.type(), current.addressRequirements(), current.capabilities(), current.addressSid(),
                current.emergencyAddressSid(), settings, current.dateCreated(), now);
        Change result = numbers.transfer(configured, target.sid(), address, emergency, now, (before, after) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("previous_account_sid", before.accountSid());
            data.put("account_sid", after.accountSid());
            data.putAll(Auditor.changes(properties(before), properties(after)));
            return Optional.of(auditor.event(caller, "phone-number.transferred", "phone-number", after.sid(), after.accountSid(),
                    owner.mainSid(), data));
        });
        if (result instanceof Change.Changed c) return c.number();
        if (result instanceof Change.TargetNotActive) throw TwilioException.of(ErrorCode.TRANSFER_TARGET_NOT_ACTIVE);
        if (result instanceof Change.AddressGone g) {
            throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, "Address " + g.addressSid() + " no longer exists");
        }
        if (result instanceof Change.TargetNeedsAddress) {
            throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, current.phoneNumber() + " needs "
                    + current.addressRequirements().describe(current.isoCountry()) + " of account " + target.sid()
                    + "; create one there before the transfer");
        }
        throw Access.notFound(path(current.accountSid(), current.sid()));
    }

    public void release(Caller caller, String accountSid, String sid) {
        Account owner = Access.reach(caller, accountSid, accounts, path(accountSid, sid));
        boolean released = Sid.isValid(sid, PhoneNumber.SID_PREFIX)
                && numbers.delete(accountSid, sid, Audit.of(x -> event(caller, owner, x, "deleted", properties(x))));
        if (!released) throw Access.notFound(path(accountSid, sid));
    }

    /** DependentPhoneNumbers: the numbers that use an address. */
    public Slice<PhoneNumber> dependents(Caller caller, String accountSid, String addressSid, PageRequest page) {
        String path = "/2010-04-01/Accounts/" + accountSid + "/Addresses/" + addressSid + "/DependentPhoneNumbers.json";
        Access.reach(caller, accountSid, accounts, path);
        if (!Sid.isValid(addressSid, AddressService.SID_PREFIX) || addresses.find(accountSid, addressSid).isEmpty()) {
            throw Access.notFound(path);
        }
        return numbers.listDependents(accountSid, addressSid, page);
    }

    /** The events of the numbers a closing account releases, in the transaction of the close. */
    static Audit<PhoneNumber> releasedOnClose(Auditor auditor, Caller caller, String mainSid) {
        return Audit.of(n -> {
            Map<String, Object> data = properties(n);
            data.put("reason", "account-closed");
            return auditor.event(caller, "phone-number.deleted", "phone-number", n.sid(), n.accountSid(), mainSid, data);
        });
    }

    private static void checkAddressSid(String param, String sid) {
        if (!Sid.isValid(sid, AddressService.SID_PREFIX)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + param + " '" + sid + "': expected an Address SID (AD…)");
        }
    }

    /** An address named in a transfer: one of the new owner's. */
    private Address targetAddress(Account target, PhoneNumber number, String param, String sid) {
        checkAddressSid(param, sid);
        return addresses.find(target.sid(), sid).orElseThrow(() -> TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS,
                number.phoneNumber() + ": " + param + " " + sid + " is not an Address of account " + target.sid() + ", its new owner"));
    }

    private Address ownAddress(Account owner, String param, String sid) {
        checkAddressSid(param, sid);
        return addresses.find(owner.sid(), sid).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                param + " " + sid + " is not an Address of account " + owner.sid()));
    }

    private PhoneNumber find(String accountSid, String sid) {
        if (!Sid.isValid(sid, PhoneNumber.SID_PREFIX)) throw Access.notFound(path(accountSid, sid));
        return numbers.find(accountSid, sid).orElseThrow(() -> Access.notFound(path(accountSid, sid)));
    }

    /**
     * Checks and applies the sent settings: an empty value resets a setting to its default. A number routes calls
     * to a trunk or to an application, not both: setting one clears the other (the spec's TrunkSid rule).
     */
    private static void apply(Map<NumberSetting, String> settings, Map<NumberSetting, String> sent) {
        sent.forEach((s, raw) -> {
            if (raw.isEmpty()) {
                if (s.defaultValue() == null) settings.remove(s); else settings.put(s, s.defaultValue());
            } else {
                settings.put(s, checked(s, raw));
            }
        });
        boolean trunk = !sent.getOrDefault(NumberSetting.TRUNK_SID, "").isEmpty();
        boolean application = !sent.getOrDefault(NumberSetting.VOICE_APPLICATION_SID, "").isEmpty();
        if (trunk && application) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                    "Send TrunkSid or VoiceApplicationSid, not both: setting one clears the other");
        }
        if (trunk) settings.remove(NumberSetting.VOICE_APPLICATION_SID);
        if (application) settings.remove(NumberSetting.TRUNK_SID);
    }

    private static String checked(NumberSetting s, String raw) {
        return switch (s.kind()) {
            case URL -> {
                if (!isWebUrl(raw)) throw invalid(s, raw, "an absolute http or https URL");
                yield raw;
            }
            case METHOD -> {
                String m = raw.toUpperCase(Locale.ROOT);
                if (!m.equals("GET") && !m.equals("POST")) throw invalid(s, raw, "GET or POST");
                yield m;
            }
            case SID -> {
                if (!Sid.isValid(raw, s.allowed().get(0))) throw invalid(s, raw, "a SID starting with " + s.allowed().get(0));
                yield raw;
            }
            case BOOLEAN -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> "true";
                case "false" -> "false";
                default -> throw invalid(s, raw, "true or false");
            };
            case CHOICE -> s.allowed().stream().filter(v -> v.equalsIgnoreCase(raw)).findFirst()
                    .orElseThrow(() -> invalid(s, raw, "one of " + String.join(", ", s.allowed())));
        };
    }

    private static boolean isWebUrl(String raw) {
        try {
            URI uri = new URI(raw);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static TwilioException invalid(NumberSetting s, String raw, String expected) {
        return TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + s.param() + " '" + raw + "': expected " + expected);
    }

    private Event event(Caller caller, Account owner, PhoneNumber n, String action, Map<String, Object> data) {
        return auditor.event(caller, "phone-number." + action, "phone-number", n.sid(), owner.sid(), owner.mainSid(), data);
    }

    /** What a number's events show: its number, name, addresses and settings, none of them secret. */
    private static Map<String, Object> properties(PhoneNumber n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("phone_number", n.phoneNumber());
        p.put("friendly_name", n.friendlyName());
        p.put("address_sid", n.addressSid().orElse(null));
        p.put("emergency_address_sid", n.emergencyAddressSid().orElse(null));
        for (NumberSetting s : NumberSetting.values()) p.put(s.field(), n.settings().get(s));
        return p;
    }

    private static String collection(String accountSid, Optional<NumberType> type) {
        return "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers" + type.map(t -> "/" + t.path()).orElse("") + ".json";
    }

    private static String path(String accountSid, String sid) {
        return "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + sid + ".json";
    }
}
