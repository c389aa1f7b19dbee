package dev.accountd.service;

import static dev.accountd.service.PhoneNumberRules.needs;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.PhoneNumberService.Fields;
import dev.accountd.store.AccountStore;
import dev.accountd.store.AddressStore;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.UpdateResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Moving a phone number between the accounts of one family ({@code AccountSid} on UpdateIncomingPhoneNumber, with
 * the main account's auth token). The number keeps its SID and settings; the addresses are the new owner's.
 */
final class NumberTransferService {
    private final AccountStore accounts;
    private final AddressStore addresses;
    private final PhoneNumberStore numbers;
    private final Auditor auditor;

    NumberTransferService(AccountStore accounts, AddressStore addresses, PhoneNumberStore numbers, Auditor auditor) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.numbers = numbers;
        this.auditor = auditor;
    }

    /**
     * Transfers {@code current}, with these already checked settings and name, to {@code targetSid}.
     *
     * @param f the request's fields: its AddressSid and EmergencyAddressSid name addresses of the new owner
     */
    PhoneNumber transfer(Caller caller, Account owner, PhoneNumber current, String targetSid, UnaryOperator<PhoneNumber> settings,
                         Fields f, Instant now) {
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
                throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, needs(current) + "; Address " + a.sid() + " is in " + a.isoCountry());
            }
        }
        Optional<String> emergency = f.emergencyAddressSid().filter(v -> !v.isEmpty());
        emergency.ifPresent(e -> targetAddress(target, current, "EmergencyAddressSid", e));
        UpdateResult result = numbers.transfer(current.accountSid(), current.sid(), settings, target.sid(), address, emergency, now, (before, after) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("previous_account_sid", before.accountSid());
            data.put("account_sid", after.accountSid());
            data.putAll(Auditor.changes(PhoneNumberRules.properties(before), PhoneNumberRules.properties(after)));
            return Optional.of(auditor.event(caller, "phone-number.transferred", "phone-number", after.sid(), after.accountSid(),
                    owner.mainSid(), data));
        });
        if (result instanceof UpdateResult.Changed c) return c.number();
        if (result instanceof UpdateResult.TargetNotActive) throw TwilioException.of(ErrorCode.TRANSFER_TARGET_NOT_ACTIVE);
        if (result instanceof UpdateResult.AddressGone g) {
            throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, "Address " + g.addressSid() + " no longer exists");
        }
        if (result instanceof UpdateResult.TargetNeedsAddress) {
            throw TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS, needs(current) + " of account " + target.sid()
                    + "; create one there before the transfer");
        }
        throw TwilioException.notFound();
    }

    /** An address named in a transfer: one of the new owner's. */
    private Address targetAddress(Account target, PhoneNumber number, String param, String sid) {
        PhoneNumberRules.checkAddressSid(param, sid);
        return addresses.find(target.sid(), sid).orElseThrow(() -> TwilioException.of(ErrorCode.TRANSFER_NEEDS_ADDRESS,
                number.phoneNumber() + ": " + param + " " + sid + " is not an Address of account " + target.sid() + ", its new owner"));
    }
}
