package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Application;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.Call;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Media;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessagingService;
import dev.accountd.domain.MessagingServiceSetting;
import dev.accountd.domain.MessageSegments;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Usage;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.ApplicationStore;
import dev.accountd.store.CallStore;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.MessageStore;
import dev.accountd.store.MessagingServiceStore;
import dev.accountd.store.PhoneNumberStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inbound traffic (accountd's extension, what Twilio's sandbox cannot do): a message or a call arriving on a number
 * accountd sold, from anywhere. It is created on the number's owner, priced at the inbound rate of the number's
 * country and type, and requests the number's SmsUrl or VoiceUrl (or its Application's), signed as Twilio signs it.
 * An owner that is suspended or closed (or whose family is out of funds) receives nothing: the request is refused
 * (10001, 20005) and nothing is stored or charged. Asked with the main account's auth token of the owner's family.
 */
public final class InboundService {
    static final Duration TO_ANSWER = Duration.ofSeconds(1);

    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final ApplicationStore applications;
    private final MessagingServiceStore services;
    private final MessageStore messages;
    private final CallStore calls;
    private final LedgerStore ledger;
    private final PriceBook prices;
    private final Auditor auditor;
    private final Clock clock;
    private final int defaultTalkSeconds;

    public InboundService(AccountStore accounts, PhoneNumberStore numbers, ApplicationStore applications, MessagingServiceStore services,
                          MessageStore messages, CallStore calls, LedgerStore ledger, PriceBook prices, Auditor auditor, Clock clock,
                          int defaultTalkSeconds) {
        this.services = services;
        this.accounts = accounts;
        this.numbers = numbers;
        this.applications = applications;
        this.messages = messages;
        this.calls = calls;
        this.ledger = ledger;
        this.prices = prices;
        this.auditor = auditor;
        this.clock = clock;
        this.defaultTalkSeconds = defaultTalkSeconds;
    }

    /**
     * A received message: stored received, with its media, charged and delivered to the number's SmsUrl (or its
     * Messaging Service's InboundRequestUrl) in one transaction. The webhook's MediaUrl{N} are the URLs the sender gave (Twilio's point at its copies, which
     * accountd does not make).
     */
    public Message receiveMessage(Caller caller, Optional<String> from, Optional<String> to, Optional<String> body, List<String> mediaUrls) {
        PhoneNumber number = soldNumber(caller, to);
        String sender = sender(from);
        String text = body.orElse("");
        if (text.codePointCount(0, text.length()) > MessageService.MAX_BODY) throw TwilioException.of(ErrorCode.MESSAGE_BODY_TOO_LONG);
        if (text.isEmpty() && mediaUrls.isEmpty()) throw TwilioException.of(ErrorCode.MESSAGE_BODY_REQUIRED);
        MessageService.checkMediaUrls(mediaUrls);
        Account owner = receiving(number);
        boolean mms = !mediaUrls.isEmpty();
        Money segment = prices.inboundMessagePerSegment(owner.mainSid(), number.isoCountry(), number.type(), mms)
                .or(() -> prices.inboundMessagePerSegment(owner.mainSid(), number.isoCountry(), number.type(), false))
                .orElse(Money.zero(prices.currency()));
        int segments = mms ? 1 : MessageSegments.of(text).segments();
        Money price = segment.times(segments).negate();
        Instant now = clock.instant();
        Optional<MessagingService> service = services.poolOf(number.sid());
        Message m = new Message(Sid.generate(Message.SID_PREFIX), owner.sid(), owner.mainSid(), Message.Direction.INBOUND, sender,
                number.phoneNumber(), text, segments, mediaUrls.size(), Message.Status.RECEIVED, Message.Status.RECEIVED, Optional.empty(),
                number.type().messageCategory(mms, false), segment, Optional.of(price), Optional.empty(), now, now, Optional.of(now),
                Optional.empty(), service.map(MessagingService::sid));
        List<Media> media = mediaUrls.stream().map(url -> Media.of(owner.sid(), m.sid(), url, now)).toList();
        Optional<LedgerStore.Posting> charge = price.signum() == 0 ? Optional.empty() : Optional.of(new LedgerStore.Posting(
                Sid.ordered(LedgerEntry.SID_PREFIX), owner.mainSid(), owner.sid(), m.category(), price, Optional.of(m.sid()),
                Optional.of(sender), m.chargeCause(), now, Usage.of(segments)));
        List<Callback> webhooks = new ArrayList<>();
        inboundUrl(service, number).ifPresent(target -> {
            List<Map.Entry<String, String>> params = new ArrayList<>(List.of(
                    Map.entry("MessageSid", m.sid()), Map.entry("SmsSid", m.sid()), Map.entry("SmsMessageSid", m.sid()),
                    Map.entry("AccountSid", owner.sid()), Map.entry("From", sender), Map.entry("To", number.phoneNumber()),
                    Map.entry("Body", text), Map.entry("NumMedia", Integer.toString(media.size())),
                    Map.entry("NumSegments", Integer.toString(segments)), Map.entry("SmsStatus", "received"),
                    Map.entry("ApiVersion", "2010-04-01")));
            service.ifPresent(v -> params.add(Map.entry("MessagingServiceSid", v.sid())));
            for (int i = 0; i < media.size(); i++) {
                params.add(Map.entry("MediaUrl" + i, media.get(i).url()));
                params.add(Map.entry("MediaContentType" + i, media.get(i).contentType()));
            }
            webhooks.add(new Callback(owner.sid(), m.sid(), target.method(), target.url(), List.copyOf(params), Callback.ONCE));
        });
        MessageStore.Created created = messages.insert(m, media, charge, webhooks, BillingService.rechargeAudit(auditor, caller));
        if (created instanceof MessageStore.Created.AccountNotActive) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        return m;
    }

