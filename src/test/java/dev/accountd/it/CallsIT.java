package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.ResourceSet;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import dev.accountd.support.WebhookReceiver;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls cost money and live on accountd's clock, as Twilio's API shows them: queued with no price, ringing a second
 * later, answered two seconds after that (its Url requested once, signed), completed after its talk time and charged
 * then: minutes rounded up × the destination's price per minute, one ledger entry under calls-outbound. Busy,
 * no-answer, failed and canceled calls cost nothing. Every test has a family of its own, on one manual clock.
 */
class CallsIT {
    static final String CLOCK = "/_accountd/v1/Clock";
    static final String TO = "+14155550123";
    static final BigDecimal US_MINUTE = new BigDecimal("0.013");

    static TestServer server;
    static RawHttp http;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("ACCOUNTD_CLOCK", "manual"));
        http = server.raw();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
        if (server != null) server.close();
    }

    static TrafficFamily newFamily(String name) { return TrafficFamily.create(server, name); }

    static String buyLocal(TrafficFamily f, String accountSid) { return f.buyLocal(accountSid).getPhoneNumber().toString(); }

    static void move(String form) { TrafficFamily.move(http, form); }

    static Call call(TrafficFamily f, String accountSid, String from, String to) {
        return Call.creator(accountSid, new PhoneNumber(to), new PhoneNumber(from), URI.create(receiver.url("/voice"))).create(f.client());
    }

    static Call fetch(TrafficFamily f, String accountSid, Call c) { return Call.fetcher(accountSid, c.getSid()).fetch(f.client()); }

    @Test
    void aCall_ringsIsAnsweredTalksAndCompletes_onTheClock_andIsChargedPerMinuteRoundedUp() throws Exception {
        TrafficFamily f = newFamily("life");
        String from = buyLocal(f, f.sid());
        Call c = call(f, f.sid(), from, TO);
        assertEquals(Call.Status.QUEUED, c.getStatus());
        assertNull(c.getPrice());
        assertEquals("USD", c.getPriceUnit().getCurrencyCode());
        assertEquals("outbound-api", c.getDirection());
        assertEquals("(415) 555-0123", c.getToFormatted());
        assertTrue(c.getSid().matches("CA[0-9a-f]{32}"), c.getSid());

        move("Advance=PT1S");
        Call ringing = fetch(f, f.sid(), c);
        assertEquals(Call.Status.RINGING, ringing.getStatus());
        assertNotNull(ringing.getStartTime());
        move("Advance=PT2S");
        assertEquals(Call.Status.IN_PROGRESS, fetch(f, f.sid(), c).getStatus());
        List<WebhookReceiver.Received> voice = receiver.await(r -> c.getSid().equals(r.params().get("CallSid")) && r.url().endsWith("/voice"), 1,
                Duration.ofSeconds(20));
        assertEquals(1, voice.size(), "the Url is requested once, when the call is answered");
        assertEquals("in-progress", voice.get(0).params().get("CallStatus"));
        assertTrue(new RequestValidator(f.token()).validate(voice.get(0).url(), voice.get(0).params(), voice.get(0).signature()));
        assertTrue(f.charges("calls-outbound").isEmpty(), "not charged while it talks");

        move("Advance=PT60S");
        Call done = fetch(f, f.sid(), c);
        assertEquals(Call.Status.COMPLETED, done.getStatus());
        assertEquals("60", done.getDuration(), "ACCOUNTD_CALL_SECONDS, 60 by default");
        assertEquals("-0.01300", done.getPrice(), "one minute to the US");
        assertNotNull(done.getEndTime());
        List<JsonNode> charges = f.charges("calls-outbound");
        assertEquals(1, charges.size(), charges.toString());
        assertEquals(c.getSid(), charges.get(0).get("resource_sid").asText());
        assertEquals(0, new BigDecimal("-0.013").compareTo(new BigDecimal(charges.get(0).get("amount").asText())));
    }

    @Test
    void sixtyOneSeconds_areTwoMinutes_andTheSeedsRecipeGivesTheLedgerTotal() {
        TrafficFamily f = newFamily("rounding");
        String from = buyLocal(f, f.sid());
        Call shortCall = Call.creator(f.sid(), new PhoneNumber(TO), new PhoneNumber(from), URI.create(receiver.url("/voice")))
                .setTimeLimit(61).create(f.client());
        Call longCall = Call.creator(f.sid(), new PhoneNumber("+14155550124"), new PhoneNumber(from), URI.create(receiver.url("/voice")))
                .setTimeLimit(600).create(f.client());
        move("Advance=PT15M");
        assertEquals("-0.02600", fetch(f, f.sid(), shortCall).getPrice(), "61 s = 2 minutes × 0.013");
        assertEquals("61", fetch(f, f.sid(), shortCall).getDuration());
        assertEquals("-0.13000", fetch(f, f.sid(), longCall).getPrice(), "600 s = 10 minutes");
        BigDecimal sum = BigDecimal.ZERO;
        for (Call c : Call.reader(f.sid()).read(f.client())) sum = sum.add(new BigDecimal(c.getPrice()));
        BigDecimal ledger = f.charges("calls-outbound").stream().map(e -> new BigDecimal(e.get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("-0.156").compareTo(sum), sum.toPlainString());
        assertEquals(0, sum.compareTo(ledger), "summing the prices of the calls gives the ledger's total");
    }

    @Test
    void busyNoAnswerFailedAndCanceledCalls_costNothing() {
        TrafficFamily f = newFamily("unbilled");
        String from = buyLocal(f, f.sid());
        f.destination("+14155550131", "CallOutcome=busy");
        f.destination("+14155550132", "CallOutcome=no-answer");
        f.destination("+14155550133", "CallOutcome=failed");
        Call busy = call(f, f.sid(), from, "+14155550131");
        Call noAnswer = Call.creator(f.sid(), new PhoneNumber("+14155550132"), new PhoneNumber(from), URI.create(receiver.url("/voice")))
                .setTimeout(30).create(f.client());
        Call failed = call(f, f.sid(), from, "+14155550133");
        Call canceled = call(f, f.sid(), from, TO);
        assertEquals(Call.Status.CANCELED, Call.updater(f.sid(), canceled.getSid()).setStatus(Call.UpdateStatus.CANCELED).update(f.client()).getStatus());
        move("Advance=PT10S");
        assertEquals(Call.Status.BUSY, fetch(f, f.sid(), busy).getStatus());
        assertEquals(Call.Status.RINGING, fetch(f, f.sid(), noAnswer).getStatus(), "rings for its Timeout");
        move("Advance=PT30S");
        assertEquals(Call.Status.NO_ANSWER, fetch(f, f.sid(), noAnswer).getStatus());
        assertEquals(Call.Status.FAILED, fetch(f, f.sid(), failed).getStatus());
        assertEquals(Call.Status.CANCELED, fetch(f, f.sid(), canceled).getStatus());
        for (Call c : List.of(busy, noAnswer, failed, canceled)) {
            Call now = fetch(f, f.sid(), c);
            assertNull(now.getPrice(), now.getStatus() + " costs nothing");
            assertNull(now.getDuration());
        }
        assertTrue(f.charges("calls-outbound").isEmpty());
        assertTwilioError(400, 21220, "Invalid call state",
                () -> Call.updater(f.sid(), busy.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(f.client()));
    }

    @Test
    void suspendingASubaccount_leavesItsCallInProgress_andStatusCompletedEndsIt_billedForTheTimeSoFar() {
        TrafficFamily f = newFamily("suspend");
        Account sub = f.subaccount("customer");
        String from = buyLocal(f, sub.getSid());
        Call c = Call.creator(sub.getSid(), new PhoneNumber(TO), new PhoneNumber(from), URI.create(receiver.url("/voice")))
                .setTimeLimit(3600).create(f.client());
        move("Advance=PT3S");
        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(f.client());
        move("Advance=PT125S");
        assertEquals(Call.Status.IN_PROGRESS, fetch(f, sub.getSid(), c).getStatus(), "a suspension does not end a call");
        assertTwilioError(400, 10001, "not active", () -> call(f, sub.getSid(), from, "+14155550124"));
        Call ended = Call.updater(sub.getSid(), c.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(f.client());
        assertEquals(Call.Status.COMPLETED, ended.getStatus());
        assertEquals("125", ended.getDuration());
        assertEquals("-0.03900", ended.getPrice(), "125 s = 3 minutes × 0.013");
        assertEquals(1, f.charges("calls-outbound").size());
        assertTrue(Call.deleter(sub.getSid(), c.getSid()).delete(f.client()));
    }

    @Test
    void everyRefusal_hasTwilioCode() {
        TrafficFamily f = newFamily("refusals");
        String from = buyLocal(f, f.sid());
        String path = "/2010-04-01/Accounts/" + f.sid() + "/Calls.json";
        String url = "&Url=" + enc(receiver.url("/voice"));
        assertTwilioError(http.post(path, f.auth(), "From=" + enc(from) + url), 400, 21201, "'To'");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + url), 400, 21213, "'From'");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=" + enc(from)), 400, 21205, "Url");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=" + enc(from) + "&Url=ftp://x"), 400, 21205, "Invalid Url");
        assertTwilioError(http.post(path, f.auth(), "To=12&From=" + enc(from) + url), 400, 21211, "Invalid 'To'");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=abc" + url), 400, 21212, "Invalid From");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=" + enc("+16465550199") + url), 400, 21210, "not yet verified");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc("+819012345678") + "&From=" + enc(from) + url), 400, 21215, "Geo Permission");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=" + enc(from) + url + "&Timeout=601"), 400, 20001, "Timeout");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&From=" + enc(from) + url + "&StatusCallbackEvent=hungup"), 400, 20001,
                "StatusCallbackEvent");
        assertEquals(0, StreamSupport.stream(Call.reader(f.sid()).read(f.client()).spliterator(), false).count(), "no refused call is stored");
    }

    @Test
    void statusCallbacks_reportEachRequestedEvent_inSequence_signedWithTheOwnersToken() throws Exception {
        TrafficFamily f = newFamily("callbacks");
        Account sub = f.subaccount("customer");
        String from = buyLocal(f, sub.getSid());
        String statusUrl = receiver.url("/call-status/" + sub.getSid());
        Call c = Call.creator(sub.getSid(), new PhoneNumber(TO), new PhoneNumber(from), URI.create(receiver.url("/voice")))
                .setStatusCallback(URI.create(statusUrl)).setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setStatusCallbackMethod(HttpMethod.POST).setTimeLimit(30).create(f.client());
        move("Advance=PT1M");
        List<WebhookReceiver.Received> got = new ArrayList<>(receiver.await(r -> c.getSid().equals(r.params().get("CallSid"))
                && r.url().equals(statusUrl), 4, Duration.ofSeconds(20)));
        got.sort(Comparator.comparing(r -> Integer.parseInt(r.params().get("SequenceNumber"))));
        assertEquals(List.of("initiated", "ringing", "in-progress", "completed"), got.stream().map(r -> r.params().get("CallStatus")).toList());
        assertEquals(List.of("0", "1", "2", "3"), got.stream().map(r -> r.params().get("SequenceNumber")).toList());
        assertEquals("30", got.get(3).params().get("CallDuration"));
        RequestValidator own = new RequestValidator(sub.getAuthToken());
        for (WebhookReceiver.Received r : got) {
            assertTrue(own.validate(r.url(), r.params(), r.signature()), "signed with the subaccount's primary token: " + r);
            assertFalse(new RequestValidator(f.token()).validate(r.url(), r.params(), r.signature()));
            assertEquals("call-progress-events", r.params().get("CallbackSource"));
        }
    }

    @Test
    void theList_filtersByStatusAndStartTime_newestFirst() {
        TrafficFamily f = newFamily("list");
        String from = buyLocal(f, f.sid());
        Call first = call(f, f.sid(), from, TO);
        move("Advance=PT5M");
        Call second = call(f, f.sid(), from, "+14155550124");
        move("Advance=PT2S");
        assertEquals(List.of(second.getSid(), first.getSid()), sids(Call.reader(f.sid()).read(f.client())));
        assertEquals(List.of(first.getSid()), sids(Call.reader(f.sid()).setStatus(Call.Status.COMPLETED).read(f.client())));
        assertEquals(List.of(second.getSid()), sids(Call.reader(f.sid()).setTo(new PhoneNumber("+14155550124")).read(f.client())));
        java.time.ZonedDateTime secondStart = fetch(f, f.sid(), second).getStartTime();
        assertEquals(List.of(second.getSid()), sids(Call.reader(f.sid()).setStartTimeAfter(secondStart).read(f.client())));
        assertEquals(List.of(first.getSid()), sids(Call.reader(f.sid()).setStartTimeBefore(secondStart.minusSeconds(1)).read(f.client())));
        // a day as the SDKs send it: its midnight GMT (the shared manual clock may have crossed a midnight between the calls)
        java.time.LocalDate day = secondStart.withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate();
        java.time.ZonedDateTime midnight = day.atStartOfDay(java.time.ZoneOffset.UTC);
        List<String> startedThatDay = java.util.stream.Stream.of(second, first)
                .filter(c -> fetch(f, f.sid(), c).getStartTime().withZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate().equals(day))
                .map(Call::getSid).toList();
        assertEquals(startedThatDay, sids(Call.reader(f.sid()).setStartTime(midnight).read(f.client())), "a midnight date-time is that day");
        assertEquals(List.of(second.getSid(), first.getSid()), sids(Call.reader(f.sid()).setStartTimeBefore(midnight).read(f.client())),
                "on or before that day");
        assertEquals(List.of(), sids(Call.reader(f.sid()).setStartTime(midnight.plusDays(1)).read(f.client())));
    }

    @Test
    void simulatedDestinations_alsoDecideWhatBecomesOfMessages() {
        TrafficFamily f = newFamily("destinations");
        String from = buyLocal(f, f.sid());
        f.destination("+14155550141", "MessageOutcome=undelivered");
        f.destination("+14155550142", "MessageOutcome=failed");
        Reply read = http.get("/_accountd/v1/Simulation/Destinations/+14155550141", f.auth());
        assertEquals(200, read.status(), read.body());
        assertEquals("undelivered", read.json().get("message_outcome").asText());
        assertEquals("answered", read.json().get("call_outcome").asText());
        Message undelivered = Message.creator(f.sid(), new PhoneNumber("+14155550141"), new PhoneNumber(from), "x").create(f.client());
        Message failed = Message.creator(f.sid(), new PhoneNumber("+14155550142"), new PhoneNumber(from), "x").create(f.client());
        move("Advance=PT5S");
        Message u = Message.fetcher(f.sid(), undelivered.getSid()).fetch(f.client());
        assertEquals(Message.Status.UNDELIVERED, u.getStatus());
        assertEquals(30003, u.getErrorCode());
        assertEquals("-0.00830", u.getPrice(), "delivery was attempted, so it is charged");
        Message x = Message.fetcher(f.sid(), failed.getSid()).fetch(f.client());
        assertEquals(Message.Status.FAILED, x.getStatus());
        assertNull(x.getPrice());
        assertEquals(1, f.charges("sms-outbound-longcode").size());
        assertEquals(204, http.delete("/_accountd/v1/Simulation/Destinations/+14155550141", f.auth()).status());
        assertEquals(404, http.get("/_accountd/v1/Simulation/Destinations/+14155550141", f.auth()).status());
        Account sub = f.subaccount("not main");
        assertTwilioError(http.post("/_accountd/v1/Simulation/Destinations/+14155550141", basic(sub.getSid(), sub.getAuthToken()),
                "CallOutcome=busy"), 403, 20403, "main account");
    }

    @Test
    void aValidationRequest_verifiesACallerId_whichIsThenAValidFrom() throws Exception {
        TrafficFamily f = newFamily("caller ids");
        String own = "+14155550177";
        assertTwilioError(http.post("/2010-04-01/Accounts/" + f.sid() + "/Calls.json", f.auth(), "To=" + enc(TO) + "&From=" + enc(own)
                + "&Url=" + enc(receiver.url("/voice"))), 400, 21210, "not yet verified");
        String status = receiver.url("/verified/" + f.sid());
        com.twilio.rest.api.v2010.account.ValidationRequest request = com.twilio.rest.api.v2010.account.ValidationRequest
                .creator(f.sid(), new PhoneNumber(own)).setFriendlyName("my cell").setStatusCallback(URI.create(status)).create(f.client());
        assertTrue(request.getValidationCode().matches("[0-9]{6}"), request.getValidationCode());
        assertEquals("my cell", request.getFriendlyName());
        List<WebhookReceiver.Received> verified = receiver.await(r -> r.url().equals(status), 1, Duration.ofSeconds(20));
        assertEquals("success", verified.get(0).params().get("VerificationStatus"));
        List<com.twilio.rest.api.v2010.account.OutgoingCallerId> ids = StreamSupport.stream(com.twilio.rest.api.v2010.account.OutgoingCallerId
                .reader(f.sid()).setPhoneNumber(new PhoneNumber(own)).read(f.client()).spliterator(), false).toList();
        assertEquals(1, ids.size());
        String sid = ids.get(0).getSid();
        assertEquals(sid, verified.get(0).params().get("OutgoingCallerIdSid"));
        assertEquals("renamed", com.twilio.rest.api.v2010.account.OutgoingCallerId.updater(f.sid(), sid).setFriendlyName("renamed")
                .update(f.client()).getFriendlyName());
        assertEquals(own, com.twilio.rest.api.v2010.account.OutgoingCallerId.fetcher(f.sid(), sid).fetch(f.client()).getPhoneNumber().toString());
        assertTwilioError(400, 21450, "already verified", () -> com.twilio.rest.api.v2010.account.ValidationRequest
                .creator(f.sid(), new PhoneNumber(own)).create(f.client()));

        Call c = call(f, f.sid(), own, TO);
        assertEquals(sid, c.getPhoneNumberSid(), "the caller ID's SID");
        assertTrue(com.twilio.rest.api.v2010.account.OutgoingCallerId.deleter(f.sid(), sid).delete(f.client()));
        assertTwilioError(400, 21210, "not yet verified", () -> call(f, f.sid(), own, TO));
    }

    static List<String> sids(ResourceSet<Call> calls) {
        return StreamSupport.stream(calls.spliterator(), false).map(Call::getSid).toList();
    }

    static String enc(String v) { return TrafficFamily.enc(v); }
}
