package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Application;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.security.RequestValidator;
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
 * Inbound traffic, simulated (accountd's extension): a message or call arriving on a number accountd sold lands on its
 * owner, is priced at the inbound rate, and requests the number's SmsUrl or VoiceUrl (or its Application's), signed
 * with the owner's auth token. A suspended owner receives nothing.
 */
class InboundIT {
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

    static IncomingPhoneNumber buyLocal(TrafficFamily f, String accountSid) { return f.buyLocal(accountSid); }

    static void move(String form) { TrafficFamily.move(http, form); }

    static String enc(String v) { return TrafficFamily.enc(v); }

    @Test
    void anInboundMessage_landsOnTheOwner_isChargedTheInboundRate_andRequestsTheSmsUrl() throws Exception {
        TrafficFamily f = newFamily("inbound sms");
        Account sub = Account.creator().setFriendlyName("customer").create(f.client());
        IncomingPhoneNumber number = buyLocal(f, sub.getSid());
        String smsUrl = receiver.url("/sms/" + sub.getSid());
        IncomingPhoneNumber.updater(sub.getSid(), number.getSid()).setSmsUrl(URI.create(smsUrl)).update(f.client());
        Reply r = http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), "From=" + enc("+14155550150") + "&To="
                + enc(number.getPhoneNumber().toString()) + "&Body=" + enc("Hello there"));
        assertEquals(201, r.status(), r.body());
        String sid = r.json().get("sid").asText();
        Message m = Message.fetcher(sub.getSid(), sid).fetch(f.client());
        assertEquals(Message.Direction.INBOUND, m.getDirection());
        assertEquals(Message.Status.RECEIVED, m.getStatus());
        assertEquals("-0.00830", m.getPrice(), "the US inbound SMS rate");
        assertEquals(1, f.charges("sms-inbound-longcode").size());
        List<WebhookReceiver.Received> got = receiver.await(x -> x.url().equals(smsUrl), 1, Duration.ofSeconds(20));
        assertEquals("Hello there", got.get(0).params().get("Body"));
        assertEquals(sid, got.get(0).params().get("MessageSid"));
        assertTrue(new RequestValidator(sub.getAuthToken()).validate(smsUrl, got.get(0).params(), got.get(0).signature()));
    }

    @Test
    void anInboundMms_keepsItsMedia_andTheSmsUrlIsToldOfEach() throws Exception {
        TrafficFamily f = newFamily("inbound mms");
        IncomingPhoneNumber number = buyLocal(f, f.sid());
        String smsUrl = receiver.url("/mms/" + f.sid());
        IncomingPhoneNumber.updater(f.sid(), number.getSid()).setSmsUrl(URI.create(smsUrl)).update(f.client());
        Reply r = http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), "From=" + enc("+14155550151") + "&To="
                + enc(number.getPhoneNumber().toString()) + "&MediaUrl=" + enc("https://example.com/a.png") + "&MediaUrl="
                + enc("https://example.com/b.gif"));
        assertEquals(201, r.status(), r.body());
        String sid = r.json().get("sid").asText();
        Message m = Message.fetcher(f.sid(), sid).fetch(f.client());
        assertEquals("2", m.getNumMedia());
        assertEquals("1", m.getNumSegments(), "an MMS is one segment");
        assertEquals(1, f.charges("mms-inbound-longcode").size(), "charged as an inbound MMS");
        assertEquals(List.of("image/png", "image/gif"), StreamSupport.stream(Media.reader(f.sid(), sid).read(f.client()).spliterator(), false)
                .map(Media::getContentType).toList());
        List<WebhookReceiver.Received> got = receiver.await(x -> x.url().equals(smsUrl), 1, Duration.ofSeconds(20));
        Map<String, String> params = got.get(0).params();
        assertEquals("2", params.get("NumMedia"));
        assertEquals("https://example.com/a.png", params.get("MediaUrl0"));
        assertEquals("image/png", params.get("MediaContentType0"));
        assertEquals("https://example.com/b.gif", params.get("MediaUrl1"));
        assertEquals("image/gif", params.get("MediaContentType1"));
        assertTrue(new RequestValidator(f.token()).validate(smsUrl, params, got.get(0).signature()));
        assertTwilioError(http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), "From=" + enc("+14155550151") + "&To="
                + enc(number.getPhoneNumber().toString()) + "&MediaUrl=ftp%3A%2F%2Fexample.com%2Fa.png"), 400, 21620, "");
    }

    @Test
    void anInboundCall_ringsOnTheNumber_requestsItsApplicationsVoiceUrl_andIsChargedTheInboundRate() throws Exception {
        TrafficFamily f = newFamily("inbound call");
        IncomingPhoneNumber number = buyLocal(f, f.sid());
        String voice = receiver.url("/inbound-voice/" + f.sid());
        Application app = Application.creator(f.sid()).setVoiceUrl(URI.create(voice)).create(f.client());
        IncomingPhoneNumber.updater(f.sid(), number.getSid()).setVoiceApplicationSid(app.getSid()).update(f.client());
        Reply r = http.post("/_accountd/v1/Simulation/InboundCalls", f.auth(), "From=" + enc("+14155550151") + "&To="
                + enc(number.getPhoneNumber().toString()) + "&CallSeconds=90");
        assertEquals(201, r.status(), r.body());
        String sid = r.json().get("sid").asText();
        assertEquals("ringing", r.json().get("status").asText());
        assertEquals("inbound", r.json().get("direction").asText());
        move("Advance=PT5M");
        Call c = Call.fetcher(f.sid(), sid).fetch(f.client());
        assertEquals(Call.Status.COMPLETED, c.getStatus());
        assertEquals("90", c.getDuration());
        assertEquals(0, new BigDecimal("-0.0170").compareTo(new BigDecimal(c.getPrice())), "2 minutes × 0.0085 inbound: " + c.getPrice());
        assertEquals(1, f.charges("calls-inbound-local").size());
        List<WebhookReceiver.Received> got = receiver.await(x -> x.url().equals(voice), 1, Duration.ofSeconds(20));
        assertEquals(sid, got.get(0).params().get("CallSid"));
        assertEquals("inbound", got.get(0).params().get("Direction"));
    }

    @Test
    void aSuspendedOwner_receivesNothing_andOnlyTheFamilysMainMaySimulate() {
        TrafficFamily f = newFamily("inbound refused");
        Account sub = Account.creator().setFriendlyName("customer").create(f.client());
        IncomingPhoneNumber number = buyLocal(f, sub.getSid());
        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(f.client());
        String form = "From=" + enc("+14155550152") + "&To=" + enc(number.getPhoneNumber().toString()) + "&Body=hi";
        assertTwilioError(http.post("/_accountd/v1/Simulation/InboundMessages", f.auth(), form), 400, 10001, "not active");
        assertEquals(0, java.util.stream.StreamSupport.stream(Message.reader(sub.getSid()).read(f.client()).spliterator(), false).count(),
                "nothing is stored");
        assertTrue(f.charges("sms-inbound-longcode").isEmpty(), "nor charged");
        TrafficFamily other = newFamily("another family");
        assertTwilioError(http.post("/_accountd/v1/Simulation/InboundMessages", other.auth(), form), 400, 20001, "not a number accountd has sold");
        assertTwilioError(http.post("/_accountd/v1/Simulation/InboundCalls", basic(sub.getSid(), sub.getAuthToken()), form), 401, 20003, "");
    }
}
