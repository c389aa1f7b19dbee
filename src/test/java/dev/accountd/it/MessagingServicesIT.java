package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import com.twilio.security.RequestValidator;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import dev.accountd.support.WebhookReceiver;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messaging Services (messaging v1): a pool of an account's numbers that messages are sent through by
 * MessagingServiceSid, and that scheduled messages need. A message sent through a service is accepted with no From,
 * queued at once from a number of the pool, and then lives as every message does; a scheduled one waits, scheduled,
 * until its SendAt, and can be canceled until then, uncharged. Every test has a family of its own, on one manual clock.
 */
class MessagingServicesIT {
    static final String TO = "+14155550123";

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

    static void move(String form) { TrafficFamily.move(http, form); }

    static Instant now() {
        RawHttp.Reply r = http.get("/_accountd/v1/Clock", RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN));
        return Instant.parse(r.json().get("now").asText());
    }

    static String enc(String v) { return TrafficFamily.enc(v); }

    static Service service(TrafficFamily f, String name) { return Service.creator(name).create(f.client()); }

    static IncomingPhoneNumber pooled(TrafficFamily f, Service s) {
        IncomingPhoneNumber n = f.buyLocal(f.sid());
        PhoneNumber.creator(s.getSid(), n.getSid()).create(f.client());
        return n;
    }

    static List<JsonNode> messageCharges(TrafficFamily f) {
        return f.ledger("").stream().filter(e -> e.get("category").asText().startsWith("sms-")).toList();
    }

    @Test
    void aService_hasTwilioDefaults_andIsListedFetchedUpdatedAndDeleted() {
        TrafficFamily f = TrafficFamily.create(server, "services");
        Service s = service(f, "Notifications");
        assertTrue(s.getSid().matches("MG[0-9a-f]{32}"), s.getSid());
        assertEquals(f.sid(), s.getAccountSid());
        assertEquals("Notifications", s.getFriendlyName());
        assertEquals(Boolean.TRUE, s.getStickySender());
        assertEquals(Boolean.TRUE, s.getAreaCodeGeomatch());
        assertEquals(Integer.valueOf(36000), s.getValidityPeriod());
        assertEquals("POST", s.getInboundMethod().toString());
        assertEquals("undeclared", s.getUsecase());
        assertEquals(Service.ScanMessageContent.INHERIT, s.getScanMessageContent());
        assertNull(s.getStatusCallback());
        assertEquals(Boolean.FALSE, s.getUsAppToPersonRegistered());

        Service changed = Service.updater(s.getSid()).setStatusCallback(URI.create("https://example.com/status")).setStickySender(false)
                .setValidityPeriod(600).setFriendlyName("Alerts").update(f.client());
        assertEquals("Alerts", changed.getFriendlyName());
        assertEquals(URI.create("https://example.com/status"), changed.getStatusCallback());
        assertEquals(Boolean.FALSE, changed.getStickySender());
        assertEquals(Integer.valueOf(600), Service.fetcher(s.getSid()).fetch(f.client()).getValidityPeriod());
        Service second = service(f, "Marketing");
        List<String> listed = StreamSupport.stream(Service.reader().read(f.client()).spliterator(), false).map(Service::getSid).toList();
        assertEquals(List.of(s.getSid(), second.getSid()), listed, "oldest first");

        assertTwilioError(http.post("/v1/Services", f.auth(), "StickySender=true"), 400, 20001, "FriendlyName");
        assertTwilioError(http.post("/v1/Services", f.auth(), "FriendlyName=x&ValidityPeriod=0"), 400, 20001, "ValidityPeriod");
        assertTwilioError(http.post("/v1/Services", f.auth(), "FriendlyName=x&ScanMessageContent=always"), 400, 20001, "ScanMessageContent");
        assertTwilioError(http.post("/v1/Services", f.auth(), "FriendlyName=x&StatusCallback=ftp://x"), 400, 20001, "StatusCallback");

        Account sub = f.subaccount("customer");
        RawHttp.Reply other = http.get("/v1/Services/" + s.getSid(), RawHttp.basic(sub.getSid(), sub.getAuthToken()));
        assertEquals(404, other.status(), "a subaccount's credentials see its own services only: " + other.body());

        assertTrue(Service.deleter(s.getSid()).delete(f.client()));
        assertTwilioError(404, 20404, "not found", () -> Service.fetcher(s.getSid()).fetch(f.client()));
    }

    @Test
    void thePool_holdsEachNumberOfTheAccountOnce_andLosesNumbersThatAreReleasedOrTransferred() {
        TrafficFamily f = TrafficFamily.create(server, "pool");
        Service s = service(f, "pool");
        Service other = service(f, "other");
        IncomingPhoneNumber n = f.buyLocal(f.sid());
        PhoneNumber added = PhoneNumber.creator(s.getSid(), n.getSid()).create(f.client());
        assertEquals(n.getSid(), added.getSid(), "the pool's resource has the number's SID");
        assertEquals(s.getSid(), added.getServiceSid());
        assertEquals(n.getPhoneNumber().toString(), added.getPhoneNumber().toString());
        assertEquals("US", added.getCountryCode());
        assertTrue(added.getCapabilities().contains("SMS"), added.getCapabilities().toString());

        String pool = "/v1/Services/" + s.getSid() + "/PhoneNumbers";
        assertTwilioError(http.post(pool, f.auth(), "PhoneNumberSid=" + n.getSid()), 409, 21710, "already in the Messaging Service");
        assertTwilioError(http.post("/v1/Services/" + other.getSid() + "/PhoneNumbers", f.auth(), "PhoneNumberSid=" + n.getSid()), 409, 21712,
                "another Messaging Service");
        Account sub = f.subaccount("customer");
        IncomingPhoneNumber subsNumber = f.buyLocal(sub.getSid());
        assertTwilioError(http.post(pool, f.auth(), "PhoneNumberSid=" + subsNumber.getSid()), 400, 21421, "is not a phone number of account");
        assertTwilioError(http.post(pool, f.auth(), "PhoneNumberSid=nonsense"), 400, 21421, "invalid");
        assertTwilioError(http.post(pool, f.auth(), ""), 400, 20001, "PhoneNumberSid");

        assertEquals(n.getSid(), PhoneNumber.fetcher(s.getSid(), n.getSid()).fetch(f.client()).getSid());
        IncomingPhoneNumber second = pooled(f, s);
        List<String> listed = StreamSupport.stream(PhoneNumber.reader(s.getSid()).read(f.client()).spliterator(), false)
                .map(PhoneNumber::getSid).toList();
        assertEquals(List.of(n.getSid(), second.getSid()), listed);

        assertTrue(PhoneNumber.deleter(s.getSid(), n.getSid()).delete(f.client()));
        assertTwilioError(404, 20404, "not found", () -> PhoneNumber.fetcher(s.getSid(), n.getSid()).fetch(f.client()));
        assertEquals(n.getSid(), IncomingPhoneNumber.fetcher(f.sid(), n.getSid()).fetch(f.client()).getSid(), "the number stays the account's");

        IncomingPhoneNumber.updater(f.sid(), second.getSid()).setAccountSid(sub.getSid()).update(f.client());
        assertEquals(0, StreamSupport.stream(PhoneNumber.reader(s.getSid()).read(f.client()).spliterator(), false).count(),
                "a number transferred to another account leaves the pool");
        IncomingPhoneNumber third = pooled(f, s);
        assertTrue(IncomingPhoneNumber.deleter(f.sid(), third.getSid()).delete(f.client()));
        assertEquals(0, StreamSupport.stream(PhoneNumber.reader(s.getSid()).read(f.client()).spliterator(), false).count(),
                "a released number leaves the pool");

        IncomingPhoneNumber fourth = pooled(f, s);
        assertTrue(Service.deleter(s.getSid()).delete(f.client()));
        assertEquals(fourth.getSid(), PhoneNumber.creator(other.getSid(), fourth.getSid()).create(f.client()).getSid(),
                "deleting a service frees its numbers for another");
    }

    @Test
    void aMessageThroughAService_isAcceptedWithoutFrom_thenGoesFromThePool_withTheServicesStatusCallback() throws Exception {
        TrafficFamily f = TrafficFamily.create(server, "through");
        Service s = Service.creator("through").setStatusCallback(URI.create(receiver.url("/service-status"))).create(f.client());
        String path = "/2010-04-01/Accounts/" + f.sid() + "/Messages.json";
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(TO) + "&Body=hi&MessagingServiceSid=" + s.getSid()), 400, 21704,
                "contains no phone numbers");
        IncomingPhoneNumber sender = pooled(f, s);
        BigDecimal before = f.balance();

        Message m = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "Your code is 123456").create(f.client());
        assertEquals(Message.Status.ACCEPTED, m.getStatus());
        assertNull(m.getFrom(), "Twilio chooses the sender once the message is queued");
        assertEquals(s.getSid(), m.getMessagingServiceSid());
        assertNull(m.getPrice());

        move("Advance=PT5S");
        Message delivered = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.DELIVERED, delivered.getStatus());
        assertEquals(sender.getPhoneNumber().toString(), delivered.getFrom().toString());
        assertEquals("-0.00830", delivered.getPrice());
        assertEquals(1, messageCharges(f).size());
        assertEquals(0, before.subtract(new BigDecimal("0.0083")).compareTo(f.balance()), "charged once, as any message");

        receiver.await(r -> m.getSid().equals(r.params().get("MessageSid")), 3, Duration.ofSeconds(30));
        move("Advance=PT1M");
        receiver.await(r -> false, 1, Duration.ofSeconds(2)); // time for a callback too many to arrive
        List<WebhookReceiver.Received> got = receiver.received().stream().filter(r -> m.getSid().equals(r.params().get("MessageSid"))).toList();
        assertEquals(List.of("delivered", "queued", "sent"), got.stream().map(r -> r.params().get("MessageStatus")).sorted().toList(),
                "one callback per status after accepted but sending (the outbox does not keep their order)");
        for (WebhookReceiver.Received r : got) assertEquals(s.getSid(), r.params().get("MessagingServiceSid"));
        RequestValidator validator = new RequestValidator(f.token());
        for (WebhookReceiver.Received r : got) {
            assertTrue(validator.validate(r.url(), r.params(), r.signature()), "signed with the owner's auth token: " + r);
        }

        // From with a service: that number is the sender, and the message is the service's
        IncomingPhoneNumber outside = f.buyLocal(f.sid());
        Message fromOne = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), new com.twilio.type.PhoneNumber(
                outside.getPhoneNumber().toString()), "from this one").setMessagingServiceSid(s.getSid()).create(f.client());
        move("Advance=PT5S");
        Message sentFrom = Message.fetcher(f.sid(), fromOne.getSid()).fetch(f.client());
        assertEquals(outside.getPhoneNumber().toString(), sentFrom.getFrom().toString());
        assertEquals(s.getSid(), sentFrom.getMessagingServiceSid());
    }

    static IncomingPhoneNumber pooled(TrafficFamily f, Service s, int areaCode) {
        String number = com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local.reader(f.sid(), "US").setAreaCode(areaCode).limit(1)
                .read(f.client()).iterator().next().getPhoneNumber().toString();
        IncomingPhoneNumber n = IncomingPhoneNumber.creator(f.sid(), new com.twilio.type.PhoneNumber(number)).create(f.client());
        PhoneNumber.creator(s.getSid(), n.getSid()).create(f.client());
        return n;
    }

    static String sentFrom(TrafficFamily f, Message m) { return Message.fetcher(f.sid(), m.getSid()).fetch(f.client()).getFrom().toString(); }

    @Test
    void theSender_staysStickyForARecipient_andOtherwiseMatchesTheRecipientsAreaCode_elseIsTheFirstAdded() {
        TrafficFamily f = TrafficFamily.create(server, "geomatch");
        Service s = service(f, "geomatch");
        IncomingPhoneNumber manhattan = pooled(f, s, 212); // the first added
        IncomingPhoneNumber ny = pooled(f, s, 646);
        Message first = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "hi").create(f.client());
        move("Advance=PT5S");
        assertEquals(manhattan.getPhoneNumber().toString(), sentFrom(f, first), "no number of 415: the first added");

        IncomingPhoneNumber sf = pooled(f, s, 415);
        Message again = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "again").create(f.client());
        Message newcomer = Message.creator(f.sid(), new com.twilio.type.PhoneNumber("+14155550177"), s.getSid(), "hello").create(f.client());
        Message nyRecipient = Message.creator(f.sid(), new com.twilio.type.PhoneNumber("+16465550142"), s.getSid(), "hello").create(f.client());
        move("Advance=PT5S");
        assertEquals(manhattan.getPhoneNumber().toString(), sentFrom(f, again), "sticky sender: the recipient keeps the number it heard from first");
        assertEquals(sf.getPhoneNumber().toString(), sentFrom(f, newcomer), "415 to a new 415 recipient");
        assertEquals(ny.getPhoneNumber().toString(), sentFrom(f, nyRecipient), "646 to a 646 recipient");

        Service.updater(s.getSid()).setStickySender(false).update(f.client());
        Message unstuck = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "no longer sticky").create(f.client());
        move("Advance=PT5S");
        assertEquals(sf.getPhoneNumber().toString(), sentFrom(f, unstuck), "without sticky sender, the area code decides");
    }

    @Test
    void aMessageToAPooledNumber_goesToTheServicesInboundRequestUrl_unlessTheServiceDefersToTheNumber() throws Exception {
        TrafficFamily f = TrafficFamily.create(server, "inbound");
        String serviceUrl = receiver.url("/service-inbound/" + f.sid());
        String numberUrl = receiver.url("/number-inbound/" + f.sid());
        Service s = Service.creator("inbound").setInboundRequestUrl(URI.create(serviceUrl)).create(f.client());
        IncomingPhoneNumber n = pooled(f, s);
        IncomingPhoneNumber.updater(f.sid(), n.getSid()).setSmsUrl(URI.create(numberUrl)).update(f.client());
        String form = "From=" + enc("+14155550150") + "&To=" + enc(n.getPhoneNumber().toString()) + "&Body=" + enc("STOP");

        RawHttp.Reply r = http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), form);
        assertEquals(201, r.status(), r.body());
        assertEquals(s.getSid(), Message.fetcher(f.sid(), r.json().get("sid").asText()).fetch(f.client()).getMessagingServiceSid());
        WebhookReceiver.Received got = receiver.await(x -> x.url().equals(serviceUrl), 1, Duration.ofSeconds(20)).get(0);
        assertEquals(s.getSid(), got.params().get("MessagingServiceSid"));
        assertEquals("STOP", got.params().get("Body"));
        assertTrue(new RequestValidator(f.token()).validate(serviceUrl, got.params(), got.signature()));

        Service.updater(s.getSid()).setUseInboundWebhookOnNumber(true).update(f.client());
        RawHttp.Reply deferred = http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), form);
        assertEquals(201, deferred.status(), deferred.body());
        List<WebhookReceiver.Received> atNumber = receiver.await(x -> x.url().equals(numberUrl), 1, Duration.ofSeconds(20));
        assertEquals(deferred.json().get("sid").asText(), atNumber.get(0).params().get("MessageSid"), "deferred to the number's SmsUrl");
        assertEquals(1, receiver.received().stream().filter(x -> x.url().equals(serviceUrl)).count(), "the service's URL heard the first only");
    }

    @Test
    void aScheduledMessage_waitsUntilItsSendAt_thenIsSentAndCharged() {
        TrafficFamily f = TrafficFamily.create(server, "scheduled");
        Service s = service(f, "scheduled");
        IncomingPhoneNumber sender = pooled(f, s);
        ZonedDateTime sendAt = now().plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC).withNano(0);
        Message m = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "see you at noon")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(sendAt).create(f.client());
        assertEquals(Message.Status.SCHEDULED, m.getStatus());
        assertNull(m.getFrom());
        assertNull(m.getDateSent());
        assertNull(m.getPrice());

        move("Advance=PT59M");
        assertEquals(Message.Status.SCHEDULED, Message.fetcher(f.sid(), m.getSid()).fetch(f.client()).getStatus());
        assertTrue(messageCharges(f).isEmpty(), "scheduling is free");
        move("Advance=PT1M5S");
        Message delivered = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.DELIVERED, delivered.getStatus());
        assertEquals(sender.getPhoneNumber().toString(), delivered.getFrom().toString());
        assertEquals(sendAt.toInstant().plusSeconds(2), delivered.getDateSent().toInstant(), "sent two seconds after it was queued");
        assertEquals(1, messageCharges(f).size());
    }

    @Test
    void aScheduledMessage_canBeCanceledUntilItIsSent_andThenCostsNothing() throws Exception {
        TrafficFamily f = TrafficFamily.create(server, "cancel");
        String callback = receiver.url("/cancel-status/" + f.sid());
        Service s = Service.creator("cancel").setStatusCallback(URI.create(callback)).create(f.client());
        pooled(f, s);
        Message m = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "never mind")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(now().plus(Duration.ofDays(2)).atZone(ZoneOffset.UTC)).create(f.client());
        Message canceled = Message.updater(f.sid(), m.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(f.client());
        assertEquals(Message.Status.CANCELED, canceled.getStatus());
        assertNull(canceled.getFrom());
        WebhookReceiver.Received heard = receiver.await(r -> r.url().equals(callback), 1, Duration.ofSeconds(20)).get(0);
        assertEquals("canceled", heard.params().get("MessageStatus"));
        assertEquals(m.getSid(), heard.params().get("MessageSid"));
        assertTrue(new RequestValidator(f.token()).validate(heard.url(), heard.params(), heard.signature()), "signed with the owner's token");
        move("Advance=P3D");
        receiver.await(r -> false, 1, Duration.ofSeconds(2)); // time for a callback too many to arrive
        assertEquals(1, receiver.received().stream().filter(r -> r.url().equals(callback)).count(), "canceled is its last status");
        Message later = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.CANCELED, later.getStatus());
        assertNull(later.getPrice());
        assertTrue(messageCharges(f).isEmpty(), "a canceled message is never charged");
        assertTwilioError(400, 30409, "cannot be canceled",
                () -> Message.updater(f.sid(), m.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(f.client()));
        assertTrue(Message.deleter(f.sid(), m.getSid()).delete(f.client()), "a canceled message's life is over");
    }

    @Test
    void aScheduledMessageWhoseSenderWasReleased_goesFromAnotherNumberOfThePool_orFailsWhenThereIsNone() {
        TrafficFamily f = TrafficFamily.create(server, "released sender");
        Service s = service(f, "released sender");
        IncomingPhoneNumber first = pooled(f, s);
        IncomingPhoneNumber second = pooled(f, s);
        ZonedDateTime inAnHour = now().plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC);
        Message m = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "who sends me?")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inAnHour).create(f.client());
        assertTrue(IncomingPhoneNumber.deleter(f.sid(), first.getSid()).delete(f.client()));
        move("Advance=PT1H1M");
        Message delivered = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.DELIVERED, delivered.getStatus());
        assertEquals(second.getPhoneNumber().toString(), delivered.getFrom().toString(), "the sender is chosen again at SendAt");
        assertEquals("-0.00830", delivered.getPrice());
        assertEquals(1, messageCharges(f).size());

        Message orphan = Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "nobody sends me")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(now().plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC)).create(f.client());
        assertTrue(IncomingPhoneNumber.deleter(f.sid(), second.getSid()).delete(f.client()));
        move("Advance=PT1H1M");
        Message failed = Message.fetcher(f.sid(), orphan.getSid()).fetch(f.client());
        assertEquals(Message.Status.FAILED, failed.getStatus(), "the pool has no number left");
        assertEquals(21703, failed.getErrorCode());
        assertNull(failed.getPrice());
        assertEquals(1, messageCharges(f).size(), "a failed message costs nothing");
    }

    @Test
    void scheduledMessages_countAgainstABlockingSpendingLimitAtTheirSendAt_notBefore() {
        TrafficFamily f = TrafficFamily.create(server, "limited");
        Service s = service(f, "limited");
        pooled(f, s);
        RawHttp.Reply limit = http.post("/_accountd/v1/Accounts/" + f.sid() + "/SpendingLimit", f.auth(), "Amount=0.01&Period=daily&Action=block");
        assertEquals(200, limit.status(), limit.body());
        ZonedDateTime tomorrow = now().plus(Duration.ofDays(1)).atZone(ZoneOffset.UTC);
        List<Message> scheduled = List.of("one", "two").stream().map(body -> Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO),
                s.getSid(), body).setScheduleType(Message.ScheduleType.FIXED).setSendAt(tomorrow).create(f.client())).toList();
        assertTwilioError(400, 20005, "spending limit", () -> Message.creator(f.sid(), new com.twilio.type.PhoneNumber(TO), s.getSid(), "today")
                .create(f.client())); // today's 0.01 went on the number; tomorrow's messages were not checked against it
        move("Advance=P1DT1M");
        List<Message> after = scheduled.stream().map(m -> Message.fetcher(f.sid(), m.getSid()).fetch(f.client())).toList();
        assertEquals(Message.Status.DELIVERED, after.get(0).getStatus(), "0.0083 of tomorrow's 0.01");
        assertEquals(Message.Status.FAILED, after.get(1).getStatus(), "a second 0.0083 would pass the limit");
        assertEquals(20005, after.get(1).getErrorCode());
        assertNull(after.get(1).getPrice());
        assertEquals(1, messageCharges(f).size(), "the first scheduled message only");
    }

    @Test
    void everySchedulingAndServiceRefusal_hasTwilioCode() {
        TrafficFamily f = TrafficFamily.create(server, "refusals");
        Service s = service(f, "refusals");
        IncomingPhoneNumber sender = pooled(f, s);
        String path = "/2010-04-01/Accounts/" + f.sid() + "/Messages.json";
        String base = "To=" + enc(TO) + "&Body=hi";
        Instant now = now();
        String inAnHour = now.plus(Duration.ofHours(1)).toString();
        assertTwilioError(http.post(path, f.auth(), base), 400, 21603, "'From' or 'MessagingServiceSid'");
        assertTwilioError(http.post(path, f.auth(), base + "&MessagingServiceSid=MG123"), 400, 21705, "invalid");
        TrafficFamily stranger = TrafficFamily.create(server, "stranger");
        Service theirs = service(stranger, "theirs");
        assertTwilioError(http.post(path, f.auth(), base + "&MessagingServiceSid=" + theirs.getSid()), 400, 21701, "does not exist");
        String from = "&From=" + enc(sender.getPhoneNumber().toString());
        assertTwilioError(http.post(path, f.auth(), base + from + "&ScheduleType=fixed&SendAt=" + enc(inAnHour)), 400, 35118,
                "MessagingServiceSid is required");
        String via = "&MessagingServiceSid=" + s.getSid();
        assertTwilioError(http.post(path, f.auth(), base + via + "&ScheduleType=fixed"), 400, 35111, "SendAt");
        assertTwilioError(http.post(path, f.auth(), base + via + "&ScheduleType=later&SendAt=" + enc(inAnHour)), 400, 35126, "ScheduleType");
        assertTwilioError(http.post(path, f.auth(), base + via + "&ScheduleType=fixed&SendAt=tomorrow"), 400, 35114, "ISO 8601");
        assertTwilioError(http.post(path, f.auth(), base + via + "&ScheduleType=fixed&SendAt=" + enc(now.plus(Duration.ofMinutes(14)).toString())),
                400, 35114, "900 seconds");
        assertTwilioError(http.post(path, f.auth(), base + via + "&ScheduleType=fixed&SendAt=" + enc(now.plus(Duration.ofDays(36)).toString())),
                400, 35114, "35 days");
        assertFalse(Message.reader(f.sid()).read(f.client()).iterator().hasNext(), "no refused message is stored");
        RawHttp.Reply soonest = http.post(path, f.auth(), base + via + "&ScheduleType=fixed&SendAt=" + enc(now.plus(Duration.ofMinutes(15)).toString()));
        assertEquals(201, soonest.status(), "15 minutes ahead is soon enough: " + soonest.body());
        assertEquals("scheduled", soonest.json().get("status").asText());
        RawHttp.Reply latest = http.post(path, f.auth(), base + via + "&ScheduleType=fixed&SendAt=" + enc(now.plus(Duration.ofDays(35)).toString()));
        assertEquals(201, latest.status(), "35 days ahead is not too late: " + latest.body());
        assertEquals("scheduled", latest.json().get("status").asText());
    }
}
