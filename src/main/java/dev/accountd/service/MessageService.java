package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.IsoDateTime;
import dev.accountd.domain.Media;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageFilter;
import dev.accountd.domain.MessageSegments;
import dev.accountd.domain.MessagingService;
import dev.accountd.domain.MessagingServiceSetting;
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
import dev.accountd.store.Audit;
import dev.accountd.store.LedgerStore;
import dev.accountd.store.MessageStore;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.SimulationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages: sending one (every check Twilio makes, in Twilio's order, with its codes), reading, redacting and
 * deleting them, and their simulated lives. A message is queued when created (accepted, and queued at once, when sent
 * through a Messaging Service; scheduled, and queued at its SendAt, when scheduled), then on accountd's clock it is
 * sending {@link #TO_SENDING} after it was queued, sent at {@link #TO_SENT} (when it is charged: segments × the price
 * per segment of its destination, fixed at creation) and delivered at {@link #TO_DELIVERED}. A message whose owner is
 * suspended or closed when its turn to be sent comes ends failed with 30002, uncharged; a simulated destination may make
 * it undelivered (30003, charged: delivery was attempted) or failed (30008, uncharged). Each status after the first but
 * sending is a status callback when the message has a StatusCallback.
 */
public final class MessageService {
    static final Duration TO_SENDING = Duration.ofSeconds(1);
    static final Duration TO_SENT = Duration.ofSeconds(2);
    static final Duration TO_DELIVERED = Duration.ofSeconds(4);
    static final int MAX_BODY = 1600;
    static final int MOST_MEDIA = 10;
    /** How far ahead a message can be scheduled (Twilio's Message Scheduling): 15 minutes to 35 days, inclusive. */
    static final Duration SOONEST_SCHEDULE = Duration.ofSeconds(900);
    static final Duration LATEST_SCHEDULE = Duration.ofDays(35);
    static final int BATCH = 500;
    /** Twilio's "Account suspended": a message queued by an account suspended before it could be sent. */
    static final int ACCOUNT_SUSPENDED = 30002;
    static final int UNREACHABLE = 30003;
    /** A simulated destination whose messages fail: Twilio's "Unknown error". */
    static final int UNKNOWN_ERROR = 30008;
    private static final DateTimeFormatter RAW_DLR_DONE_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    private final AccountStore accounts;
    private final PhoneNumberStore numbers;
    private final MessageStore messages;
    private final LedgerStore ledger;
    private final PriceBook prices;
    private final SimulationStore simulation;
    private final ApplicationService applications;
    private final MessagingServices messagingServices;
    private final TestCredentials testCredentials;
    private final Auditor auditor;
    private final Clock clock;

    public MessageService(AccountStore accounts, PhoneNumberStore numbers, MessageStore messages, LedgerStore ledger, PriceBook prices,
                          SimulationStore simulation, ApplicationService applications, MessagingServices messagingServices,
                          TestCredentials testCredentials, Auditor auditor, Clock clock) {
        this.messagingServices = messagingServices;
        this.testCredentials = testCredentials;
        this.simulation = simulation;
        this.applications = applications;
        this.accounts = accounts;
        this.numbers = numbers;
        this.messages = messages;
        this.ledger = ledger;
        this.prices = prices;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** The create parameters as sent. */
    public record Sending(Optional<String> to, Optional<String> from, Optional<String> messagingServiceSid, Optional<String> body,
                          List<String> mediaUrls, Optional<String> contentSid, Optional<String> statusCallback,
                          Optional<String> scheduleType, Optional<String> sendAt, Optional<String> applicationSid) {}

    public Message send(Caller caller, String accountSid, Sending s) {
        if (caller.isTest()) return testCredentials.message(caller, accountSid, s);
        Account owner = Access.reach(caller, accountSid, accounts);
        // an inactive account or a family out of funds is refused before its parameters are read
        Access.requireActiveAndFunded(owner, ledger, "send messages");
        String to = s.to().filter(v -> !v.isBlank()).orElseThrow(() -> TwilioException.of(ErrorCode.MESSAGE_TO_REQUIRED));
        Optional<String> sentFrom = s.from().map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> serviceSid = s.messagingServiceSid().map(String::trim).filter(v -> !v.isEmpty());
        if (sentFrom.isEmpty() && serviceSid.isEmpty()) throw TwilioException.of(ErrorCode.MESSAGE_FROM_REQUIRED);
        Optional<MessagingService> service = serviceSid.map(sid -> messagingServices.ofAccount(owner.sid(), sid));
        Instant now = clock.instant();
        Optional<Instant> sendAt = scheduled(s, service.isPresent(), now);
        String body = s.body().orElse("");
        if (body.isEmpty() && s.mediaUrls().isEmpty() && s.contentSid().isEmpty()) throw TwilioException.of(ErrorCode.MESSAGE_BODY_REQUIRED);
        if (body.codePointCount(0, body.length()) > MAX_BODY) throw TwilioException.of(ErrorCode.MESSAGE_BODY_TOO_LONG);
        s.contentSid().ifPresent(c -> {
            if (!Sid.isValid(c, "HX")) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid ContentSid '" + c + "'");
        });
        checkMediaUrls(s.mediaUrls());
        s.statusCallback().filter(u -> !PhoneNumberRules.isWebUrl(u)).ifPresent(u -> { throw TwilioException.of(ErrorCode.STATUS_CALLBACK_INVALID, u); });
        // with an Application, its MessageStatusCallback is the status callback and the request's is ignored (Twilio);
        // a Messaging Service's StatusCallback is the one of messages that send none
        Optional<String> statusCallback = s.applicationSid().isPresent()
                ? applications.ofAccount(owner.sid(), "ApplicationSid", s.applicationSid().get()).setting(ApplicationSetting.MESSAGE_STATUS_CALLBACK)
                : s.statusCallback().or(() -> service.flatMap(v -> v.setting(MessagingServiceSetting.STATUS_CALLBACK)));
        if (!PriceBook.Destination.isE164(to) || !PhoneNumbers.isValid(to)) throw TwilioException.of(ErrorCode.TO_INVALID, to);
        // From, when sent, is the sender even with a service (Twilio: "a specific sender from your Sender Pool")
        String from = sentFrom.orElseGet(() -> messagingServices.sender(service.get(), to, !s.mediaUrls().isEmpty()));
        if (!PriceBook.Destination.isE164(from)) throw TwilioException.of(ErrorCode.FROM_INVALID, from);
        if (to.equals(from)) throw TwilioException.of(ErrorCode.TO_EQUALS_FROM, to);
        PhoneNumber sender = numbers.findByNumber(from).filter(n -> n.accountSid().equals(owner.sid()) && n.capabilities().sms())
                .orElseThrow(() -> TwilioException.of(ErrorCode.FROM_NOT_SMS_CAPABLE, from));
        boolean mms = !s.mediaUrls().isEmpty();
        // an MMS where the country prices none goes as SMS (Twilio sends a link); a type without a price takes the country's first
        Money segmentPrice = segmentPrice(owner.mainSid(), to, sender, mms).orElseThrow(() -> TwilioException.of(ErrorCode.REGION_NOT_ENABLED, to));
        int segments = mms ? 1 : MessageSegments.of(body).segments();
        // a message sent through a service is accepted, and queued at once; a scheduled one is queued at its SendAt
        Message.Status status = sendAt.isPresent() ? Message.Status.SCHEDULED : service.isPresent() ? Message.Status.ACCEPTED : Message.Status.QUEUED;
        Instant next = sendAt.orElse(status == Message.Status.ACCEPTED ? now : now.plus(TO_SENDING));
        Message m = new Message(Sid.generate(Message.SID_PREFIX), owner.sid(), owner.mainSid(), Message.Direction.OUTBOUND_API, from, to,
                body, segments, s.mediaUrls().size(), status,
                simulation.destination(owner.mainSid(), to).map(SimulatedDestination::messageOutcome).orElse(Message.Status.DELIVERED), Optional.empty(),
                sender.type().messageCategory(mms, true), segmentPrice, Optional.empty(), statusCallback, now, now,
                Optional.empty(), Optional.of(next), service.map(MessagingService::sid));
        List<Media> media = s.mediaUrls().stream().map(url -> Media.of(owner.sid(), m.sid(), url, now)).toList();
        MessageStore.Created created = messages.insert(m, media, Optional.empty(), List.of(), Audit.none());
        if (created instanceof MessageStore.Created.AccountNotActive) throw TwilioException.of(ErrorCode.ACCOUNT_NOT_ACTIVE);
        if (created instanceof MessageStore.Created.OverLimit o) throw TwilioException.of(ErrorCode.SPENDING_LIMIT, o.reason());
        return ((MessageStore.Created.Stored) created).message();
    }

    /**
     * A scheduled message's send time: ScheduleType=fixed with SendAt (ISO 8601), through a Messaging Service, from 15
     * minutes to 35 days ahead. SendAt without ScheduleType schedules nothing: Twilio sends such a message at once.
     */
    static Optional<Instant> scheduled(Sending s, boolean viaService, Instant now) {
        Optional<String> type = s.scheduleType().map(String::trim).filter(v -> !v.isEmpty());
        if (type.isEmpty()) return Optional.empty();
        if (!type.get().equals("fixed")) throw TwilioException.of(ErrorCode.SCHEDULE_TYPE_UNSUPPORTED, type.get());
        if (!viaService) throw TwilioException.of(ErrorCode.SCHEDULE_NEEDS_SERVICE);
        String raw = s.sendAt().map(String::trim).filter(v -> !v.isEmpty()).orElseThrow(() -> TwilioException.of(ErrorCode.SCHEDULE_SEND_AT_MISSING));
        Instant at = IsoDateTime.parse(raw).orElseThrow(() -> TwilioException.of(ErrorCode.SCHEDULE_SEND_AT_INVALID,
                "'" + raw + "' is not an ISO 8601 date and time such as 2026-12-24T09:00:00Z"));
        if (at.isBefore(now.plus(SOONEST_SCHEDULE)) || at.isAfter(now.plus(LATEST_SCHEDULE))) {
            throw TwilioException.of(ErrorCode.SCHEDULE_SEND_AT_INVALID, raw + " is " + Duration.between(now, at).toSeconds() + " seconds from now");
        }
        return Optional.of(at);
    }

    public Message fetch(Caller caller, String accountSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        return find(accountSid, sid);
    }

    public Slice<Message> list(Caller caller, String accountSid, MessageFilter filter, PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        return messages.list(accountSid, filter, page);
    }

    /** Body="" redacts; Status=canceled cancels a scheduled message (30409 for any other), which is then never charged. */
    public Message update(Caller caller, String accountSid, String sid, Optional<String> body, Optional<String> status) {
        Access.reachToChange(caller, accountSid, accounts, "update Message");
        Message m = find(accountSid, sid);
        if (status.isPresent()) {
            if (!status.get().equals("canceled")) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Status '" + status.get()
                    + "': the only status a message can be given is canceled");
            if (body.isPresent()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Send Body or Status, not both");
            if (m.status() != Message.Status.SCHEDULED) throw TwilioException.of(ErrorCode.MESSAGE_NOT_CANCELABLE, sid, m.status().wire());
            // the store cancels only a message still scheduled: one whose send time came meanwhile is on its way
            Instant now = clock.instant();
            return messages.cancel(m, now, m.statusCallback().map(url -> List.of(statusCallback(m.canceled(now)))).orElse(List.of()))
                    .orElseThrow(() -> TwilioException.of(ErrorCode.MESSAGE_NOT_CANCELABLE, sid, find(accountSid, sid).status().wire()));
        }
        if (body.isEmpty()) return m;
        if (!body.get().isEmpty()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Body: a message's body can only be"
                + " redacted (Body set to the empty string)");
        return messages.redact(accountSid, sid, clock.instant()).orElseThrow(TwilioException::notFound);
    }

    /** A message whose life is not over cannot be deleted (its charge would be lost). */
    public void delete(Caller caller, String accountSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete Message");
        Message m = find(accountSid, sid);
        if (!m.status().isFinal()) throw TwilioException.of(ErrorCode.MESSAGE_IN_PROGRESS, sid, m.status().wire());
        if (!messages.delete(accountSid, sid)) throw TwilioException.notFound();
    }

    /** Each an http(s) URL (21620), at most {@link #MOST_MEDIA} of them. */
    static void checkMediaUrls(List<String> urls) {
        for (String media : urls) {
            if (!PhoneNumberRules.isWebUrl(media)) throw TwilioException.of(ErrorCode.MEDIA_URL_INVALID, media);
        }
        if (urls.size() > MOST_MEDIA) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "A message can have at most " + MOST_MEDIA + " MediaUrl");
    }

    /** A message's media, in the order it was sent with them; the message must exist (20404 otherwise). */
    public Slice<Media> listMedia(Caller caller, String accountSid, String messageSid, Optional<Instant> from, Optional<Instant> before,
                                  PageRequest page) {
        Access.reach(caller, accountSid, accounts);
        find(accountSid, messageSid);
        return messages.media(accountSid, messageSid, from, before, page);
    }

    public Media fetchMedia(Caller caller, String accountSid, String messageSid, String sid) {
        Access.reach(caller, accountSid, accounts);
        find(accountSid, messageSid);
        if (!Sid.isValid(sid, Media.SID_PREFIX)) throw TwilioException.notFound();
        return messages.medium(accountSid, messageSid, sid).orElseThrow(TwilioException::notFound);
    }

    /** The message keeps its num_media, as Twilio's does: it counts what the message was sent with. */
    public void deleteMedia(Caller caller, String accountSid, String messageSid, String sid) {
        Access.reachToChange(caller, accountSid, accounts, "delete Media");
        find(accountSid, messageSid);
        if (!Sid.isValid(sid, Media.SID_PREFIX) || !messages.deleteMedium(accountSid, messageSid, sid)) throw TwilioException.notFound();
    }

    private Message find(String accountSid, String sid) {
        if (!Sid.isValid(sid, Message.SID_PREFIX) && !Sid.isValid(sid, "MM")) throw TwilioException.notFound();
        return messages.find(accountSid, sid).orElseThrow(TwilioException::notFound);
    }

    /** What one segment from {@code sender} to {@code to} costs the family; empty for a destination without a price. */
    private Optional<Money> segmentPrice(String mainSid, String to, PhoneNumber sender, boolean mms) {
        return prices.outboundMessagePerSegment(mainSid, to, sender.type(), mms)
                .or(() -> prices.outboundMessagePerSegment(mainSid, to, sender.type(), false))
                .or(() -> prices.outboundMessagePerSegment(mainSid, to, mms))
                .or(() -> prices.outboundMessagePerSegment(mainSid, to, false));
    }

    /**
     * A scheduled message whose SendAt has come, from another number of its service's pool when the one chosen at
     * creation is no longer its account's (Twilio chooses the sender at SendAt), priced for that number. When the
     * pool has none left, it stays as it is, and the store fails it (21703).
     */
    private MessageStore.Due resent(MessageStore.Due d, Instant now) {
        Message m = d.message();
        if (m.status() != Message.Status.SCHEDULED || m.messagingServiceSid().isEmpty() || m.nextStep().filter(t -> !t.isAfter(now)).isEmpty()) {
            return d;
        }
        boolean stillOwned = numbers.findByNumber(m.from()).filter(n -> n.accountSid().equals(m.accountSid()) && n.capabilities().sms()).isPresent();
        if (stillOwned) return d;
        try {
            MessagingService service = messagingServices.ofAccount(m.accountSid(), m.messagingServiceSid().get());
            boolean mms = m.numMedia() > 0;
            String from = messagingServices.sender(service, m.to(), mms);
            Optional<PhoneNumber> sender = numbers.findByNumber(from);
            Optional<Money> price = sender.flatMap(n -> segmentPrice(m.mainSid(), m.to(), n, mms));
            if (sender.isEmpty() || price.isEmpty()) return d;
            return new MessageStore.Due(m.sentFrom(from, sender.get().type().messageCategory(mms, true), price.get()), d.ownerStatus());
        } catch (TwilioException noSender) {
            return d; // the service is gone, or its pool has no number for it
        }
    }

    /** Moves every message whose next step is due; returns how many steps were written. */
    public long advanceDue() {
        Instant now = clock.instant();
        long written = 0;
        int idle = 0;
        while (true) {
            List<MessageStore.Due> due = messages.due(now, BATCH);
            if (due.isEmpty()) break;
            List<MessageStore.Step> steps = new ArrayList<>(due.size());
            for (MessageStore.Due d : due) steps.add(step(resent(d, now), now));
            int done = messages.advance(steps, BillingService.rechargeAudit(auditor, null));
            written += done;
            idle = done == 0 ? idle + 1 : 0;
            if (idle >= 3 || due.size() < BATCH) break;
        }
        return written;
    }

    /** Every step of a message due by {@code now}, taken at once, with its charge and callbacks. */
    static MessageStore.Step step(MessageStore.Due due, Instant now) {
        Message m = due.message();
        Message at = m;
        Optional<LedgerStore.Posting> charge = Optional.empty();
        List<Callback> callbacks = new ArrayList<>();
        while (at.nextStep().isPresent() && !at.nextStep().get().isAfter(now)) {
            Instant when = at.nextStep().get();
            at = switch (at.status()) {
                case ACCEPTED, SCHEDULED -> moved(at, Message.Status.QUEUED, Optional.empty(), at.price(), at.dateSent(), when,
                        Optional.of(when.plus(TO_SENDING)));
                case QUEUED -> due.ownerStatus() != AccountStatus.ACTIVE
                        ? moved(at, Message.Status.FAILED, Optional.of(ACCOUNT_SUSPENDED), at.price(), at.dateSent(), when, Optional.empty())
                        : at.outcome() == Message.Status.FAILED
                        ? moved(at, Message.Status.FAILED, Optional.of(UNKNOWN_ERROR), at.price(), at.dateSent(), when, Optional.empty())
                        : moved(at, Message.Status.SENDING, Optional.empty(), at.price(), at.dateSent(), when,
                                Optional.of(when.plus(TO_SENT.minus(TO_SENDING))));
                case SENDING -> {
                    Money price = at.segmentPrice().times(at.numSegments()).negate();
                    if (price.signum() != 0) {
                        charge = Optional.of(new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), at.mainSid(), at.accountSid(),
                                at.category(), price, Optional.of(at.sid()), Optional.of(at.to()), at.chargeCause(), when, Usage.of(at.numSegments())));
                    }
                    yield moved(at, Message.Status.SENT, Optional.empty(), Optional.of(price), Optional.of(when), when,
                            Optional.of(when.plus(TO_DELIVERED.minus(TO_SENT))));
                }
                case SENT -> at.outcome() == Message.Status.UNDELIVERED
                        ? moved(at, Message.Status.UNDELIVERED, Optional.of(UNREACHABLE), at.price(), at.dateSent(), when, Optional.empty())
                        : moved(at, Message.Status.DELIVERED, Optional.empty(), at.price(), at.dateSent(), when, Optional.empty());
                default -> moved(at, at.status(), at.errorCode(), at.price(), at.dateSent(), when, Optional.empty());
            };
            if (at.statusCallback().isPresent() && at.status() != Message.Status.SENDING) callbacks.add(statusCallback(at));
        }
        if (m.status() != Message.Status.SCHEDULED) return new MessageStore.Step(m, at, charge, callbacks);
        // the store may refuse to send it at its SendAt: then it fails there, uncharged
        Instant sendAt = m.nextStep().orElseThrow();
        return new MessageStore.Step(m, at, charge, callbacks, Optional.of(code -> {
            Message failed = moved(m, Message.Status.FAILED, Optional.of(code), Optional.empty(), Optional.empty(), sendAt, Optional.empty());
            return new MessageStore.Step(m, failed, Optional.empty(), failed.statusCallback().isPresent() ? List.of(statusCallback(failed)) : List.of());
        }));
    }

    private static Message moved(Message m, Message.Status status, Optional<Integer> error, Optional<Money> price, Optional<Instant> sent,
                                 Instant when, Optional<Instant> next) {
        return new Message(m.sid(), m.accountSid(), m.mainSid(), m.direction(), m.from(), m.to(), m.body(), m.numSegments(), m.numMedia(),
                status, m.outcome(), error, m.category(), m.segmentPrice(), price, m.statusCallback(), m.dateCreated(), when, sent, next,
                m.messagingServiceSid());
    }

    /** The parameters Twilio POSTs to a message's StatusCallback at each change of status. */
    static Callback statusCallback(Message m) {
        List<Map.Entry<String, String>> p = new ArrayList<>();
        p.add(Map.entry("MessageSid", m.sid()));
        p.add(Map.entry("SmsSid", m.sid()));
        p.add(Map.entry("AccountSid", m.accountSid()));
        p.add(Map.entry("From", m.from()));
        p.add(Map.entry("To", m.to()));
        p.add(Map.entry("MessageStatus", m.status().wire()));
        p.add(Map.entry("SmsStatus", m.status().wire()));
        p.add(Map.entry("NumSegments", Integer.toString(m.numSegments())));
        p.add(Map.entry("NumMedia", Integer.toString(m.numMedia())));
        p.add(Map.entry("ApiVersion", "2010-04-01"));
        m.messagingServiceSid().ifPresent(v -> p.add(Map.entry("MessagingServiceSid", v)));
        m.errorCode().ifPresent(c -> p.add(Map.entry("ErrorCode", Integer.toString(c))));
        if (m.status() == Message.Status.DELIVERED || m.status() == Message.Status.UNDELIVERED) {
            p.add(Map.entry("RawDlrDoneDate", RAW_DLR_DONE_DATE.format(m.dateUpdated())));
        }
        return new Callback(m.accountSid(), m.sid(), "POST", m.statusCallback().orElseThrow(), p, Callback.RETRIED);
    }
}
