package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.monitor.v1.Event;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One balance per family: Balance.json shows it (a subaccount shows its main account's), recharges pay into it
 * (once per Reference), and the ledger lists every change, so the balance is always the opening balance plus the
 * ledger. Charges for numbers are in {@code RentalIT}.
 */
class BillingIT {
    static TestServer server;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.startWithDefaultBalance(Map.of());
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    /** A main account of its own, so that tests do not share a balance. */
    record Family(String sid, String token) {
        String auth() { return basic(sid, token); }

        String path(String tail) { return "/_accountd/v1/Accounts/" + sid + tail; }
    }

    static Family newFamily() {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of("billing"), Optional.empty(), Optional.empty(), 1000);
        return new Family(main.sid(), main.authToken().value());
    }

    static Reply recharge(Family f, String body) { return http.post(f.path("/Recharges"), f.auth(), body); }

    static String balance(Family f) {
        return Balance.fetcher(f.sid()).fetch(server.client(f.sid(), f.token())).getBalance();
    }

    @Test
    void aNewMainAccount_startsWithTheOpeningBalance_andASubaccountShowsItUnderItsOwnSid() {
        Balance main = Balance.fetcher().fetch(server.mainClient());
        assertEquals(TestServer.MAIN_SID, main.getAccountSid());
        assertEquals("20.00", main.getBalance());
        assertEquals("USD", main.getCurrency());

        Account sub = Account.creator().setFriendlyName("customer").create(server.mainClient());
        Balance shared = Balance.fetcher(sub.getSid()).fetch(server.client(sub.getSid(), sub.getAuthToken()));
        assertEquals(sub.getSid(), shared.getAccountSid(), "the subaccount's SID, as asked");
        assertEquals("20.00", shared.getBalance(), "its main account's balance: there is one per family");
        assertEquals("20.00", Balance.fetcher(sub.getSid()).fetch(server.mainClient()).getBalance(), "and the main account reads it too");
    }

    @Test
    void aRecharge_paysIntoTheBalance_andAnswers201WithTheBalanceAfter() {
        Family f = newFamily();
        Reply r = recharge(f, "Amount=10.00&Reference=invoice-1");
        assertEquals(201, r.status(), r.body());
        JsonNode v = r.json();
        assertTrue(v.get("sid").asText().matches("RC[0-9a-f]{32}"), r.body());
        assertEquals(f.sid(), v.get("account_sid").asText());
        assertEquals("10.00", v.get("amount").asText());
        assertEquals("USD", v.get("currency").asText());
        assertEquals("30.00", v.get("balance").asText());
        assertEquals("invoice-1", v.get("reference").asText());
        assertTrue(v.get("date_created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), r.body());
        assertEquals(server.baseUrl() + f.path("/Recharges/" + v.get("sid").asText()), v.get("url").asText());
        assertEquals("30.00", balance(f));

        Reply fetched = http.get(f.path("/Recharges/" + v.get("sid").asText()), f.auth());
        assertEquals(200, fetched.status(), fetched.body());
        assertEquals(v, fetched.json());
    }

    @Test
    void aRechargeWithAReference_isMadeOnce_soARetriedRequestPaysNothingMore() {
        Family f = newFamily();
        Reply first = recharge(f, "Amount=5.50&Reference=retry-me");
        Reply again = recharge(f, "Amount=5.50&Reference=retry-me");
        assertEquals(201, again.status(), again.body());
        assertEquals(first.json(), again.json(), "the same recharge, as first answered");
        assertEquals("25.50", balance(f));
        assertTwilioError(recharge(f, "Amount=6.00&Reference=retry-me"), 400, 20001, "Reference 'retry-me' was used");
        assertEquals("25.50", balance(f));

        assertEquals(201, recharge(f, "Amount=1.00").status());
        assertEquals(201, recharge(f, "Amount=1.00").status());
        assertEquals("27.50", balance(f), "without a Reference, each request is a recharge");
    }

    @Test
    void anAmount_isPositive_withAtMostTwoDecimals() {
        Family f = newFamily();
        for (String bad : List.of("0", "0.00", "-1.00", "1.234", "abc", "1e3", "", "1000000.01")) {
            assertTwilioError(recharge(f, "Amount=" + bad), 400, 20001, "Amount");
        }
        assertTwilioError(recharge(f, "Reference=x"), 400, 20001, "Amount");
        assertEquals("20.00", balance(f), "no refused recharge paid anything");
        assertEquals(201, recharge(f, "Amount=1000000").status());
    }

    @Test
    void onlyTheMainAccount_rechargesItsBalance() {
        Family f = newFamily();
        Account sub = Account.creator().create(server.client(f.sid(), f.token()));
        String subAuth = basic(sub.getSid(), sub.getAuthToken());
        assertTwilioError(http.post(f.path("/Recharges"), subAuth, "Amount=1.00"), 403, 20403, "main account");
        assertTwilioError(http.get(f.path("/Recharges"), subAuth), 403, 20403, "main account");
        assertTwilioError(http.post("/_accountd/v1/Accounts/" + sub.getSid() + "/Recharges", f.auth(), "Amount=1.00"),
                400, 20001, "is a subaccount");
        assertTwilioError(http.post("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Recharges", f.auth(), "Amount=1.00"),
                401, 20003, "Authenticate");
        assertEquals("20.00", balance(f));
    }

    @Test
    void recharges_areListedNewestFirst_inTheV1Envelope() {
        Family f = newFamily();
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) made.add(recharge(f, "Amount=" + i + ".00").json().get("sid").asText());
        Reply page = http.get(f.path("/Recharges?PageSize=2"), f.auth());
        assertEquals(200, page.status(), page.body());
        JsonNode body = page.json();
        assertEquals("recharges", body.get("meta").get("key").asText());
        assertEquals(List.of(made.get(2), made.get(1)), sids(body.get("recharges")));
        String next = body.get("meta").get("next_page_url").asText();
        Reply rest = http.get(next.substring(server.baseUrl().length()), f.auth());
        assertEquals(List.of(made.get(0)), sids(rest.json().get("recharges")));
        assertTrue(rest.json().get("meta").get("next_page_url").isNull());
    }

    @Test
    void theLedger_listsEveryChange_andTheBalanceIsTheOpeningBalancePlusTheLedger() {
        Family f = newFamily();
        recharge(f, "Amount=2.25");
        recharge(f, "Amount=0.75&Reference=r");
        Reply ledger = http.get(f.path("/Ledger"), f.auth());
        assertEquals(200, ledger.status(), ledger.body());
        JsonNode entries = ledger.json().get("entries");
        assertEquals(2, entries.size());
        assertEquals("recharge", entries.get(0).get("category").asText());
        assertEquals("2.25", entries.get(0).get("amount").asText());
        assertEquals("22.25", entries.get(0).get("balance").asText());
        assertEquals("23.00", entries.get(1).get("balance").asText(), "oldest first, each with the balance after it");
        assertEquals(f.sid(), entries.get(1).get("account_sid").asText());
        assertEquals("r", entries.get(1).get("reference").asText());
        assertEquals("entries", ledger.json().get("meta").get("key").asText());
        assertEquals(0, http.get(f.path("/Ledger?Category=phonenumbers-local"), f.auth()).json().get("entries").size());
        assertEquals(2, http.get(f.path("/Ledger?Category=recharge&StartDate=2000-01-01&EndDate=2999-12-31"), f.auth())
                .json().get("entries").size());
        assertEquals(0, http.get(f.path("/Ledger?EndDate=2000-01-01"), f.auth()).json().get("entries").size());
        assertTwilioError(http.get(f.path("/Ledger?StartDate=yesterday"), f.auth()), 400, 20001, "StartDate");
        assertEquals("23.00", balance(f));
    }

    @Test
    void aSubaccountsLedger_isTheEntriesItCaused() {
        Family f = newFamily();
        Account sub = Account.creator().create(server.client(f.sid(), f.token()));
        recharge(f, "Amount=1.00");
        Reply own = http.get("/_accountd/v1/Accounts/" + sub.getSid() + "/Ledger", f.auth());
        assertEquals(200, own.status(), own.body());
        assertEquals(0, own.json().get("entries").size(), "the recharge was the main account's");
        assertTwilioError(http.get("/_accountd/v1/Accounts/" + sub.getSid() + "/Ledger", basic(sub.getSid(), sub.getAuthToken())),
                403, 20403, "main account");
    }

    @Test
    void aRecharge_isAMonitorEvent() {
        Family f = newFamily();
        String sid = recharge(f, "Amount=3.00&Reference=audit").json().get("sid").asText();
        List<Event> events = new ArrayList<>();
        Event.reader().setResourceSid(sid).read(server.client(f.sid(), f.token())).forEach(events::add);
        assertEquals(1, events.size());
        Event e = events.get(0);
        assertEquals("recharge.created", e.getEventType());
        assertEquals("recharge", e.getResourceType());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) e.getEventData();
        assertEquals("3.00", data.get("amount"));
        assertEquals("23.00", data.get("balance"));
        assertEquals(server.baseUrl() + f.path("/Recharges/" + sid), e.getLinks().get("resource"));
    }

    @Test
    void autoRecharge_isASettingOfTheMainAccountsBalance() {
        Family f = newFamily();
        Reply shown = http.get(f.path("/Balance"), f.auth());
        assertEquals(200, shown.status(), shown.body());
        assertEquals("20.00", shown.json().get("opening_balance").asText());
        assertTrue(shown.json().get("auto_recharge_below").isNull());
        Reply set = http.post(f.path("/Balance"), f.auth(), "AutoRechargeBelow=5.00&AutoRechargeAmount=10.00");
        assertEquals(200, set.status(), set.body());
        assertEquals("5.00", set.json().get("auto_recharge_below").asText());
        assertEquals("10.00", set.json().get("auto_recharge_amount").asText());
        assertTwilioError(http.post(f.path("/Balance"), f.auth(), "AutoRechargeBelow=5.00"), 400, 20001, "together");
        assertTwilioError(http.post(f.path("/Balance"), f.auth(), "AutoRechargeBelow=5.00&AutoRechargeAmount=0"), 400, 20001, "Amount");
        Reply off = http.post(f.path("/Balance"), f.auth(), "AutoRechargeBelow=&AutoRechargeAmount=");
        assertTrue(off.json().get("auto_recharge_below").isNull(), off.body());
        assertNotEquals(0, http.get("/v1/Events?EventType=balance.updated&ResourceSid=" + f.sid(), f.auth()).json().get("events").size());
    }

    static List<String> sids(JsonNode records) {
        List<String> sids = new ArrayList<>();
        records.forEach(r -> sids.add(r.get("sid").asText()));
        return sids;
    }
}
