package dev.accountd.service;

import static dev.accountd.service.PhoneNumberRules.needs;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AvailableNumber;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.service.PhoneNumberService.Fields;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AddressStore;
import dev.accountd.store.Audit;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Buying a phone number (CreateIncomingPhoneNumber and its Local, Mobile and TollFree forms): a number of the
 * simulated {@link Inventory} by its E.164 form, or the first free number of a US or Canadian area code, with the
 * address the number's requirement asks for. The purchase records the number's place in its block, which moves
 * the block's cursor (see {@link InventorySearch}).
 */
public final class NumberPurchaseService {
    private static final int AREA_CODE_BATCH = 20;

    private final AccountStore accounts;
    private final AddressStore addresses;
    private final PhoneNumberStore numbers;
    private final Inventory inventory;
    private final InventorySearch finder;
    private final PriceBook prices;
    private final Auditor auditor;
    private final Clock clock;

    private final dev.accountd.store.ApplicationStore applications;
    private final TestCredentials testCredentials;

    public NumberPurchaseService(AccountStore accounts, AddressStore addresses, PhoneNumberStore numbers, Inventory inventory,
                                 PriceBook prices, dev.accountd.store.ApplicationStore applications, TestCredentials testCredentials,
                                 Auditor auditor, Clock clock) {
        this.applications = applications;
        this.testCredentials = testCredentials;
        this.prices = prices;
        this.accounts = accounts;
        this.addresses = addresses;
        this.numbers = numbers;
        this.inventory = inventory;
        this.finder = new InventorySearch(numbers);
        this.auditor = auditor;
        this.clock = clock;
    }

    /** What to buy: a number, or any number of a US or Canadian area code. */
    public record Wanted(Optional<String> phoneNumber, Optional<String> areaCode) {}

