package dev.accountd.service;

import dev.accountd.domain.Call;
import dev.accountd.domain.Callback;
import dev.accountd.domain.OutgoingCallerId;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.CallerIdStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing caller IDs: a validation request (POST …/OutgoingCallerIds.json) is answered with its validation code and
 * completed by the simulation at once, as if the call to the number had been answered and the code entered: the
 * number is then a valid From for the account's calls. A StatusCallback hears {@code VerificationStatus=success}.
 */
public final class CallerIdService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final CallerIdStore callerIds;
    private final Clock clock;

    public CallerIdService(AccountStore accounts, CallerIdStore callerIds, Clock clock) {
        this.accounts = accounts;
        this.callerIds = callerIds;
        this.clock = clock;
    }

    /** What a validation request answers. */
    public record ValidationRequest(String accountSid, String callSid, String friendlyName, String phoneNumber, String validationCode) {}

    /** The create parameters as sent. */
    public record Validating(Optional<String> phoneNumber, Optional<String> friendlyName, Optional<String> callDelay,
                             Optional<String> extension, Optional<String> statusCallback, Optional<String> statusCallbackMethod) {}

    public ValidationRequest validate(Caller caller, String accountSid, Validating v) {
        Access.reachToChange(caller, accountSid, accounts, "create OutgoingCallerId");
        String number = v.phoneNumber().map(String::trim).filter(n -> !n.isEmpty())
                .orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "PhoneNumber"));
        if (!PriceBook.Destination.isE164(number) || !PhoneNumbers.isValid(number)) {
            throw TwilioException.of(ErrorCode.PHONE_NUMBER_INVALID, number + " is not a valid E.164 phone number");
        }
        String name = v.friendlyName().map(ApplicationService::name).orElse(PhoneNumbers.friendlyName(number));
        v.callDelay().ifPresent(d -> {
            if (!d.trim().matches("[0-9]{1,2}") || Integer.parseInt(d.trim()) > 60) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid CallDelay '" + d + "': expected whole seconds from 0 to 60");
            }
        });
        v.extension().filter(e -> !e.matches("[0-9#*wW]{0,32}")).ifPresent(e -> {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Extension '" + e + "': expected up to 32 digits, # and *");
        });
        v.statusCallback().filter(u -> !PhoneNumberRules.isWebUrl(u)).ifPresent(u -> { throw TwilioException.of(ErrorCode.STATUS_CALLBACK_INVALID, u); });
        String method = CallService.httpMethod("StatusCallbackMethod", v.statusCallbackMethod());
        Instant now = clock.instant();
        OutgoingCallerId id = new OutgoingCallerId(Sid.generate(OutgoingCallerId.SID_PREFIX), accountSid, number, name, now, now);
        String callSid = Sid.generate(Call.SID_PREFIX);
        List<Callback> callbacks = v.statusCallback().map(url -> List.of(new Callback(accountSid, id.sid(), method, url, List.of(
                Map.entry("AccountSid", accountSid), Map.entry("CallSid", callSid), Map.entry("OutgoingCallerIdSid", id.sid()),
                Map.entry("PhoneNumber", number), Map.entry("VerificationStatus", "success")), Callback.RETRIED))).orElse(List.of());
        switch (callerIds.insert(id, callbacks)) {
            case INSERTED -> { }
            case ALREADY_VERIFIED -> throw TwilioException.of(ErrorCode.CALLER_ID_ALREADY_VERIFIED, number);
            case ACCOUNT_CLOSED -> throw Access.closed("create OutgoingCallerId");
        }
        return new ValidationRequest(accountSid, callSid, name, number, String.format("%06d", RANDOM.nextInt(1_000_000)));
    }

    public OutgoingCallerId fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<OutgoingCallerId> list(Caller caller, String accountSid, Optional<String> phoneNumber, Optional<String> friendlyName,
                                        PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        return callerIds.list(accountSid, phoneNumber, friendlyName, page);
    }

    public OutgoingCallerId rename(Caller caller, String accountSid, String sid, Optional<String> friendlyName) {
        Access.reachToChange(caller, accountSid, accounts, "update OutgoingCallerId");
        OutgoingCallerId before = find(accountSid, sid);
        if (friendlyName.isEmpty()) return before;
        String name = ApplicationService.name(friendlyName.get());
        if (!callerIds.rename(accountSid, sid, name, clock.instant())) throw TwilioException.notFound();
        return find(accountSid, sid);
    }

    public void delete(Caller caller, String accountSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete OutgoingCallerId");
        if (!Sid.isValid(sid, OutgoingCallerId.SID_PREFIX) || !callerIds.delete(accountSid, sid)) throw TwilioException.notFound();
    }

    private OutgoingCallerId find(String accountSid, String sid) {
        if (!Sid.isValid(sid, OutgoingCallerId.SID_PREFIX)) throw TwilioException.notFound();
        return callerIds.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }
}
