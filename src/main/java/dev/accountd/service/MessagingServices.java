package dev.accountd.service;

import dev.accountd.domain.MessagingService;
import dev.accountd.domain.MessagingServiceSetting;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.MessagingServiceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Messaging Services (messaging v1 Services) and their pools of sender numbers (Services/{Sid}/PhoneNumbers). The
 * account is the caller's own, as Twilio's v1 APIs have it: a main account's credentials see only the main account's
 * services, and a subaccount's its own.
 */
public final class MessagingServices {
    static final int MAX_FRIENDLY_NAME = 64;
    /** Twilio's limit on the phone numbers of one service's pool. */
    static final int MOST_SENDERS = 400;

    private final AccountStore accounts;
    private final MessagingServiceStore services;
    private final Clock clock;

    public MessagingServices(AccountStore accounts, MessagingServiceStore services, Clock clock) {
        this.accounts = accounts;
        this.services = services;
        this.clock = clock;
    }

    public MessagingService create(Caller caller, Optional<String> friendlyName, Map<MessagingServiceSetting, String> sent) {
        Access.reachToChange(caller, caller.accountSid(), accounts, "create Messaging Service");
        String name = friendlyName.map(MessagingServices::name)
                .orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "FriendlyName"));
        Map<MessagingServiceSetting, String> settings = new EnumMap<>(MessagingServiceSetting.class);
        apply(settings, sent);
        Instant now = clock.instant();
        MessagingService s = new MessagingService(Sid.generate(MessagingService.SID_PREFIX), caller.accountSid(), name, settings, now, now);
        if (!services.insert(s)) throw Access.closed("create Messaging Service");
        return s;
    }

    public MessagingService fetch(Caller caller, String sid) {
        Access.reach(caller, caller.accountSid(), accounts);
        return find(caller.accountSid(), sid);
    }

    public Slice<MessagingService> list(Caller caller, PageRequest page) {
        Access.reach(caller, caller.accountSid(), accounts);
        return services.list(caller.accountSid(), page);
    }

    public MessagingService update(Caller caller, String sid, Optional<String> friendlyName, Map<MessagingServiceSetting, String> sent) {
        Access.reachToChange(caller, caller.accountSid(), accounts, "update Messaging Service");
        if (!Sid.isValid(sid, MessagingService.SID_PREFIX)) throw TwilioException.notFound();
        Optional<String> name = friendlyName.map(MessagingServices::name);
        apply(new EnumMap<>(MessagingServiceSetting.class), sent); // every value checked before the row is held
        Instant now = clock.instant();
        return services.update(caller.accountSid(), sid, before -> {
            Map<MessagingServiceSetting, String> settings = new EnumMap<>(MessagingServiceSetting.class);
            settings.putAll(before.settings());
            apply(settings, sent);
            return new MessagingService(before.sid(), before.accountSid(), name.orElse(before.friendlyName()), settings, before.dateCreated(), now);
        }).orElseThrow(TwilioException::notFound);
    }

    /** Its numbers leave the pool and stay the account's; messages sent through it keep its SID. */
    public void delete(Caller caller, String sid) {
        Access.reachToChange(caller, caller.accountSid(), accounts, "delete Messaging Service");
        if (!Sid.isValid(sid, MessagingService.SID_PREFIX) || !services.delete(caller.accountSid(), sid)) throw TwilioException.notFound();
    }

    public MessagingService.Sender addSender(Caller caller, String serviceSid, Optional<String> phoneNumberSid) {
        Access.reachToChange(caller, caller.accountSid(), accounts, "add a phone number to a Messaging Service");
        find(caller.accountSid(), serviceSid);
        String pn = phoneNumberSid.filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "PhoneNumberSid"));
        if (!Sid.isValid(pn, PhoneNumber.SID_PREFIX)) throw TwilioException.of(ErrorCode.SENDER_INVALID, pn, caller.accountSid());
        MessagingServiceStore.Added added = services.addSender(caller.accountSid(), serviceSid, pn, MOST_SENDERS, clock.instant());
        if (added instanceof MessagingServiceStore.Added.Sender s) return s.sender();
        if (added instanceof MessagingServiceStore.Added.InAPool p) {
            throw TwilioException.of(p.serviceSid().equals(serviceSid) ? ErrorCode.SENDER_ALREADY_IN_SERVICE : ErrorCode.SENDER_IN_ANOTHER_SERVICE, pn);
        }
        if (added instanceof MessagingServiceStore.Added.PoolFull) throw TwilioException.of(ErrorCode.SENDER_POOL_FULL, serviceSid, MOST_SENDERS);
        if (added instanceof MessagingServiceStore.Added.NotCapable) throw TwilioException.of(ErrorCode.SENDER_NOT_MESSAGING_CAPABLE, pn);
        if (added instanceof MessagingServiceStore.Added.NoSuchNumber) throw TwilioException.of(ErrorCode.SENDER_INVALID, pn, caller.accountSid());
        throw TwilioException.notFound(); // the service was deleted meanwhile
    }

    public MessagingService.Sender fetchSender(Caller caller, String serviceSid, String sid) {
        Access.reach(caller, caller.accountSid(), accounts);
        find(caller.accountSid(), serviceSid);
        if (!Sid.isValid(sid, PhoneNumber.SID_PREFIX)) throw TwilioException.notFound();
        return services.sender(caller.accountSid(), serviceSid, sid).orElseThrow(TwilioException::notFound);
    }

    public Slice<MessagingService.Sender> listSenders(Caller caller, String serviceSid, PageRequest page) {
        Access.reach(caller, caller.accountSid(), accounts);
        find(caller.accountSid(), serviceSid);
        return services.senders(caller.accountSid(), serviceSid, page);
    }

    public void removeSender(Caller caller, String serviceSid, String sid) {
        Access.reachToChange(caller, caller.accountSid(), accounts, "remove a phone number from a Messaging Service");
        find(caller.accountSid(), serviceSid);
        if (!Sid.isValid(sid, PhoneNumber.SID_PREFIX) || !services.removeSender(caller.accountSid(), serviceSid, sid)) {
            throw TwilioException.notFound();
        }
    }

    /** The account's service a message names by MessagingServiceSid: 21705 for what is no service SID, 21701 for another's. */
    public MessagingService ofAccount(String accountSid, String sid) {
        if (!Sid.isValid(sid, MessagingService.SID_PREFIX)) throw TwilioException.of(ErrorCode.MESSAGING_SERVICE_INVALID, sid);
        return services.find(accountSid, sid).orElseThrow(() -> TwilioException.of(ErrorCode.MESSAGING_SERVICE_NOT_FOUND, sid));
    }

    /**
     * The number of the service's pool a message to {@code to} goes from: sticky sender, then (US and Canada) the
     * recipient's area code, then its country, then the first number added; 21704 for an empty pool, 21703 when no
     * number of it can send this message.
     */
    public String sender(MessagingService service, String to, boolean mms) {
        // a valid number may have no country (+800 numbers): then no number of the pool is of its country
        String toCountry = PhoneNumbers.country(to).orElse("");
        Optional<String> area = Boolean.parseBoolean(service.value(MessagingServiceSetting.AREA_CODE_GEOMATCH)) && to.startsWith("+1") && to.length() >= 5
                ? Optional.of(to.substring(0, 5)) : Optional.empty();
        boolean sticky = Boolean.parseBoolean(service.value(MessagingServiceSetting.STICKY_SENDER));
        // an MMS goes from an MMS-capable number, or else as an SMS with a link to its media, as Twilio's MMS converter sends it
        return services.chooseSender(service.sid(), to, sticky, area, toCountry, mms)
                .or(() -> mms ? services.chooseSender(service.sid(), to, sticky, area, toCountry, false) : Optional.empty())
                .orElseThrow(() -> services.poolSize(service.sid()) == 0
                ? TwilioException.of(ErrorCode.MESSAGING_SERVICE_NO_NUMBERS, service.sid())
                : TwilioException.of(ErrorCode.MESSAGING_SERVICE_NO_SENDER, service.sid(), to));
    }

    private MessagingService find(String accountSid, String sid) {
        if (!Sid.isValid(sid, MessagingService.SID_PREFIX)) throw TwilioException.notFound();
        return services.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    private static String name(String v) {
        if (v.isBlank()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "FriendlyName");
        if (v.codePointCount(0, v.length()) > MAX_FRIENDLY_NAME) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid FriendlyName: at most " + MAX_FRIENDLY_NAME + " characters");
        }
        return v;
    }

    /** Only what differs from a default is kept: a default that changes later is then every unset service's. */
    private static void apply(Map<MessagingServiceSetting, String> settings, Map<MessagingServiceSetting, String> sent) {
        sent.forEach((s, raw) -> {
            if (raw.isEmpty()) settings.remove(s);
            else settings.put(s, PhoneNumberRules.checkedValue(s.param(), s.kind(), s.allowed(), raw));
        });
    }
}
