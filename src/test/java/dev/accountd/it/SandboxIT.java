package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.NewKey;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /_accountd/v1/Reset} between test cases: on a server started with {@code ACCOUNTD_SANDBOX=true}, the
 * first main account's auth token puts the store back to that account alone, with its credentials and a fresh
 * balance; on any other server there is no such resource.
 */
class SandboxIT {
    static final String MAIN = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final String RESET = "/_accountd/v1/Reset";

    @Test
    void aResetDeletesEverythingButTheFirstMainAccount_whoseCredentialsStayValid() {
        try (TestServer server = TestServer.startWithDefaultBalance(Map.of("ACCOUNTD_SANDBOX", "true"))) {
            RawHttp http = server.raw();
            Account sub = Account.creator().setFriendlyName("customer").create(server.mainClient());
            NewKey key = NewKey.creator().create(server.mainClient());
            http.post("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Recharges", MAIN, "Amount=10.00");
            assertEquals(201, http.post("/v1/Services", MAIN, "FriendlyName=notifications").status());
            dev.accountd.domain.Account other = server.app().accounts().createMain(Optional.of("other"), Optional.empty(), Optional.empty(), 10);

            Reply reset = http.post(RESET, MAIN, "");
            assertEquals(200, reset.status(), reset.body());
            assertEquals(TestServer.MAIN_SID, reset.json().get("account_sid").asText());
            assertEquals(2, reset.json().get("deleted_accounts").asInt(), "the subaccount and the other main account: " + reset.body());

            assertEquals("20.00", Balance.fetcher().fetch(server.mainClient()).getBalance(), "the balance starts again");
            assertTwilioError(http.get("/2010-04-01/Accounts/" + sub.getSid() + ".json", MAIN), 404, 20404, "not found");
            assertTwilioError(http.get("/2010-04-01/Accounts/" + other.sid() + ".json", basic(other.sid(), other.authToken().value())),
                    401, 20003, "Authenticate");
            assertTwilioError(http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", basic(key.getSid(), key.getSecret())),
                    401, 20003, "Authenticate");
            assertEquals(0, http.get("/2010-04-01/Accounts.json", MAIN).json().get("accounts").size() - 1, "the main account alone");
            assertEquals(0, http.get("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Ledger", MAIN).json().get("entries").size());
            assertEquals(0, http.get("/v1/Services", MAIN).json().get("services").size(), "Messaging Services too");
            assertEquals(201, http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=after").status(), "and it works as new");
        }
    }

    @Test
    void onlyTheFirstMainAccountsAuthToken_resets() {
        try (TestServer server = TestServer.startWithDefaultBalance(Map.of("ACCOUNTD_SANDBOX", "true"))) {
            RawHttp http = server.raw();
            Account sub = Account.creator().create(server.mainClient());
            assertTwilioError(http.post(RESET, basic(sub.getSid(), sub.getAuthToken()), ""), 403, 20403, "first main account");
            NewKey key = NewKey.creator().create(server.mainClient());
            assertTwilioError(http.post(RESET, basic(key.getSid(), key.getSecret()), ""), 403, 20403, "first main account");
            assertEquals(200, http.get("/2010-04-01/Accounts/" + sub.getSid() + ".json", MAIN).status(), "nothing was reset");
        }
    }

    @Test
    void withoutTheSandboxFlag_thereIsNoReset() {
        try (TestServer server = TestServer.start()) {
            Account sub = Account.creator().create(server.mainClient());
            assertTwilioError(server.raw().post(RESET, MAIN, ""), 404, 20404, "not found");
            assertEquals(200, server.raw().get("/2010-04-01/Accounts/" + sub.getSid() + ".json", MAIN).status());
        }
    }
}
