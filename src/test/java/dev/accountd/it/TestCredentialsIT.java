package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test credentials, as Twilio's: every account has a pair; with it only buying a number, sending a message and
 * placing a call work, each answered from Twilio's table of magic numbers, and nothing is stored or charged.
 */
class TestCredentialsIT {
    static TestServer server;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    record Pair(String sid, String token, TwilioRestClient client) {}

    static Pair testPair(String accountSid, String user, String password) {
        Reply r = http.get("/_accountd/v1/Accounts/" + accountSid + "/TestCredentials", basic(user, password));
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals(accountSid, j.get("account_sid").asText());
        return new Pair(j.get("test_account_sid").asText(), j.get("test_auth_token").asText(),
                server.client(j.get("test_account_sid").asText(), j.get("test_auth_token").asText()));
    }

    static final PhoneNumber VALID = new PhoneNumber("+15005550006");

    @Test
    void everyAccount_hasItsOwnPair_shownToItsMainAndItself() {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of("pairs"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient mainClient = server.client(main.sid(), main.authToken().value());
        Account sub = Account.creator().setFriendlyName("customer").create(mainClient);
        Pair viaMain = testPair(sub.getSid(), main.sid(), main.authToken().value());
        Pair viaOwn = testPair(sub.getSid(), sub.getSid(), sub.getAuthToken());
        assertEquals(viaMain, new Pair(viaOwn.sid(), viaOwn.token(), viaMain.client()), "one pair per account");
        assertTrue(viaMain.sid().matches("AC[0-9a-f]{32}"));
        assertNotEquals(sub.getSid(), viaMain.sid());
        assertNotEquals(testPair(main.sid(), main.sid(), main.authToken().value()).sid(), viaMain.sid());
        assertEquals(401, http.get("/_accountd/v1/Accounts/" + main.sid() + "/TestCredentials", basic(sub.getSid(), sub.getAuthToken())).status());
    }

    @Test
    void testCredentials_sendMessagesPlaceCallsAndBuyNumbers_fromTheMagicTable_storingNothing() {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of("magic"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient live = server.client(main.sid(), main.authToken().value());
        String before = com.twilio.rest.api.v2010.account.Balance.fetcher(main.sid()).fetch(live).getBalance();
        Pair t = testPair(main.sid(), main.sid(), main.authToken().value());

        Message m = Message.creator(t.sid(), new PhoneNumber("+14155550123"), VALID, "test").create(t.client());
        assertEquals(Message.Status.QUEUED, m.getStatus());
        assertEquals(t.sid(), m.getAccountSid());
        assertTwilioError(400, 21212, "Invalid From", () -> Message.creator(t.sid(), new PhoneNumber("+14155550123"),
                new PhoneNumber("+15005550001"), "x").create(t.client()));
        assertTwilioError(400, 21606, "SMS-capable", () -> Message.creator(t.sid(), new PhoneNumber("+14155550123"),
                new PhoneNumber("+15005550007"), "x").create(t.client()));
        assertTwilioError(400, 21611, "queued", () -> Message.creator(t.sid(), new PhoneNumber("+14155550123"),
                new PhoneNumber("+15005550008"), "x").create(t.client()));
        for (String[] to : new String[][] {{"+15005550001", "21211"}, {"+15005550002", "21612"}, {"+15005550003", "21408"},
                {"+15005550004", "21610"}, {"+15005550009", "21614"}}) {
            assertTwilioError(400, Integer.parseInt(to[1]), "", () -> Message.creator(t.sid(), new PhoneNumber(to[0]), VALID, "x").create(t.client()));
        }

        Call c = Call.creator(t.sid(), new PhoneNumber("+14155550123"), VALID, URI.create("https://example.com/voice")).create(t.client());
        assertEquals(Call.Status.QUEUED, c.getStatus());
        assertTwilioError(400, 21210, "not yet verified", () -> Call.creator(t.sid(), new PhoneNumber("+14155550123"),
                new PhoneNumber("+15005550009"), URI.create("https://example.com/voice")).create(t.client()));
        for (String[] to : new String[][] {{"+15005550001", "21217"}, {"+15005550002", "21214"}, {"+15005550003", "21215"},
                {"+15005550004", "21216"}}) {
            assertTwilioError(400, Integer.parseInt(to[1]), "", () -> Call.creator(t.sid(), new PhoneNumber(to[0]), VALID,
                    URI.create("https://example.com/voice")).create(t.client()));
        }

        assertEquals("+15005550006", IncomingPhoneNumber.creator(t.sid(), VALID).create(t.client()).getPhoneNumber().toString());
        assertTwilioError(400, 21422, "not available", () -> IncomingPhoneNumber.creator(t.sid(), new PhoneNumber("+15005550000")).create(t.client()));
        assertTwilioError(400, 21421, "invalid", () -> IncomingPhoneNumber.creator(t.sid(), new PhoneNumber("+15005550001")).create(t.client()));
        assertTwilioError(400, 21452, "533", () -> IncomingPhoneNumber.creator(t.sid(), "533").create(t.client()));
        IncomingPhoneNumber.creator(t.sid(), "500").create(t.client());

        assertEquals(0, http.get("/2010-04-01/Accounts/" + main.sid() + "/Messages.json", basic(main.sid(), main.authToken().value()))
                .json().get("messages").size(), "nothing is stored");
        assertEquals(0, http.get("/2010-04-01/Accounts/" + main.sid() + "/IncomingPhoneNumbers.json", basic(main.sid(), main.authToken().value()))
                .json().get("incoming_phone_numbers").size());
        assertEquals(before, com.twilio.rest.api.v2010.account.Balance.fetcher(main.sid()).fetch(live).getBalance(), "nothing is charged");
    }

    @Test
    void everythingElse_isForbiddenToTestCredentials() {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of("forbidden"), Optional.empty(), Optional.empty(), 10);
        Pair t = testPair(main.sid(), main.sid(), main.authToken().value());
        assertTwilioError(http.get("/2010-04-01/Accounts/" + t.sid() + "/Messages.json", basic(t.sid(), t.token())), 403, 20008, "Test Account");
        assertTwilioError(http.get("/2010-04-01/Accounts/" + main.sid() + ".json", basic(t.sid(), t.token())), 403, 20008, "Test Account");
        assertTwilioError(http.post("/2010-04-01/Accounts.json", basic(t.sid(), t.token()), "FriendlyName=x"), 403, 20008, "Test Account");
        assertTwilioError(http.get("/2010-04-01/Accounts/" + t.sid() + ".json", basic(t.sid(), "wrong-token")), 401, 20003, "Authenticate");
        assertTwilioError(http.post("/2010-04-01/Accounts/" + main.sid() + "/Messages.json", basic(t.sid(), t.token()),
                "To=%2B14155550123&From=%2B15005550006&Body=x"), 401, 20003, "Authenticate");
    }
}
