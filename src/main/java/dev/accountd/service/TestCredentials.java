package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.Call;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageSegments;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.SecretBox;
import dev.accountd.store.TestCredentialStore;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test credentials, as Twilio's: every account has a pair (a test Account SID and a test auth token), derived from
 * its SID with the master key, so nothing secret is stored. With them only three requests work, each answered from
 * Twilio's table of magic numbers: buying a number, sending a message, placing a call. Nothing is stored or charged
 * and no callback is sent; every other request is refused (403 / 20008).
 */
public final class TestCredentials {
    /** The one magic number that succeeds everywhere. */
    static final String VALID = "+15005550006";

    private final AccountStore accounts;
    private final TestCredentialStore store;
    private final SecretBox secrets;
    private final Clock clock;

    public TestCredentials(AccountStore accounts, TestCredentialStore store, SecretBox secrets, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** An account's test pair. */
    public record Pair(String accountSid, String testAccountSid, String testAuthToken) {}

    /** The pair of an account, shown to its main account's or its own auth token (not to API keys, like its token). */
    public Pair show(Caller caller, String accountSid) {
        Access.requireAuthToken(caller, "read test credentials");
        Account a = Access.reach(caller, accountSid, accounts);
        Pair p = pairOf(a.sid());
        store.remember(p.testAccountSid(), a.sid());
        return p;
    }

    Pair pairOf(String accountSid) {
        String sid = "AC" + HexFormat.of().formatHex(secrets.keyedHash("accountd/test-account-sid/v1:" + accountSid)).substring(0, 32);
        String token = HexFormat.of().formatHex(secrets.keyedHash("accountd/test-auth-token/v1:" + accountSid)).substring(0, 32);
        return new Pair(accountSid, sid, token);
    }

    /** The caller these test credentials identify, if they are an account's (shown at least once) and it may act. */
    public Optional<Caller> authenticate(String testAccountSid, String password) {
        Optional<String> owner = store.accountOf(testAccountSid);
        if (owner.isEmpty()) return Optional.empty();
        Optional<Account> a = accounts.find(owner.get());
        if (a.isEmpty() || !a.get().canAuthenticate()) return Optional.empty();
        Pair p = pairOf(a.get().sid());
        boolean matches = MessageDigest.isEqual(p.testAuthToken().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        if (!matches || !p.testAccountSid().equals(testAccountSid)) return Optional.empty();
        return Optional.of(new Caller(a.get().sid(), a.get().mainSid(), Caller.Credential.TEST, testAccountSid, null));
    }

    /** Test credentials act on the test Account SID only (as the path's account). */
    private static void requireOwnPath(Caller caller, String pathSid) {
        if (!caller.credentialSid().equals(pathSid)) throw TwilioException.of(ErrorCode.AUTHENTICATE);
    }

    /** A message sent with test credentials: From and To are read against Twilio's magic numbers. */
    public Message message(Caller caller, String pathSid, MessageService.Sending s) {
        requireOwnPath(caller, pathSid);
        String to = s.to().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MESSAGE_TO_REQUIRED));
        // a test account has no Messaging Services
        String from = s.from().filter(v -> !v.isBlank()).orElseThrow(() -> s.messagingServiceSid().filter(v -> !v.isBlank())
                .map(v -> TwilioException.of(ErrorCode.MESSAGING_SERVICE_NOT_FOUND, v))
                .orElseGet(() -> TwilioException.of(ErrorCode.MESSAGE_FROM_REQUIRED))).trim();
        String body = s.body().orElse("");
        if (body.isEmpty() && s.mediaUrls().isEmpty()) throw TwilioException.of(ErrorCode.MESSAGE_BODY_REQUIRED);
        if (body.codePointCount(0, body.length()) > MessageService.MAX_BODY) throw TwilioException.of(ErrorCode.MESSAGE_BODY_TOO_LONG);
        switch (from) {
            case "+15005550001" -> throw TwilioException.of(ErrorCode.FROM_INVALID, from);
            case "+15005550008" -> throw TwilioException.of(ErrorCode.QUEUE_FULL);
            case VALID -> { }
            default -> throw TwilioException.of(ErrorCode.FROM_NOT_SMS_CAPABLE, from);
        }
        switch (to) {
            case "+15005550001" -> throw TwilioException.of(ErrorCode.TO_INVALID, to);
            case "+15005550002" -> throw TwilioException.of(ErrorCode.TO_NOT_REACHABLE, to);
            case "+15005550003" -> throw TwilioException.of(ErrorCode.REGION_NOT_ENABLED, to);
            case "+15005550004" -> throw TwilioException.of(ErrorCode.TO_OPTED_OUT);
            case "+15005550009" -> throw TwilioException.of(ErrorCode.TO_NOT_SMS_CAPABLE);
            default -> {
                if (!PriceBook.Destination.isE164(to) || (!to.startsWith("+1500555") && !PhoneNumbers.isValid(to))) {
                    throw TwilioException.of(ErrorCode.TO_INVALID, to);
                }
            }
        }
        Instant now = clock.instant();
        int segments = s.mediaUrls().isEmpty() ? MessageSegments.of(body).segments() : 1;
        return new Message(Sid.generate(Message.SID_PREFIX), pathSid, pathSid, Message.Direction.OUTBOUND_API, from, to, body, segments,
                s.mediaUrls().size(), Message.Status.QUEUED, Message.Status.QUEUED, Optional.empty(), "sms-outbound-longcode",
                Money.zero("USD"), Optional.empty(), Optional.empty(), now, now, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A call placed with test credentials: From and To are read against Twilio's magic numbers. */
    public Call call(Caller caller, String pathSid, CallService.Placing p) {
        requireOwnPath(caller, pathSid);
        String to = p.to().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.CALL_TO_REQUIRED));
        String from = p.from().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.CALL_FROM_REQUIRED)).trim();
        if (p.url().isEmpty() && p.twiml().isEmpty() && p.applicationSid().isEmpty()) throw TwilioException.of(ErrorCode.CALL_URL_REQUIRED);
        switch (from) {
            case "+15005550001" -> throw TwilioException.of(ErrorCode.FROM_INVALID, from);
            case VALID -> { }
            default -> throw TwilioException.of(ErrorCode.CALLER_ID_NOT_VERIFIED, from);
        }
        switch (to) {
            case "+15005550001" -> throw TwilioException.of(ErrorCode.CALL_TO_INVALID);
            case "+15005550002" -> throw TwilioException.of(ErrorCode.CALL_TO_NOT_ROUTABLE);
            case "+15005550003" -> throw TwilioException.of(ErrorCode.CALL_REGION_NOT_ENABLED, to);
            case "+15005550004" -> throw TwilioException.of(ErrorCode.CALL_TO_BLOCKED, to);
            default -> {
                if (!PriceBook.Destination.isE164(to) || (!to.startsWith("+1500555") && !PhoneNumbers.isValid(to))) {
                    throw TwilioException.of(ErrorCode.TO_INVALID, to);
                }
            }
        }
        Instant now = clock.instant();
        return new Call(Sid.generate(Call.SID_PREFIX), pathSid, pathSid, Optional.empty(), Call.Direction.OUTBOUND_API, from, to,
                Optional.empty(), Call.Status.QUEUED, Call.Outcome.ANSWERED, 0, 0, "calls-outbound", Money.zero("USD"), Optional.empty(),
                Optional.empty(), p.url(), "POST", Optional.empty(), "POST", Set.of(), 0, now, now, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A number bought with test credentials: +15005550006 (or AreaCode 500) succeeds, Twilio's other magic values fail. */
    public PhoneNumber purchase(Caller caller, String pathSid, Optional<String> phoneNumber, Optional<String> areaCode) {
        requireOwnPath(caller, pathSid);
        if (phoneNumber.isPresent()) {
            switch (phoneNumber.get().trim()) {
                case "+15005550000" -> throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, phoneNumber.get());
                case "+15005550001" -> throw TwilioException.of(ErrorCode.PHONE_NUMBER_INVALID, phoneNumber.get());
                case VALID -> { }
                default -> throw TwilioException.of(ErrorCode.PHONE_NUMBER_NOT_AVAILABLE, phoneNumber.get()
                        + " (test credentials buy only Twilio's magic number " + VALID + ")");
            }
        } else if (areaCode.isPresent()) {
            if (!areaCode.get().trim().equals("500")) throw TwilioException.of(ErrorCode.NO_NUMBERS_IN_AREA_CODE, areaCode.get());
        } else {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Give PhoneNumber or AreaCode");
        }
        Instant now = clock.instant();
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        for (NumberSetting s : NumberSetting.values()) if (s.defaultValue() != null) settings.put(s, s.defaultValue());
        return new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), pathSid, VALID, "(500) 555-0006", "US", NumberType.LOCAL,
                AddressRequirement.NONE, new PhoneNumber.Capabilities(true, true, true, false), Optional.empty(), Optional.empty(), settings,
                now, now);
    }
}
