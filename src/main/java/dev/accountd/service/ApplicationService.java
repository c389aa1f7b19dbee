package dev.accountd.service;

import dev.accountd.domain.Application;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.ApplicationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** TwiML Applications: all five operations, and the lookups numbers, calls and messages make of them. */
public final class ApplicationService {
    static final int MAX_FRIENDLY_NAME = 64;

    private final AccountStore accounts;
    private final ApplicationStore applications;
    private final Clock clock;

    public ApplicationService(AccountStore accounts, ApplicationStore applications, Clock clock) {
        this.accounts = accounts;
        this.applications = applications;
        this.clock = clock;
    }

    public Application create(Caller caller, String accountSid, Optional<String> friendlyName, Map<ApplicationSetting, String> sent) {
        Access.reachToChange(caller, accountSid, accounts, "create Application");
        Map<ApplicationSetting, String> settings = new EnumMap<>(ApplicationSetting.class);
        for (ApplicationSetting s : ApplicationSetting.values()) if (s.defaultValue() != null) settings.put(s, s.defaultValue());
        apply(settings, sent);
        Instant now = clock.instant();
        Application a = new Application(Sid.generate(Application.SID_PREFIX), accountSid, friendlyName.map(ApplicationService::name).orElse(""),
                settings, now, now);
        if (!applications.insert(a)) throw Access.closed("create Application");
        return a;
    }

    public Application fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<Application> list(Caller caller, String accountSid, Optional<String> friendlyName, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        return applications.list(accountSid, friendlyName, page);
    }

    public Application update(Caller caller, String accountSid, String sid, Optional<String> friendlyName, Map<ApplicationSetting, String> sent) {
        Access.reachToChange(caller, accountSid, accounts, "update Application");
        Application before = find(accountSid, sid);
        Map<ApplicationSetting, String> settings = new EnumMap<>(ApplicationSetting.class);
        settings.putAll(before.settings());
        apply(settings, sent);
        Application after = new Application(before.sid(), before.accountSid(), friendlyName.map(ApplicationService::name).orElse(before.friendlyName()),
                settings, before.dateCreated(), clock.instant());
        applications.update(after);
        return after;
    }

    /** Refused while a number of the account points to it (400 / 20001, accountd's choice): it would point nowhere. */
    public void delete(Caller caller, String accountSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete Application");
        if (!Sid.isValid(sid, Application.SID_PREFIX)) throw TwilioException.notFound();
        switch (applications.delete(accountSid, sid)) {
            case DELETED -> { }
            case NOT_FOUND -> throw TwilioException.notFound();
            case IN_USE -> throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Application " + sid + " cannot be deleted: a phone number of "
                    + accountSid + " uses it as its VoiceApplicationSid or SmsApplicationSid; point the number elsewhere first");
        }
    }

    /** The account's application with this SID, for a number, call or message that names it; 400 otherwise. */
    public Application ofAccount(String accountSid, String param, String sid) { return requireOf(applications, accountSid, param, sid); }

    static Application requireOf(ApplicationStore applications, String accountSid, String param, String sid) {
        if (Sid.isValid(sid, Application.SID_PREFIX)) {
            Optional<Application> a = applications.find(accountSid, sid);
            if (a.isPresent()) return a.get();
        }
        throw TwilioException.of(ErrorCode.APPLICATION_SID_INVALID, sid + " (" + param + " must name an Application of " + accountSid + ")");
    }

    private Application find(String accountSid, String sid) {
        if (!Sid.isValid(sid, Application.SID_PREFIX)) throw TwilioException.notFound();
        return applications.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    static String name(String v) {
        if (v.codePointCount(0, v.length()) > MAX_FRIENDLY_NAME) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid FriendlyName: at most " + MAX_FRIENDLY_NAME + " characters");
        }
        return v;
    }

    private static void apply(Map<ApplicationSetting, String> settings, Map<ApplicationSetting, String> sent) {
        sent.forEach((s, raw) -> {
            if (raw.isEmpty()) {
                if (s.defaultValue() == null) settings.remove(s); else settings.put(s, s.defaultValue());
            } else {
                settings.put(s, PhoneNumberRules.checkedValue(s.param(), s.kind(), s.allowed(), raw));
            }
        });
    }
}
