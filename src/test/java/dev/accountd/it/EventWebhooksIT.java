package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.Account;
import com.twilio.security.RequestValidator;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import dev.accountd.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event webhooks: a main account subscribes to its family's Monitor events and receives each as a JSON POST, signed
 * as Twilio signs JSON webhooks (the body's SHA-256 in the URL, the signature over the URL), through the outbox.
 */
class EventWebhooksIT {
    static TestServer server;
    static RawHttp http;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.raw();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) receiver.close();
        if (server != null) server.close();
    }

    static TrafficFamily family(String name) {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of(name), Optional.empty(), Optional.empty(), 10);
        return new TrafficFamily(main.sid(), main.authToken().value(), server.client(main.sid(), main.authToken().value()), http);
    }

    static String subscribe(TrafficFamily f, String path, String... types) {
        StringBuilder form = new StringBuilder("Url=" + TrafficFamily.enc(receiver.url(path)));
        for (String t : types) form.append("&EventType=").append(TrafficFamily.enc(t));
        RawHttp.Reply r = http.post("/_accountd/v1/Webhooks", f.auth(), form.toString());
        assertEquals(201, r.status(), r.body());
        return r.json().get("sid").asText();
    }

    @Test
    void everyMatchingEventOfTheFamily_isPostedAsSignedJson() throws Exception {
        TrafficFamily f = family("event webhooks");
        String path = "/events/" + f.sid();
        String all = subscribe(f, path + "/all", "*");
        subscribe(f, path + "/updates", "account.updated");

        Account sub = f.subaccount("watched");
        Account.updater(sub.getSid()).setFriendlyName("renamed").update(f.client());

        List<WebhookReceiver.Received> everything = receiver.await(r -> r.url().startsWith(receiver.url(path + "/all")), 2, Duration.ofSeconds(20));
        List<WebhookReceiver.Received> updates = receiver.await(r -> r.url().startsWith(receiver.url(path + "/updates")), 1, Duration.ofSeconds(20));
        assertEquals(2, everything.size(), "the creation and the update");
        assertEquals(1, updates.size(), "only account.updated");
        RequestValidator validator = new RequestValidator(f.token());
        ObjectMapper json = new ObjectMapper();
        for (WebhookReceiver.Received r : everything) {
            assertEquals("POST", r.method());
            assertTrue(r.url().contains("bodySHA256="), r.url());
            assertTrue(validator.validate(r.url(), r.body(), r.signature()), "valid with the main account's token, as twilio-java checks JSON: " + r);
            assertFalse(new RequestValidator(sub.getAuthToken()).validate(r.url(), r.body(), r.signature()));
            JsonNode event = json.readTree(r.body());
            assertEquals(sub.getSid(), event.get("resource_sid").asText());
            assertTrue(event.get("sid").asText().startsWith("AE"), r.body());
        }
        JsonNode update = json.readTree(updates.get(0).body());
        assertEquals("account.updated", update.get("event_type").asText());
        assertEquals(sub.getSid(), update.get("account_sid").asText());
        RawHttp.Reply listed = http.get("/v1/Events?EventType=account.updated&ResourceSid=" + sub.getSid(), f.auth());
        assertEquals(listed.json().get("events").get(0).get("sid").asText(), update.get("sid").asText(), "the event /v1/Events shows");

        RawHttp.Reply list = http.get("/_accountd/v1/Webhooks", f.auth());
        assertEquals(2, list.json().get("webhooks").size(), list.body());
        assertEquals(List.of("*"), List.of(http.get("/_accountd/v1/Webhooks/" + all, f.auth()).json().get("event_types").get(0).asText()));
        assertEquals(204, http.delete("/_accountd/v1/Webhooks/" + all, f.auth()).status());
        assertTwilioError(http.get("/_accountd/v1/Webhooks/" + all, f.auth()), 404, 20404, "");
    }

    @Test
    void onlyTheMainAccountsToken_managesThem_andBadInputIsRefused() {
        TrafficFamily f = family("webhook rules");
        Account sub = f.subaccount("not allowed");
        String url = TrafficFamily.enc(receiver.url("/nope"));
        assertTwilioError(http.post("/_accountd/v1/Webhooks", RawHttp.basic(sub.getSid(), sub.getAuthToken()), "Url=" + url + "&EventType=*"),
                403, 20403, "main account");
        assertTwilioError(http.post("/_accountd/v1/Webhooks", f.auth(), "EventType=*"), 400, 20001, "Url");
        assertTwilioError(http.post("/_accountd/v1/Webhooks", f.auth(), "Url=" + url), 400, 20001, "EventType");
        assertTwilioError(http.post("/_accountd/v1/Webhooks", f.auth(), "Url=ftp%3A%2F%2Fx&EventType=*"), 400, 20001, "Url");
        assertTwilioError(http.post("/_accountd/v1/Webhooks", f.auth(), "Url=" + url + "&EventType=Not+An+Event"), 400, 20001, "EventType");
        TrafficFamily other = family("another family");
        String theirs = subscribe(other, "/theirs", "*");
        assertTwilioError(http.get("/_accountd/v1/Webhooks/" + theirs, f.auth()), 404, 20404, "");
    }
}
