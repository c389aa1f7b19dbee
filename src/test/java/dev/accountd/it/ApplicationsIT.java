package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Application;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import dev.accountd.support.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TwiML Applications: the five operations through twilio-java, and what points to them. A number's
 * VoiceApplicationSid and SmsApplicationSid, and a call's or message's ApplicationSid, must name an Application of
 * the same account; a call placed with one requests its VoiceUrl when answered and reports to its StatusCallback; a
 * message reports to its MessageStatusCallback.
 */
class ApplicationsIT {
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

    @Test
    void anApplication_isCreatedListedFetchedUpdatedAndDeleted() {
        TrafficFamily f = newFamily("crud");
        Application created = Application.creator(f.sid()).setFriendlyName("Support line").setVoiceUrl(URI.create("https://example.com/voice"))
                .setVoiceMethod(HttpMethod.GET).create(f.client());
        assertTrue(created.getSid().matches("AP[0-9a-f]{32}"), created.getSid());
        assertEquals("Support line", created.getFriendlyName());
        assertEquals(URI.create("https://example.com/voice"), created.getVoiceUrl());
        assertEquals(HttpMethod.GET, created.getVoiceMethod());
        assertEquals(HttpMethod.POST, created.getSmsMethod(), "POST by default");
        assertEquals("2010-04-01", created.getApiVersion());
        assertFalse(created.getVoiceCallerIdLookup());
        assertNull(created.getSmsUrl());

        Application other = Application.creator(f.sid()).setFriendlyName("Other").create(f.client());
        assertEquals(List.of(created.getSid(), other.getSid()), StreamSupport.stream(Application.reader(f.sid()).read(f.client()).spliterator(), false)
                .map(Application::getSid).toList());
        assertEquals(List.of(other.getSid()), StreamSupport.stream(Application.reader(f.sid()).setFriendlyName("Other").read(f.client())
                .spliterator(), false).map(Application::getSid).toList());

        Application updated = Application.updater(f.sid(), created.getSid()).setSmsUrl(URI.create("https://example.com/sms")).update(f.client());
        assertEquals(URI.create("https://example.com/sms"), updated.getSmsUrl());
        assertEquals(URI.create("https://example.com/voice"), updated.getVoiceUrl(), "what is not sent is kept");
        assertEquals("Support line", Application.fetcher(f.sid(), created.getSid()).fetch(f.client()).getFriendlyName());

        assertTwilioError(400, 20001, "VoiceUrl", () -> Application.creator(f.sid()).setVoiceUrl(URI.create("ftp://example.com")).create(f.client()));
        assertTrue(Application.deleter(f.sid(), other.getSid()).delete(f.client()));
        assertTwilioError(404, 20404, "not found", () -> Application.fetcher(f.sid(), other.getSid()).fetch(f.client()));
    }

    @Test
    void aNumbersApplication_mustBeOfItsAccount_andCannotBeDeletedWhileUsed() {
        TrafficFamily f = newFamily("numbers");
        Account sub = Account.creator().setFriendlyName("customer").create(f.client());
        Application mains = Application.creator(f.sid()).setFriendlyName("main's").create(f.client());
        IncomingPhoneNumber number = buyLocal(f, sub.getSid());
        assertTwilioError(400, 21218, "must name an Application of " + sub.getSid(),
                () -> IncomingPhoneNumber.updater(sub.getSid(), number.getSid()).setVoiceApplicationSid(mains.getSid()).update(f.client()));
        Application own = Application.creator(sub.getSid()).setFriendlyName("own").create(f.client());
        assertEquals(own.getSid(), IncomingPhoneNumber.updater(sub.getSid(), number.getSid()).setSmsApplicationSid(own.getSid())
                .update(f.client()).getSmsApplicationSid());
        assertTwilioError(400, 20001, "uses it", () -> Application.deleter(sub.getSid(), own.getSid()).delete(f.client()));
        IncomingPhoneNumber.updater(sub.getSid(), number.getSid()).setSmsApplicationSid("").update(f.client());
        assertTrue(Application.deleter(sub.getSid(), own.getSid()).delete(f.client()));
    }

    @Test
    void aCallWithAnApplication_requestsItsVoiceUrl_andReportsToItsStatusCallback() throws Exception {
        TrafficFamily f = newFamily("calls");
        String from = buyLocal(f, f.sid()).getPhoneNumber().toString();
        String voice = receiver.url("/app-voice/" + f.sid());
        String status = receiver.url("/app-status/" + f.sid());
        Application app = Application.creator(f.sid()).setVoiceUrl(URI.create(voice)).setStatusCallback(URI.create(status)).create(f.client());
        Call c = Call.creator(f.sid(), new PhoneNumber("+14155550123"), new PhoneNumber(from), app.getSid()).setTimeLimit(5).create(f.client());
        move("Advance=PT1M");
        List<WebhookReceiver.Received> voiceRequests = receiver.await(r -> r.url().equals(voice), 1, Duration.ofSeconds(20));
        assertEquals(1, voiceRequests.size());
        assertEquals(c.getSid(), voiceRequests.get(0).params().get("CallSid"));
        assertTrue(new RequestValidator(f.token()).validate(voice, voiceRequests.get(0).params(), voiceRequests.get(0).signature()));
        List<WebhookReceiver.Received> completed = receiver.await(r -> r.url().equals(status), 1, Duration.ofSeconds(20));
        assertEquals("completed", completed.get(0).params().get("CallStatus"));
        assertTwilioError(400, 21218, "Invalid ApplicationSid",
                () -> Call.creator(f.sid(), new PhoneNumber("+14155550123"), new PhoneNumber(from), "AP" + "0".repeat(32)).create(f.client()));
    }

    @Test
    void aMessageWithAnApplication_reportsToItsMessageStatusCallback() throws Exception {
        TrafficFamily f = newFamily("messages");
        String from = buyLocal(f, f.sid()).getPhoneNumber().toString();
        String status = receiver.url("/app-message-status/" + f.sid());
        Application app = Application.creator(f.sid()).setMessageStatusCallback(URI.create(status)).create(f.client());
        Message m = Message.creator(f.sid(), new PhoneNumber("+14155550123"), new PhoneNumber(from), "via app").setApplicationSid(app.getSid())
                .setStatusCallback(URI.create(receiver.url("/ignored"))).create(f.client());
        move("Advance=PT10S");
        List<WebhookReceiver.Received> got = receiver.await(r -> r.url().equals(status), 2, Duration.ofSeconds(20));
        assertEquals(2, got.size(), got.toString());
        assertTrue(got.stream().allMatch(r -> m.getSid().equals(r.params().get("MessageSid"))));
        assertTrue(receiver.received().stream().noneMatch(r -> r.url().endsWith("/ignored")), "the request's StatusCallback is ignored");
    }
}