    /**
     * A received call: ringing now, answered a second later (the number's VoiceUrl requested then), completed after
     * {@code CallSeconds} and charged at the inbound rate, by the simulation.
     */
    public Call receiveCall(Caller caller, Optional<String> from, Optional<String> to, Optional<String> callSeconds) {
        PhoneNumber number = soldNumber(caller, to);
        String sender = sender(from);
        int talk = callSeconds.map(SimulationService::callSeconds).orElse(defaultTalkSeconds);
        Account owner = receiving(number);
        Money minute = prices.inboundVoicePerMinute(owner.mainSid(), number.isoCountry(), number.type()).orElse(Money.zero(prices.currency()));
        Optional<Target> voice = voiceUrl(number);
        Optional<String> statusCallback = number.setting(NumberSetting.STATUS_CALLBACK);
        String statusMethod = number.setting(NumberSetting.STATUS_CALLBACK_METHOD).orElse("POST");
        Instant now = clock.instant();
        Call c = new Call(Sid.generate(Call.SID_PREFIX), owner.sid(), owner.mainSid(), Optional.empty(), Call.Direction.INBOUND, sender,
                number.phoneNumber(), Optional.of(number.sid()), Call.Status.RINGING, Call.Outcome.ANSWERED, talk, (int) TO_ANSWER.toSeconds(),
                inboundCallCategory(number), minute, Optional.empty(), Optional.empty(), voice.map(Target::url),
                voice.map(Target::method).orElse("POST"), statusCallback, statusMethod, Set.of("completed"), 0, now, now, Optional.of(now),
                Optional.empty(), Optional.empty(), Optional.of(now.plus(TO_ANSWER)));
        // inbound: never limited (a spending limit cannot stop what others send)
        if (!(calls.insert(c, List.of()) instanceof CallStore.Inserted.Stored)) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        return c;
    }

    private static String inboundCallCategory(PhoneNumber n) {
        return switch (n.type()) {
            case TOLL_FREE -> "calls-inbound-tollfree";
            case MOBILE, MACHINE_TO_MACHINE -> "calls-inbound-mobile";
            default -> "calls-inbound-local";
        };
    }

    private record Target(String url, String method) {}

    private Optional<Target> smsUrl(PhoneNumber n) {
        Optional<Application> app = n.setting(NumberSetting.SMS_APPLICATION_SID).flatMap(a -> applications.find(n.accountSid(), a));
        if (app.isPresent()) {
            return app.get().setting(ApplicationSetting.SMS_URL)
                    .map(u -> new Target(u, app.get().setting(ApplicationSetting.SMS_METHOD).orElse("POST")));
        }
        return n.setting(NumberSetting.SMS_URL).map(u -> new Target(u, n.setting(NumberSetting.SMS_METHOD).orElse("POST")));
    }

    /**
     * Where a message to the number goes: to its Messaging Service's InboundRequestUrl when the number is in a pool
     * whose service has one and does not defer to the number (UseInboundWebhookOnNumber), else to the number's own.
     */
    private Optional<Target> inboundUrl(Optional<MessagingService> service, PhoneNumber n) {
        Optional<Target> serviceUrl = service
                .filter(s -> !Boolean.parseBoolean(s.value(MessagingServiceSetting.USE_INBOUND_WEBHOOK_ON_NUMBER)))
                .flatMap(s -> s.setting(MessagingServiceSetting.INBOUND_REQUEST_URL)
                        .map(u -> new Target(u, s.value(MessagingServiceSetting.INBOUND_METHOD))));
        return serviceUrl.or(() -> smsUrl(n));
    }

    private Optional<Target> voiceUrl(PhoneNumber n) {
        Optional<Application> app = n.setting(NumberSetting.VOICE_APPLICATION_SID).flatMap(a -> applications.find(n.accountSid(), a));
        if (app.isPresent()) {
            return app.get().setting(ApplicationSetting.VOICE_URL)
                    .map(u -> new Target(u, app.get().setting(ApplicationSetting.VOICE_METHOD).orElse("POST")));
        }
        return n.setting(NumberSetting.VOICE_URL).map(u -> new Target(u, n.setting(NumberSetting.VOICE_METHOD).orElse("POST")));
    }

    /** The number named by To, sold to an account of the caller's family; only that family's main auth token may ask. */
    private PhoneNumber soldNumber(Caller caller, Optional<String> to) {
        if (!caller.isMainAuthToken()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Inbound traffic is simulated with a main account's auth token");
        String number = to.map(String::trim).filter(v -> !v.isEmpty()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "To"));
        PhoneNumber n = numbers.findByNumber(number).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "To " + number + " is not a number accountd has sold to your family"));
        Account owner = accounts.find(n.accountSid()).orElseThrow(TwilioException::notFound);
        if (!owner.mainSid().equals(caller.mainSid())) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "To " + number + " is not a number accountd has sold to your family");
        }
        return n;
    }

    private static String sender(Optional<String> from) {
        String v = from.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "From"));
        if (!PriceBook.Destination.isE164(v)) throw TwilioException.of(ErrorCode.FROM_INVALID, v);
        return v;
    }

    /** The owner, if it may receive: active (and its family), and not out of funds. */
    private Account receiving(PhoneNumber n) {
        Account owner = accounts.find(n.accountSid()).orElseThrow(TwilioException::notFound);
        Access.requireActiveAndFunded(owner, ledger, "receive traffic");
        return owner;
    }
}
