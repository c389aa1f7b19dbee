package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Application;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.Call;
import dev.accountd.domain.CallFilter;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.SimulatedDestination;
import dev.accountd.domain.Slice;
import dev.accountd.domain.Usage;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.CallStore;
import dev.accountd.store.CallerIdStore;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.SimulationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls: placing one (Twilio's checks and codes), reading, updating (hang up, cancel, redirect, a new TimeLimit) and
 * deleting them, and their simulated lives on accountd's clock: {@code queued}, {@code ringing} after
 * {@link #TO_RINGING}, then as the destination's simulated outcome says: answered ({@code in-progress}) after
 * {@link #RING} and {@code completed} after its talk time, or {@code busy}, {@code no-answer} (after its Timeout) or
 * {@code failed}. When it is answered, its Url is requested once, signed. When it completes it is charged: minutes
 * rounded up × the price per minute of its destination, fixed when it was created. Unanswered and canceled calls
 * cost nothing. Suspending an account does not end its calls (Twilio: they must be ended with Status=completed).
 */
public final class CallService {
    static final Duration TO_RINGING = Duration.ofSeconds(1);
    static final Duration RING = Duration.ofSeconds(2);
    static final int DEFAULT_TIMEOUT = 60;
    static final int MAX_TIMEOUT = 600;
    static final int MAX_TIME_LIMIT = 14400;
    static final int BATCH = 500;
    static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");

    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final CallerIdStore callerIds;
    private final CallStore calls;
    private final SimulationStore simulation;
    private final ApplicationService applications;
    private final TestCredentials testCredentials;
    private final LedgerStore ledger;
    private final PriceBook prices;
    private final Auditor auditor;
    private final Clock clock;
    private final int defaultTalkSeconds;

    public CallService(AccountStore accounts, PhoneNumberStore numbers, CallerIdStore callerIds, CallStore calls, SimulationStore simulation,
                       ApplicationService applications, TestCredentials testCredentials, LedgerStore ledger, PriceBook prices,
                       Auditor auditor, Clock clock, int defaultTalkSeconds) {
        this.testCredentials = testCredentials;
        this.applications = applications;
        this.callerIds = callerIds;
        this.accounts = accounts;
        this.numbers = numbers;
        this.calls = calls;
        this.simulation = simulation;
        this.ledger = ledger;
        this.prices = prices;
        this.auditor = auditor;
        this.clock = clock;
        this.defaultTalkSeconds = defaultTalkSeconds;
    }

    /** The create parameters as sent. */
    public record Placing(Optional<String> to, Optional<String> from, Optional<String> url, Optional<String> twiml,
                          Optional<String> applicationSid, Optional<String> method, Optional<String> statusCallback,
                          Optional<String> statusCallbackMethod, List<String> statusCallbackEvents, Optional<String> timeout,
                          Optional<String> timeLimit) {}

    public Call place(Caller caller, String accountSid, Placing p) {
        if (caller.isTest()) return testCredentials.call(caller, accountSid, p);
        Account owner = Access.reach(caller, accountSid, accounts);
        // an inactive account or a family out of funds is refused before its parameters are read
        Access.requireActiveAndFunded(owner, ledger, "make calls");
        String to = p.to().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.CALL_TO_REQUIRED));
        String from = p.from().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.CALL_FROM_REQUIRED)).trim();
        int answers = (p.url().isPresent() ? 1 : 0) + (p.twiml().isPresent() ? 1 : 0) + (p.applicationSid().isPresent() ? 1 : 0);
        if (answers == 0) throw TwilioException.of(ErrorCode.CALL_URL_REQUIRED);
        if (answers > 1) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Give exactly one of Url, Twiml and ApplicationSid");
        p.url().filter(u -> !PhoneNumberRules.isWebUrl(u)).ifPresent(u -> { throw TwilioException.of(ErrorCode.CALL_URL_INVALID, u); });
        // an Application gives the call its VoiceUrl and its status callback (the request's StatusCallback is ignored)
        Optional<Application> app = p.applicationSid().map(a -> applications.ofAccount(owner.sid(), "ApplicationSid", a));
        p.twiml().filter(t -> t.length() > 4000).ifPresent(t -> {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Twiml is longer than 4000 characters");
        });
        String method = httpMethod("Method", p.method());
        p.statusCallback().filter(u -> !PhoneNumberRules.isWebUrl(u)).ifPresent(u -> { throw TwilioException.of(ErrorCode.STATUS_CALLBACK_INVALID, u); });
        String callbackMethod = httpMethod("StatusCallbackMethod", p.statusCallbackMethod());
        Optional<String> voiceUrl = app.isPresent() ? app.get().setting(ApplicationSetting.VOICE_URL) : p.url();
        String voiceMethod = app.flatMap(a -> a.setting(ApplicationSetting.VOICE_METHOD)).orElse(method);
        Optional<String> statusCallback = app.isPresent() ? app.get().setting(ApplicationSetting.STATUS_CALLBACK) : p.statusCallback();
        String statusMethod = app.flatMap(a -> a.setting(ApplicationSetting.STATUS_CALLBACK_METHOD)).orElse(callbackMethod);
        Set<String> events = new LinkedHashSet<>();
        for (String e : p.statusCallbackEvents()) {
            for (String one : e.trim().split("\\s+")) {
                if (one.isEmpty()) continue;
                if (!EVENTS.contains(one)) {
                    throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid StatusCallbackEvent '" + one
                            + "': expected initiated, ringing, answered or completed");
                }
                events.add(one);
            }
        }
        if (events.isEmpty()) events.add("completed"); // Twilio's default: only the end of the call
        int timeout = seconds("Timeout", p.timeout(), MAX_TIMEOUT).orElse(DEFAULT_TIMEOUT);
        Optional<Integer> timeLimit = seconds("TimeLimit", p.timeLimit(), MAX_TIME_LIMIT);
        if (!PriceBook.Destination.isE164(to) || !PhoneNumbers.isValid(to)) throw TwilioException.of(ErrorCode.TO_INVALID, to);
        if (!PriceBook.Destination.isE164(from)) throw TwilioException.of(ErrorCode.FROM_INVALID, from);
        // From: a voice number of the account, or one of its verified caller IDs
        Optional<String> fromSid = numbers.findByNumber(from).filter(n -> n.accountSid().equals(owner.sid()) && n.capabilities().voice())
                .map(PhoneNumber::sid)
                .or(() -> callerIds.findByNumber(owner.sid(), from).map(dev.accountd.domain.OutgoingCallerId::sid));
        if (fromSid.isEmpty()) throw TwilioException.of(ErrorCode.CALLER_ID_NOT_VERIFIED, from);
        Money minute = prices.outboundVoicePerMinute(owner.mainSid(), to)
                .orElseThrow(() -> TwilioException.of(ErrorCode.CALL_REGION_NOT_ENABLED, to));
        Optional<SimulatedDestination> destination = simulation.destination(owner.mainSid(), to);
        Call.Outcome outcome = destination.map(SimulatedDestination::callOutcome).orElse(Call.Outcome.ANSWERED);
        int talk = destination.flatMap(SimulatedDestination::callSeconds).orElse(timeLimit.orElse(defaultTalkSeconds));
        if (timeLimit.isPresent()) talk = Math.min(talk, timeLimit.get());
        int ring = outcome == Call.Outcome.NO_ANSWER ? timeout : (int) RING.toSeconds();
        Instant now = clock.instant();
        Call c = new Call(Sid.generate(Call.SID_PREFIX), owner.sid(), owner.mainSid(), Optional.empty(), Call.Direction.OUTBOUND_API, from, to,
                fromSid, Call.Status.QUEUED, outcome, talk, ring, "calls-outbound", minute, Optional.empty(),
                Optional.empty(), voiceUrl, voiceMethod, statusCallback, statusMethod, events, 0, now, now, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(now.plus(TO_RINGING)));
        CallStore.Inserted inserted = calls.insert(c, List.of());
        if (inserted instanceof CallStore.Inserted.AccountNotActive) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        if (inserted instanceof CallStore.Inserted.OverLimit o) throw TwilioException.of(ErrorCode.SPENDING_LIMIT, o.reason());
        return c;
    }

    static String httpMethod(String name, Optional<String> value) {
        String m = value.map(v -> v.trim().toUpperCase(java.util.Locale.ROOT)).orElse("POST");
        if (!m.equals("GET") && !m.equals("POST")) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + value.orElse("") + "': expected GET or POST");
        }
        return m;
    }

    static Optional<Integer> seconds(String name, Optional<String> value, int max) {
        if (value.isEmpty()) return Optional.empty();
        String v = value.get().trim();
        if (v.matches("[0-9]{1,6}")) {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) return Optional.of(n);
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + value.get() + "': expected whole seconds from 1 to " + max);
    }

    public Call fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<Call> list(Caller caller, String accountSid, CallFilter filter, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        return calls.list(accountSid, filter, page);
    }

    /** The update parameters as sent. */
    public record Changing(Optional<String> status, Optional<String> url, Optional<String> twiml, Optional<String> method,
                           Optional<String> timeLimit, Optional<String> statusCallback) {}

    /**
     * Status=completed hangs up (an in-progress call is billed for its time so far; a queued or ringing one ends
     * canceled); Status=canceled ends a queued or ringing call and leaves an answered one; Url or Twiml redirects
     * (an in-progress call's new Url is requested at once); TimeLimit sets how long it may talk from its answer. A
     * finished call takes no update (21220). Written as a step of the simulation, so it races nothing.
     */
    public Call update(Caller caller, String accountSid, String sid, Changing change) {
        Access.reach(caller, accountSid, accounts);
        Optional<Call.Status> wanted = change.status().map(s -> Call.Status.fromWire(s.trim())
                .filter(v -> v == Call.Status.COMPLETED || v == Call.Status.CANCELED)
                .orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Status '" + s + "': expected canceled or completed")));
        if (change.url().isPresent() && change.twiml().isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Give at most one of Url and Twiml");
        }
        change.url().filter(u -> !PhoneNumberRules.isWebUrl(u)).ifPresent(u -> { throw TwilioException.of(ErrorCode.CALL_URL_INVALID, u); });
        if (change.statusCallback().isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "accountd does not change a call's StatusCallback after it is created");
        }
        String method = httpMethod("Method", change.method());
        Optional<Integer> timeLimit = seconds("TimeLimit", change.timeLimit(), MAX_TIME_LIMIT);
        for (int attempt = 0; attempt < 5; attempt++) {
            Call c = find(accountSid, sid);
            if (c.status().isFinal()) throw TwilioException.of(ErrorCode.CALL_NOT_IN_PROGRESS, sid, c.status().wire());
            Instant now = clock.instant();
            Call.Builder b = c.toBuilder();
            List<Callback> webhooks = new ArrayList<>();
            if (change.url().isPresent() || change.twiml().isPresent()) {
                b.voice(change.url(), method);
                if (c.status() == Call.Status.IN_PROGRESS && change.url().isPresent()) {
                    webhooks.add(voiceRequest(c, change.url().get(), method));
                }
            }
            timeLimit.ifPresent(limit -> {
                b.talkSeconds(limit);
                c.answerTime().ifPresent(answered -> b.nextStep(Optional.of(answered.plusSeconds(limit))));
            });
            if (wanted.orElse(null) == Call.Status.COMPLETED && c.status() == Call.Status.IN_PROGRESS) {
                long talked = Duration.between(c.answerTime().orElseThrow(), now).toMillis();
                b.talkSeconds((int) Math.max(1, (talked + 999) / 1000)).nextStep(Optional.of(now));
            } else if (wanted.isPresent() && c.status() != Call.Status.IN_PROGRESS) {
                b.status(Call.Status.CANCELED, now).nextStep(Optional.empty());
            }
            Call changed = b.build();
            CallStore.Step step;
            if (changed.status() == Call.Status.CANCELED) {
                List<Callback> ended = new ArrayList<>(webhooks);
                Call reported = changed;
                if (changed.callbackEvents().contains("completed") && changed.statusCallback().isPresent()) {
                    reported = changed.toBuilder().sequence(changed.sequence() + 1).build();
                    ended.add(statusCallback(reported, "completed", now, changed.sequence()));
                }
                step = new CallStore.Step(c, reported, Optional.empty(), ended);
            } else {
                CallStore.Step later = step(new CallStore.Due(changed, AccountStatus.ACTIVE), now);
                List<Callback> all = new ArrayList<>(webhooks);
                all.addAll(later.callbacks());
                step = new CallStore.Step(c, later.after(), later.charge(), all);
            }
            if (!calls.advance(List.of(step), BillingService.rechargeAudit(auditor, caller)).isEmpty()) return step.after();
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Call " + sid + " is changing too fast to update; retry");
    }

    /** A call still going cannot be deleted: its charge would have nothing to explain it. */
    public void delete(Caller caller, String accountSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete Call");
        Call c = find(accountSid, sid);
        if (!c.status().isFinal()) throw TwilioException.of(ErrorCode.CALL_IN_PROGRESS, sid, c.status().wire());
        if (!calls.delete(accountSid, sid)) throw TwilioException.notFound();
    }

    private Call find(String accountSid, String sid) {
        if (!Sid.isValid(sid, Call.SID_PREFIX)) throw TwilioException.notFound();
        return calls.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    /** Moves every call whose next step is due; returns how many were moved. */
    public long advanceDue() {
        Instant now = clock.instant();
        long written = 0;
        int idle = 0;
        while (true) {
            List<CallStore.Due> due = calls.due(now, BATCH);
            if (due.isEmpty()) break;
            List<CallStore.Step> steps = new ArrayList<>(due.size());
            for (CallStore.Due d : due) steps.add(step(d, now));
            int done = calls.advance(steps, BillingService.rechargeAudit(auditor, null)).size();
            written += done;
            idle = done == 0 ? idle + 1 : 0;
            if (idle >= 3 || due.size() < BATCH) break;
        }
        return written;
    }

    /** Every step of a call due by {@code now}, taken at once, with its charge, status callbacks and Url request. */
    static CallStore.Step step(CallStore.Due due, Instant now) {
        Call c = due.call();
        Call at = c;
        Optional<LedgerStore.Posting> charge = Optional.empty();
        List<Callback> webhooks = new ArrayList<>();
        while (at.nextStep().isPresent() && !at.nextStep().get().isAfter(now)) {
            Instant when = at.nextStep().get();
            Call.Builder b = at.toBuilder();
            List<String> events = new ArrayList<>();
            switch (at.status()) {
                case QUEUED -> {
                    if (due.ownerStatus() != AccountStatus.ACTIVE || at.outcome() == Call.Outcome.FAILED) {
                        b.status(Call.Status.FAILED, when).nextStep(Optional.empty());
                        events.add("completed");
                    } else {
                        b.status(Call.Status.RINGING, when).startTime(when).nextStep(Optional.of(when.plusSeconds(at.ringSeconds())));
                        events.add("initiated");
                        events.add("ringing");
                    }
                }
                case RINGING -> {
                    switch (at.outcome()) {
                        case ANSWERED -> {
                            b.status(Call.Status.IN_PROGRESS, when).answerTime(when).nextStep(Optional.of(when.plusSeconds(at.talkSeconds())));
                            events.add("answered");
                            Call answered = b.build();
                            answered.voiceUrl().ifPresent(url -> webhooks.add(voiceRequest(answered, url, answered.voiceMethod())));
                        }
                        case BUSY -> {
                            b.status(Call.Status.BUSY, when).nextStep(Optional.empty());
                            events.add("completed");
                        }
                        case NO_ANSWER -> {
                            b.status(Call.Status.NO_ANSWER, when).nextStep(Optional.empty());
                            events.add("completed");
                        }
                        case FAILED -> {
                            b.status(Call.Status.FAILED, when).nextStep(Optional.empty());
                            events.add("completed");
                        }
                    }
                }
                case IN_PROGRESS -> {
                    long minutes = (at.talkSeconds() + 59) / 60;
                    Money price = at.minutePrice().times(minutes).negate();
                    b.status(Call.Status.COMPLETED, when).duration(at.talkSeconds()).price(price).endTime(when).nextStep(Optional.empty());
                    if (price.signum() != 0) {
                        charge = Optional.of(new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), at.mainSid(), at.accountSid(),
                                at.category(), price, Optional.of(at.sid()), Optional.of(at.to()), at.chargeCause(), when, Usage.of(minutes)));
                    }
                    events.add("completed");
                }
                default -> b.nextStep(Optional.empty());
            }
            Call moved = b.build();
            int sequence = moved.sequence();
            for (String event : events) {
                if (moved.statusCallback().isPresent() && moved.callbackEvents().contains(event)) {
                    webhooks.add(statusCallback(moved, event, when, sequence++));
                }
            }
            at = moved.toBuilder().sequence(sequence).build();
        }
        return new CallStore.Step(c, at, charge, webhooks);
    }

    /** The request variables Twilio sends with every voice webhook. */
    private static List<Map.Entry<String, String>> voiceParams(Call c, String callStatus) {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("CallSid", c.sid()));
        p.add(Map.entry("AccountSid", c.accountSid()));
        p.add(Map.entry("From", c.from()));
        p.add(Map.entry("To", c.to()));
        p.add(Map.entry("Caller", c.from()));
        p.add(Map.entry("Called", c.to()));
        p.add(Map.entry("CallStatus", callStatus));
        p.add(Map.entry("ApiVersion", "2010-04-01"));
        p.add(Map.entry("Direction", c.direction().wire()));
        return p;
    }

    /** The answered call's request of its Url (or a redirect's), made once as Twilio does, signed. */
    static Callback voiceRequest(Call c, String url, String method) {
        return new Callback(c.accountSid(), c.sid(), method, url, voiceParams(c, "in-progress"), Callback.ONCE);
    }

    /** A status callback: the voice variables, the event's status, and Twilio's call-progress extras. */
    static Callback statusCallback(Call c, String event, Instant when, int sequence) {
        String status = event.equals("initiated") ? "initiated" : event.equals("ringing") ? "ringing" : c.status().wire();
        List<Map.Entry<String, String>> p = voiceParams(c, status);
        p.add(Map.entry("CallbackSource", "call-progress-events"));
        p.add(Map.entry("Timestamp", dev.accountd.domain.Rfc2822.format(when)));
        p.add(Map.entry("SequenceNumber", Integer.toString(sequence)));
        if (event.equals("completed")) {
            p.add(Map.entry("CallDuration", Integer.toString(c.duration().orElse(0))));
            c.duration().ifPresent(d -> p.add(Map.entry("Duration", Long.toString((d + 59) / 60))));
        }
        return new Callback(c.accountSid(), c.sid(), c.callbackMethod(), c.statusCallback().orElseThrow(), p, Callback.RETRIED);
    }
}
