package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.ResourceSet;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
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
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages cost money and live on accountd's clock, as Twilio's API shows them: created queued with no price, sending
 * a second later, sent after two (charged then: segments × the destination's price per segment, one ledger entry),
 * delivered after four. Each change after queued is a status callback, signed with the primary auth token of the
 * account that owns the message. Every test has a family of its own, on one manual clock that the tests move.
 */
class MessagesIT {
    static final String CLOCK = "/_accountd/v1/Clock";
    static final String US_MOBILE = "+14155550123"; // a valid US number nobody owns: a destination
    static final BigDecimal US_SMS = new BigDecimal("0.0083");

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

    static Message send(TrafficFamily f, String accountSid, String from, String body) {
        return Message.creator(accountSid, new PhoneNumber(US_MOBILE), new PhoneNumber(from), body).create(f.client());
    }

    static List<JsonNode> messageCharges(TrafficFamily f) {
        return f.ledger("").stream().filter(e -> e.get("category").asText().startsWith("sms-")).toList();
    }

    @Test
    void aMessage_isQueuedUnpriced_thenSentAndCharged_thenDelivered_onTheClock() {
        TrafficFamily f = newFamily("life");
        String from = buyLocal(f, f.sid());
        BigDecimal before = f.balance();
        Message m = send(f, f.sid(), from, "Hello from accountd");
        assertEquals(Message.Status.QUEUED, m.getStatus());
        assertNull(m.getPrice());
        assertEquals("1", m.getNumSegments());
        assertEquals(Message.Direction.OUTBOUND_API, m.getDirection());
        assertEquals(f.sid(), m.getAccountSid());
        assertTrue(m.getSid().matches("SM[0-9a-f]{32}"), m.getSid());
        assertNull(m.getDateSent());

        move("Advance=PT1S");
        assertEquals(Message.Status.SENDING, Message.fetcher(f.sid(), m.getSid()).fetch(f.client()).getStatus());
        assertEquals(before, f.balance(), "not charged before it is sent");
        move("Advance=PT1S");
        Message sent = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.SENT, sent.getStatus());
        assertEquals("-0.00830", sent.getPrice(), "one segment to the US from a local number");
        assertEquals(m.getDateCreated().plusSeconds(2).toInstant(), sent.getDateSent().toInstant());
        move("Advance=PT2S");
        Message delivered = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.DELIVERED, delivered.getStatus());
        assertEquals("-0.00830", delivered.getPrice());
        assertEquals("USD", delivered.getPriceUnit().getCurrencyCode());

        List<JsonNode> charges = messageCharges(f);
        assertEquals(1, charges.size(), charges.toString());
        assertEquals("sms-outbound-longcode", charges.get(0).get("category").asText());
        assertEquals(m.getSid(), charges.get(0).get("resource_sid").asText());
        assertEquals(0, new BigDecimal("-0.0083").compareTo(new BigDecimal(charges.get(0).get("amount").asText())));
        assertEquals(0, before.subtract(US_SMS).compareTo(f.balance()), "the balance moved by the price, once");
        move("Advance=PT1M");
        assertEquals(1, messageCharges(f).size(), "charged once");
    }

    @Test
    void segments_areCountedAsTwilioCountsThem_andPricedEach() {
        TrafficFamily f = newFamily("segments");
        String from = buyLocal(f, f.sid());
        assertEquals("1", send(f, f.sid(), from, "a".repeat(160)).getNumSegments());
        assertEquals("2", send(f, f.sid(), from, "a".repeat(161)).getNumSegments(), "161 GSM characters are 2 segments of 153");
        assertEquals("2", send(f, f.sid(), from, "€".repeat(81)).getNumSegments(), "extension characters take two septets");
        assertEquals("1", send(f, f.sid(), from, "Hi 😀").getNumSegments(), "one emoji switches to UCS-2: 70 per segment");
        Message ucs2 = send(f, f.sid(), from, "😀" + "a".repeat(69));
        assertEquals("2", ucs2.getNumSegments(), "71 UTF-16 units of UCS-2 are 2 segments");
        move("Advance=PT5S");
        assertEquals("-0.01660", Message.fetcher(f.sid(), ucs2.getSid()).fetch(f.client()).getPrice(), "2 × 0.0083");
        BigDecimal sum = BigDecimal.ZERO;
        for (Message m : Message.reader(f.sid()).read(f.client())) sum = sum.add(new BigDecimal(m.getPrice()));
        BigDecimal ledger = messageCharges(f).stream().map(e -> new BigDecimal(e.get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("-0.0664").compareTo(sum), "1 + 2 + 2 + 1 + 2 segments × 0.0083: " + sum);
        assertEquals(0, sum.compareTo(ledger), "the seeds' recipe (sum the prices of the messages) gives the ledger's total");
    }

    @Test
    void everyRefusal_hasTwilioCode() {
        TrafficFamily f = newFamily("refusals");
        String from = buyLocal(f, f.sid());
        String path = "/2010-04-01/Accounts/" + f.sid() + "/Messages.json";
        assertTwilioError(http.post(path, f.auth(), "From=" + enc(from) + "&Body=hi"), 400, 21604, "'To' phone number is required");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&Body=hi"), 400, 21603, "'From' or 'MessagingServiceSid' parameter is required");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&From=" + enc(from)), 400, 21602, "body is required");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&From=" + enc(from) + "&Body=" + "a".repeat(1601)), 400, 21617, "1600");
        assertTwilioError(http.post(path, f.auth(), "To=12345&From=" + enc(from) + "&Body=hi"), 400, 21211, "Invalid 'To'");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&From=abc&Body=hi"), 400, 21212, "Invalid From");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&From=" + enc("+16465550199") + "&Body=hi"), 400, 21606,
                "not a valid, SMS-capable inbound phone number");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc("+819012345678") + "&From=" + enc(from) + "&Body=hi"), 400, 21408, "region");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(US_MOBILE) + "&From=" + enc(from) + "&Body=hi&StatusCallback=ftp://x"), 400,
                21609, "StatusCallback");
        assertTwilioError(http.post(path, f.auth(), "To=" + enc(from) + "&From=" + enc(from) + "&Body=hi"), 400, 21266, "cannot be the same");
        Account sub = f.subaccount("other owner");
        assertTwilioError(http.post("/2010-04-01/Accounts/" + sub.getSid() + "/Messages.json", f.auth(),
                "To=" + enc(US_MOBILE) + "&From=" + enc(from) + "&Body=hi"), 400, 21606, "for your account");
        assertEquals(0, count(Message.reader(f.sid()).read(f.client())), "no refused message is stored");
    }

    @Test
    void aSuspendedAccount_cannotSend_andAMessageQueuedBeforeTheSuspension_failsWith30002_uncharged() {
        TrafficFamily f = newFamily("suspended");
        Account sub = f.subaccount("customer");
        String from = buyLocal(f, sub.getSid());
        Message queued = send(f, sub.getSid(), from, "before the suspension");
        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(f.client());
        assertTwilioError(400, 10001, "not active", () -> send(f, sub.getSid(), from, "while suspended"));
        move("Advance=PT5S");
        Message failed = Message.fetcher(sub.getSid(), queued.getSid()).fetch(f.client());
        assertEquals(Message.Status.FAILED, failed.getStatus());
        assertEquals(30002, failed.getErrorCode());
        assertNull(failed.getPrice());
        assertTrue(messageCharges(f).isEmpty(), "a failed message costs nothing");
    }

    @Test
    void aClosedSubaccountsMessages_stayReadableWithMainCredentials_butItCannotSend() {
        TrafficFamily f = newFamily("closed");
        Account sub = f.subaccount("customer");
        String from = buyLocal(f, sub.getSid());
        Message m = send(f, sub.getSid(), from, "before the close");
        move("Advance=PT5S");
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(f.client());
        assertEquals(Message.Status.DELIVERED, Message.fetcher(sub.getSid(), m.getSid()).fetch(f.client()).getStatus());
        assertEquals(1, count(Message.reader(sub.getSid()).read(f.client())), "history after close, until the account is purged");
        assertTwilioError(400, 10001, "not active", () -> send(f, sub.getSid(), "+14155550100", "after the close"));
    }

    @Test
    void anOutOfFundsFamily_cannotSend_untilARecharge() {
        TrafficFamily f = newFamily("out of funds");
        String from = buyLocal(f, f.sid());
        BigDecimal balance = f.balance();
        Reply price = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Prices", f.auth(),
                "IsoCountry=US&Kind=sms-outbound&NumberType=local&Price=" + balance.add(BigDecimal.ONE).toPlainString());
        assertEquals(200, price.status(), price.body());
        send(f, f.sid(), from, "this one costs more than the balance");
        move("Advance=PT5S");
        assertEquals(-1, f.balance().signum(), "a message that was sent is charged, even below zero");
        assertTwilioError(400, 20005, "Recharges", () -> send(f, f.sid(), from, "refused"));
        Reply recharge = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Recharges", f.auth(), "Amount=10.00");
        assertEquals(201, recharge.status(), recharge.body());
        assertEquals(Message.Status.QUEUED, send(f, f.sid(), from, "after the recharge").getStatus());
    }

    @Test
    void statusCallbacks_arriveOncePerChange_signedWithTheOwnersPrimaryToken() throws Exception {
        TrafficFamily f = newFamily("callbacks");
        Account sub = f.subaccount("customer");
        String from = buyLocal(f, sub.getSid());
        String url = receiver.url("/status/" + sub.getSid() + "?tag=a%20b");
        Message m = Message.creator(sub.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(from), "callback me")
                .setStatusCallback(URI.create(url)).create(f.client());
        move("Advance=PT5S");
        List<WebhookReceiver.Received> got = receiver.await(r -> m.getSid().equals(r.params().get("MessageSid")), 2, Duration.ofSeconds(20));
        assertEquals(List.of("delivered", "sent"), got.stream().map(r -> r.params().get("MessageStatus")).sorted().toList(),
                "one callback for sent and one for delivered: " + got);
        RequestValidator subValidator = new RequestValidator(sub.getAuthToken());
        RequestValidator mainValidator = new RequestValidator(f.token());
        for (WebhookReceiver.Received r : got) {
            assertEquals("POST", r.method());
            assertEquals(url, r.url());
            assertEquals("TwilioProxy/1.1", r.userAgent());
            assertTrue(subValidator.validate(r.url(), r.params(), r.signature()), "valid with the subaccount's token: " + r);
            assertTrue(!mainValidator.validate(r.url(), r.params(), r.signature()), "not with the main account's");
            assertEquals(sub.getSid(), r.params().get("AccountSid"));
            assertEquals(from, r.params().get("From"));
            assertEquals(US_MOBILE, r.params().get("To"));
            assertEquals("2010-04-01", r.params().get("ApiVersion"));
        }
        Thread.sleep(500);
        assertEquals(2, receiver.received().stream().filter(r -> m.getSid().equals(r.params().get("MessageSid"))).count(), "each once");
    }

    @Test
    void aReceiverThatFails_isRetried_untilItAnswers() throws Exception {
        TrafficFamily f = newFamily("retries");
        String from = buyLocal(f, f.sid());
        receiver.failNext(2);
        Message m = Message.creator(f.sid(), new PhoneNumber(US_MOBILE), new PhoneNumber(from), "retry me")
                .setStatusCallback(URI.create(receiver.url("/retry"))).create(f.client());
        move("Advance=PT5S");
        List<WebhookReceiver.Received> got = receiver.await(r -> m.getSid().equals(r.params().get("MessageSid")), 2, Duration.ofSeconds(30));
        assertEquals(2, got.size(), "both callbacks arrive after the receiver's failures: " + got);
    }

    @Test
    void redaction_deletion_andCancel_followTwilio() {
        TrafficFamily f = newFamily("redact");
        String from = buyLocal(f, f.sid());
        Message m = send(f, f.sid(), from, "secret");
        assertTwilioError(400, 20009, "queued", () -> Message.deleter(f.sid(), m.getSid()).delete(f.client()));
        assertTwilioError(400, 30409, "cannot be canceled",
                () -> Message.updater(f.sid(), m.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(f.client()));
        assertEquals("", Message.updater(f.sid(), m.getSid()).setBody("").update(f.client()).getBody());
        move("Advance=PT5S");
        Message delivered = Message.fetcher(f.sid(), m.getSid()).fetch(f.client());
        assertEquals(Message.Status.DELIVERED, delivered.getStatus());
        assertEquals("", delivered.getBody(), "the redacted body stays redacted");
        assertTrue(Message.deleter(f.sid(), m.getSid()).delete(f.client()));
        assertTwilioError(404, 20404, "not found", () -> Message.fetcher(f.sid(), m.getSid()).fetch(f.client()));
        assertEquals(1, messageCharges(f).size(), "a deleted message's charge stays in the ledger");
    }

    @Test
    void theList_filtersByToFromAndDateSent_newestFirst() {
        TrafficFamily f = newFamily("list");
        String from = buyLocal(f, f.sid());
        Message first = send(f, f.sid(), from, "one");
        Message second = Message.creator(f.sid(), new PhoneNumber("+14155550124"), new PhoneNumber(from), "two").create(f.client());
        move("Advance=PT5S");
        List<String> all = sids(Message.reader(f.sid()).read(f.client()));
        assertEquals(List.of(second.getSid(), first.getSid()), all, "newest first");
        assertEquals(List.of(second.getSid()), sids(Message.reader(f.sid()).setTo(new PhoneNumber("+14155550124")).read(f.client())));
        assertEquals(all, sids(Message.reader(f.sid()).setFrom(new PhoneNumber(from)).read(f.client())));
        java.time.ZonedDateTime sent = Message.fetcher(f.sid(), first.getSid()).fetch(f.client()).getDateSent();
        assertEquals(all, sids(Message.reader(f.sid()).setDateSentAfter(sent.minusMinutes(1)).read(f.client())));
        assertEquals(List.of(), sids(Message.reader(f.sid()).setDateSentBefore(sent.minusMinutes(1)).read(f.client())));
        Reply day = http.get("/2010-04-01/Accounts/" + f.sid() + "/Messages.json?DateSent=" + sent.toLocalDate(), f.auth());
        assertEquals(2, day.json().get("messages").size(), day.body());
        // the SDKs send a day as its midnight (Twilio's own examples: setDateSent(ZonedDateTime.of(2016, 8, 31, 0, 0, 0, ...)))
        java.time.ZonedDateTime midnight = sent.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC);
        assertEquals(all, sids(Message.reader(f.sid()).setDateSent(midnight).read(f.client())), "a midnight date-time is that day");
        assertEquals(all, sids(Message.reader(f.sid()).setDateSentBefore(midnight).read(f.client())), "on or before that day");
        assertEquals(List.of(), sids(Message.reader(f.sid()).setDateSent(midnight.minusDays(1)).read(f.client())));
        java.time.ZonedDateTime aSecondBefore = sent.minusSeconds(1);
        if (aSecondBefore.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) aSecondBefore = aSecondBefore.minusSeconds(1);
        assertEquals(List.of(), sids(Message.reader(f.sid()).setDateSent(aSecondBefore).read(f.client())),
                "any other date-time counts to the second");
    }

    @Test
    void anMms_keepsItsMedia_whichAreListedFetchedAndDeletedAsTwilios() {
        TrafficFamily f = newFamily("media");
        String from = buyLocal(f, f.sid());
        Message m = Message.creator(f.sid(), new PhoneNumber(US_MOBILE), new PhoneNumber(from),
                List.of(URI.create("https://example.com/cat.JPG"), URI.create("https://example.com/menu.pdf?v=2"),
                        URI.create("https://example.com/download"))).setBody("look").create(f.client());
        assertEquals("3", m.getNumMedia());
        assertEquals("1", m.getNumSegments(), "an MMS is one segment");
        String list = "/2010-04-01/Accounts/" + f.sid() + "/Messages/" + m.getSid() + "/Media.json";
        assertEquals(Map.of("media", list), m.getSubresourceUris(), "only the subresource accountd serves");

        List<Media> media = StreamSupport.stream(Media.reader(f.sid(), m.getSid()).read(f.client()).spliterator(), false).toList();
        assertEquals(List.of("image/jpeg", "application/pdf", "application/octet-stream"), media.stream().map(Media::getContentType).toList(),
                "in the order sent, each typed by its URL's extension");
        Media cat = media.get(0);
        assertTrue(cat.getSid().matches("ME[0-9a-f]{32}"), cat.getSid());
        assertEquals(m.getSid(), cat.getParentSid());
        assertEquals(f.sid(), cat.getAccountSid());
        assertEquals(m.getDateCreated(), cat.getDateCreated());
        assertEquals("/2010-04-01/Accounts/" + f.sid() + "/Messages/" + m.getSid() + "/Media/" + cat.getSid() + ".json", cat.getUri());
        assertEquals("image/jpeg", Media.fetcher(f.sid(), m.getSid(), cat.getSid()).fetch(f.client()).getContentType());
        assertEquals(3, StreamSupport.stream(Media.reader(f.sid(), m.getSid()).setDateCreatedAfter(m.getDateCreated().minusMinutes(1))
                .read(f.client()).spliterator(), false).count());
        assertEquals(0, StreamSupport.stream(Media.reader(f.sid(), m.getSid()).setDateCreatedBefore(m.getDateCreated().minusMinutes(1))
                .read(f.client()).spliterator(), false).count());
        Reply page = http.get(list + "?PageSize=2", f.auth());
        assertEquals(2, page.json().get("media_list").size(), page.body());
        assertEquals(2, page.json().get("page_size").asInt());
        assertTrue(page.json().get("next_page_uri").asText().startsWith(list + "?"), page.body());

        assertTrue(Media.deleter(f.sid(), m.getSid(), cat.getSid()).delete(f.client()));
        assertTwilioError(404, 20404, "not found", () -> Media.fetcher(f.sid(), m.getSid(), cat.getSid()).fetch(f.client()));
        assertTwilioError(404, 20404, "not found", () -> Media.deleter(f.sid(), m.getSid(), cat.getSid()).delete(f.client()));
        assertEquals(2, StreamSupport.stream(Media.reader(f.sid(), m.getSid()).read(f.client()).spliterator(), false).count());
        assertEquals("3", Message.fetcher(f.sid(), m.getSid()).fetch(f.client()).getNumMedia(), "num_media counts what it was sent with");

        // a medium is found only under its own message and account
        TrafficFamily other = newFamily("media-other");
        assertTwilioError(404, 20404, "not found", () -> Media.reader(other.sid(), m.getSid()).read(other.client()).iterator().next());
        Message plain = send(f, f.sid(), from, "no media");
        assertEquals("0", plain.getNumMedia());
        assertTwilioError(404, 20404, "not found", () -> Media.fetcher(f.sid(), plain.getSid(), media.get(1).getSid()).fetch(f.client()));
        assertTwilioError(404, 20404, "not found",
                () -> Media.reader(f.sid(), "SM" + "0".repeat(32)).read(f.client()).iterator().next());

        move("Advance=PT5S");
        List<JsonNode> charges = f.ledger("").stream().filter(e -> e.get("resource_sid").asText().equals(m.getSid())).toList();
        assertEquals(1, charges.size(), charges.toString());
        assertEquals("mms-outbound-longcode", charges.get(0).get("category").asText());
        assertTrue(Message.deleter(f.sid(), m.getSid()).delete(f.client()));
        assertEquals(404, http.get(list, f.auth()).status(), "a deleted message's media go with it");
    }

    static List<String> sids(ResourceSet<Message> messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(Message::getSid).toList();
    }

    static long count(ResourceSet<Message> messages) { return StreamSupport.stream(messages.spliterator(), false).count(); }

    static String enc(String v) { return TrafficFamily.enc(v); }
}