    public PhoneNumber purchase(Caller caller, String accountSid, Optional<NumberType> via, Wanted wanted, Fields f) {
        if (caller.isTest()) return testCredentials.purchase(caller, accountSid, wanted.phoneNumber(), wanted.areaCode());
        Account owner = Access.reachToChange(caller, accountSid, accounts, "buy a phone number");
        if (owner.effectiveStatus() != AccountStatus.ACTIVE) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        checkWanted(via, wanted);
        f.friendlyName().ifPresent(AccountService::checkFriendlyName);
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        for (NumberSetting s : NumberSetting.values()) if (s.defaultValue() != null) settings.put(s, s.defaultValue());
        PhoneNumberRules.apply(settings, f.settings());
        PhoneNumberRules.checkApplications(applications, owner.sid(), settings);
        Optional<String> emergency = f.emergencyAddressSid().filter(v -> !v.isEmpty());
        emergency.ifPresent(sid -> PhoneNumberService.ownAddress(addresses, owner, "EmergencyAddressSid", sid));
        Optional<String> addressSid = f.addressSid().filter(v -> !v.isEmpty());
        addressSid.ifPresent(sid -> PhoneNumberRules.checkAddressSid("AddressSid", sid));
        Optional<Address> address = sentAddress(owner, addressSid); // looked up once, not once per candidate
        Instant now = clock.instant();
        if (wanted.phoneNumber().isPresent()) {
            InventorySearch.Candidate n = requested(via, wanted.phoneNumber().get().trim());
            return buy(caller, owner, n, address, emergency, f, settings, now)
                    .orElseThrow(() -> TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, n.e164()));
        }
        // The first free number of the area code. Each number lost to a concurrent buyer is one fewer free number, so
        // the loop ends: with a purchase, or with 21452 once the area code really has no free number left. A buyer
        // that lost the first candidate tries the others from a random one on: buyers racing in step would otherwise
        // all lose the same candidates, one after the other.
        String area = wanted.areaCode().orElseThrow();
        boolean lost = false;
        while (true) {
            List<InventorySearch.Candidate> free = new ArrayList<>(finder.free(inventory.areaCode(area), Optional.empty(), AREA_CODE_BATCH));
            if (free.isEmpty()) throw TwilioException.of(ErrorCode.NO_NUMBERS_IN_AREA_CODE, area);
            if (lost) Collections.rotate(free, -ThreadLocalRandom.current().nextInt(free.size()));
            for (InventorySearch.Candidate n : free) {
                Optional<PhoneNumber> bought = buy(caller, owner, n, address, emergency, f, settings, now);
                if (bought.isPresent()) return bought.get();
                if (!lost) {
                    lost = true;
                    break; // look again, and from a random candidate on
                }
            }
        }
    }

    /** Buys one inventory number; empty when another account owns it (or bought it first, concurrently). */
    private Optional<PhoneNumber> buy(Caller caller, Account owner, InventorySearch.Candidate candidate, Optional<Address> sentAddress,
                                      Optional<String> emergency, Fields f, Map<NumberSetting, String> settings, Instant now) {
        AvailableNumber n = candidate.block().available(candidate.e164());
        AddressRequirement requirement = candidate.block().addressRequirements();
        Optional<String> address = purchaseAddress(owner, n, requirement, sentAddress);
        NumberType type = NumberType.fromPath(n.type()).orElseThrow();
        PhoneNumber number = new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), owner.sid(), n.phoneNumber(),
                f.friendlyName().filter(v -> !v.isEmpty()).orElse(n.friendlyName()), n.isoCountry(), type, requirement,
                new PhoneNumber.Capabilities(n.voice(), n.sms(), n.mms(), n.fax()), address, emergency, settings, now, now);
        Money price = prices.monthlyNumberPrice(owner.mainSid(), n.isoCountry(), type).orElse(Money.zero(prices.currency()));
        PhoneNumberStore.Rental rental = new PhoneNumberStore.Rental(owner.mainSid(), price, NumberRental.nextBillingDay(now));
        Purchase result = numbers.insert(number, Optional.of(candidate.slot()), rental,
                Audit.of(x -> PhoneNumberRules.event(auditor, caller, owner, x, "created", PhoneNumberRules.properties(x))),
                BillingService.rechargeAudit(auditor, caller));
        if (result instanceof Purchase.Bought bought) return Optional.of(bought.number());
        if (result instanceof Purchase.AccountClosed) throw Access.closed("buy a phone number");
        if (result instanceof Purchase.AccountNotActive) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        if (result instanceof Purchase.OutOfFunds o) throw outOfFunds(owner, o.balance(), o.price());
        if (result instanceof Purchase.AddressGone gone) {
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, "Address " + gone.addressSid() + " no longer exists");
        }
        return Optional.empty();
    }

    /** 400 / 20005: the family's balance is zero or below, or cannot pay the number's first month. */
    private static TwilioException outOfFunds(Account owner, Money balance, Money price) {
        return TwilioException.of(ErrorCode.OUT_OF_FUNDS, "the balance of " + owner.mainSid() + " is " + balance
                + ", which cannot pay the number's first month (" + price + "); recharge it (POST /_accountd/v1/Accounts/"
                + owner.mainSid() + "/Recharges)");
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

    /** An AreaCode parameter as a number; 400 / 21451 when it is not a North American area code. */
    public static int areaCode(String s) {
        if (!isAreaCode(s)) throw TwilioException.of(ErrorCode.INVALID_AREA_CODE, s);
        return Integer.parseInt(s);
    }

    /**
     * The inventory number a purchase by PhoneNumber names, if it is free and of the type the typed list sells:
     * 21421 for a number libphonenumber calls invalid (unless an operator's block has it), 21422 for a valid one
     * accountd does not sell.
     */
    private InventorySearch.Candidate requested(Optional<NumberType> via, String e164) {
        Inventory.Located n = inventory.locate(e164).orElseThrow(() -> PhoneNumbers.isValid(e164)
                ? TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164)
                : TwilioException.of(ErrorCode.PHONE_NUMBER_INVALID, "'" + e164 + "' is not a valid phone number"));
        NumberType type = n.block().type();
        if (via.isPresent() && via.get() != type) {
            throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164 + " as a " + via.get().path() + " number (it is " + type.path() + ")");
        }
        if (!numbers.owned(List.of(e164)).isEmpty()) throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, e164);
        return new InventorySearch.Candidate(n.block(), n.position(), e164);
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
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, needs(n.phoneNumber(), requirement, n.isoCountry())
                    + " of account " + owner.sid() + "; send its AddressSid");
        }
        Address a = sent.get();
        if (!requirement.satisfiedBy(a.isoCountry(), n.isoCountry())) {
            throw TwilioException.of(ErrorCode.PURCHASE_NEEDS_ADDRESS, needs(n.phoneNumber(), requirement, n.isoCountry())
                    + "; Address " + a.sid() + " is in " + a.isoCountry());
        }
        return Optional.of(a.sid());
    }
}
