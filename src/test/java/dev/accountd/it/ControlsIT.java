package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controls Twilio lacks: spending limits that block or suspend, the dormant-subaccount listing, and lifecycle
 * changes of thousands of subaccounts in one request. Every test has a family of its own on one manual clock.
 */
class ControlsIT {
    static final String US_MOBILE = "+14155550123";
    static final BigDecimal US_SMS = new BigDecimal("0.0083");

    static TestServer server;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("ACCOUNTD_CLOCK", "manual"));
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static void move(String form) { TrafficFamily.move(http, form); }

    static TrafficFamily family(String name, int subaccountLimit) {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of(name), Optional.empty(), Optional.empty(), subaccountLimit);
        return new TrafficFamily(main.sid(), main.authToken().value(), server.client(main.sid(), main.authToken().value()), http);
    }

    static String limitPath(String sid) { return "/_accountd/v1/Accounts/" + sid + "/SpendingLimit"; }

    @Test
    void aBlockLimit_refusesExactlyTheMessagesThatWouldCrossIt_underConcurrency() throws Exception {
        TrafficFamily f = family("block", 10);
        Account sub = f.subaccount("capped");
        String from = f.buyLocal(sub.getSid()).getPhoneNumber().toString();
        // the limit counts everything charged in its period, the number's first month too: 0.05 is left for messages
        BigDecimal rental = new BigDecimal(f.ledger("&AccountSid=" + sub.getSid()).get(0).get("amount").asText()).negate();
        String amount = rental.add(new BigDecimal("0.05")).toPlainString();
        RawHttp.Reply set = http.post(limitPath(sub.getSid()), f.auth(), "Amount=" + amount + "&Period=monthly&Action=block");
        assertEquals(200, set.status(), set.body());
        assertEquals(0, new BigDecimal(amount).compareTo(new BigDecimal(set.json().get("amount").asText())));
        assertEquals(0, rental.compareTo(new BigDecimal(set.json().get("spent").asText())), set.body());

        // 6 messages of 0.0083 fit under 0.05 (0.0498); 20 at once: exactly 6 pass, whatever the interleaving
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicInteger refused = new AtomicInteger();
        List<Future<Boolean>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(pool.submit(() -> {
                try {
                    Message.creator(sub.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(from), "hello").create(f.client());
                    return true;
                } catch (ApiException e) {
                    assertEquals(20005, e.getCode());
                    assertTrue(e.getMessage().startsWith("Spending limit reached"), e.getMessage());
                    refused.incrementAndGet();
                    return false;
                }
            }));
        }
        int passed = 0;
        for (Future<Boolean> s : sent) if (s.get()) passed++;
        pool.shutdown();
        assertEquals(6, passed);
        assertEquals(14, refused.get());
        move("Advance=PT10S");
        BigDecimal charged = f.ledger("&AccountSid=" + sub.getSid()).stream().filter(e -> e.get("category").asText().startsWith("sms"))
                .map(e -> new BigDecimal(e.get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
        assertEquals(0, US_SMS.multiply(BigDecimal.valueOf(6)).compareTo(charged), "refused messages cost nothing: " + charged);
        RawHttp.Reply now = http.get(limitPath(sub.getSid()), f.auth());
        assertEquals(200, now.status(), now.body());
        assertEquals(0, new BigDecimal(amount).compareTo(new BigDecimal(now.json().get("spent").asText())
                .add(new BigDecimal(now.json().get("remaining").asText()))), now.body());
    }

    @Test
    void aBlockLimit_onTheMainAccount_capsTheWholeFamily_andStopsWhenRemoved() {
        TrafficFamily f = family("family cap", 10);
        Account sub = f.subaccount("one of many");
        String from = f.buyLocal(sub.getSid()).getPhoneNumber().toString();
        BigDecimal spent = new BigDecimal(f.ledger("").stream().map(e -> e.get("amount").asText()).filter(a -> a.startsWith("-"))
                .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add).negate().toPlainString());
        String amount = spent.add(new BigDecimal("0.01")).setScale(2, java.math.RoundingMode.DOWN).toPlainString();
        assertEquals(200, http.post(limitPath(f.sid()), f.auth(), "Amount=" + amount + "&Period=daily").status());
        RawHttp.Reply limit = http.get(limitPath(f.sid()), f.auth());
        assertEquals("family", limit.json().get("scope").asText());
        assertEquals("block", limit.json().get("action").asText(), "block by default");
        String path = "/2010-04-01/Accounts/" + sub.getSid() + "/Messages.json";
        String form = "To=" + TrafficFamily.enc(US_MOBILE) + "&From=" + TrafficFamily.enc(from) + "&Body=hi";
        int created = 0;
        RawHttp.Reply r;
        while ((r = http.post(path, f.auth(), form)).status() == 201) created++;
        assertTwilioError(r, 400, 20005, "Spending limit reached");
        assertEquals(1, created, "0.01 was left of the family's cap: one message of 0.0083");
        assertEquals(204, http.delete(limitPath(f.sid()), f.auth()).status());
        assertEquals(201, http.post(path, f.auth(), form).status(), "no limit, no refusal");
        assertTwilioError(http.get(limitPath(f.sid()), f.auth()), 404, 20404, "");
    }

    @Test
    void aSuspendLimit_suspendsTheSubaccountWhenReached_withItsEvent() throws Exception {
        TrafficFamily f = family("suspend", 10);
        Account sub = f.subaccount("suspended on spend");
        String from = f.buyLocal(sub.getSid()).getPhoneNumber().toString();
        BigDecimal rental = new BigDecimal(f.ledger("&AccountSid=" + sub.getSid()).get(0).get("amount").asText()).negate();
        String amount = rental.add(new BigDecimal("0.01")).setScale(2, java.math.RoundingMode.UP).toPlainString();
        assertEquals(200, http.post(limitPath(sub.getSid()), f.auth(), "Amount=" + amount + "&Period=monthly&Action=suspend").status());
        for (int i = 0; i < 3; i++) Message.creator(sub.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(from), "spend").create(f.client());
        move("Advance=PT10S");
        String status = "";
        for (int i = 0; i < 50 && !status.equals("suspended"); i++) {
            Thread.sleep(100);
            status = Account.fetcher(sub.getSid()).fetch(f.client()).getStatus().toString();
        }
        assertEquals("suspended", status, "suspended once its spending reached the limit");
        RawHttp.Reply events = http.get("/v1/Events?ResourceSid=" + sub.getSid() + "&EventType=account.updated", f.auth());
        assertEquals(200, events.status(), events.body());
        assertTrue(events.json().get("events").size() >= 1, events.body());
        assertTwilioError(http.post("/2010-04-01/Accounts/" + sub.getSid() + "/Messages.json", f.auth(),
                "To=" + TrafficFamily.enc(US_MOBILE) + "&From=" + TrafficFamily.enc(from) + "&Body=more"), 400, 10001, "");
    }

    @Test
    void spendingLimits_areTheMainAccountsToSet_andCheckedForForm() {
        TrafficFamily f = family("limit rules", 10);
        Account sub = f.subaccount("limited");
        String subAuth = RawHttp.basic(sub.getSid(), sub.getAuthToken());
        assertTwilioError(http.post(limitPath(sub.getSid()), subAuth, "Amount=5&Period=daily"), 403, 20403, "main account");
        assertTwilioError(http.post(limitPath(sub.getSid()), f.auth(), "Period=daily"), 400, 20001, "Amount");
        assertTwilioError(http.post(limitPath(sub.getSid()), f.auth(), "Amount=5"), 400, 20001, "Period");
        assertTwilioError(http.post(limitPath(sub.getSid()), f.auth(), "Amount=-1&Period=daily"), 400, 20001, "Amount");
        assertTwilioError(http.post(limitPath(sub.getSid()), f.auth(), "Amount=5&Period=weekly"), 400, 20001, "Period");
        assertTwilioError(http.post(limitPath(sub.getSid()), f.auth(), "Amount=5&Period=daily&Action=warn"), 400, 20001, "Action");
        assertTwilioError(http.post(limitPath(f.sid()), f.auth(), "Amount=5&Period=daily&Action=suspend"), 400, 20001, "subaccounts");
        assertEquals(200, http.post(limitPath(sub.getSid()), f.auth(), "Amount=5&Period=alltime").status());
        RawHttp.Reply own = http.get(limitPath(sub.getSid()), subAuth);
        assertEquals(200, own.status(), "a subaccount reads its own limit");
        assertEquals("account", own.json().get("scope").asText());
        assertTwilioError(http.delete(limitPath(sub.getSid()), subAuth), 403, 20403, "");
    }

    @Test
    void dormantSubaccounts_areTheActiveOnesQuietForTheDays_leastRecentlyActiveFirst() {
        TrafficFamily f = family("dormant", 10);
        Account early = f.subaccount("active long ago");
        Account never = f.subaccount("never active");
        Account recent = f.subaccount("active lately");
        Account suspended = f.subaccount("suspended");
        Account.updater(suspended.getSid()).setStatus(Account.Status.SUSPENDED).update(f.client());
        String earlyFrom = f.buyLocal(early.getSid()).getPhoneNumber().toString();
        String recentFrom = f.buyLocal(recent.getSid()).getPhoneNumber().toString();
        Message.creator(early.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(earlyFrom), "long ago").create(f.client());
        String day = http.get("/2010-04-01/Accounts/" + f.sid() + "/Usage/Records/Today.json?Category=sms", f.auth())
                .json().get("usage_records").get(0).get("start_date").asText();
        move("Advance=P10D");
        Message.creator(recent.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(recentFrom), "lately").create(f.client());

        RawHttp.Reply r = http.get("/_accountd/v1/Accounts/" + f.sid() + "/DormantSubaccounts?InactiveDays=5", f.auth());
        assertEquals(200, r.status(), r.body());
        List<String> sids = new ArrayList<>();
        r.json().get("accounts").forEach(a -> sids.add(a.get("sid").asText()));
        assertEquals(Set.of(early.getSid(), never.getSid()), new HashSet<>(sids), r.body());
        for (JsonNode a : r.json().get("accounts")) {
            if (a.get("sid").asText().equals(early.getSid())) assertEquals(day, a.get("last_activity_date").asText());
            else assertTrue(a.get("last_activity_date").isNull(), "never had a call or message");
        }
        assertEquals("accounts", r.json().get("meta").get("key").asText());
        RawHttp.Reply quiet11 = http.get("/_accountd/v1/Accounts/" + f.sid() + "/DormantSubaccounts?InactiveDays=11", f.auth());
        assertEquals(0, quiet11.json().get("accounts").size(), "none is quiet for 11 days yet");
        assertTwilioError(http.get("/_accountd/v1/Accounts/" + f.sid() + "/DormantSubaccounts", f.auth()), 400, 20001, "InactiveDays");
        assertTwilioError(http.get("/_accountd/v1/Accounts/" + early.getSid() + "/DormantSubaccounts?InactiveDays=1", f.auth()), 400, 20001,
                "subaccount");
    }

    @Test
    void bulkSuspend_ofFiveThousandDormantSubaccounts_thenCloseAndReactivateByList() {
        TrafficFamily f = family("bulk", 6000);
        server.app().accounts().bulkCreateSubaccounts(f.sid(), 5000, "bulk", 1000, n -> { });
        move("Advance=P2D");
        RawHttp.Reply suspended = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Suspend", f.auth(), "DormantDays=1");
        assertEquals(200, suspended.status(), suspended.body());
        assertEquals(5000, suspended.json().get("changed").asInt());
        assertEquals(0, suspended.json().get("failed").asInt());
        assertFalse(suspended.json().get("more").asBoolean());
        List<String> sids = new ArrayList<>();
        suspended.json().get("targets").forEach(t -> sids.add(t.get("account_sid").asText()));
        assertEquals(5000, new HashSet<>(sids).size());
        assertEquals("suspended", Account.fetcher(sids.get(1234)).fetch(f.client()).getStatus().toString());
        RawHttp.Reply events = http.get("/v1/Events?ResourceSid=" + sids.get(1234) + "&EventType=account.updated", f.auth());
        assertEquals(1, events.json().get("events").size(), "each one changed as a single update would, with its event");
        RawHttp.Reply again = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Suspend", f.auth(), "DormantDays=1");
        assertEquals(0, again.json().get("targets").size(), "suspended ones are not dormant active subaccounts");

        String bogus = "AC" + "0".repeat(32);
        String form = "AccountSid=" + sids.get(0) + "&AccountSid=" + sids.get(1) + "&AccountSid=" + bogus;
        RawHttp.Reply closed = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Close", f.auth(), form);
        assertEquals(200, closed.status(), closed.body());
        assertEquals(2, closed.json().get("changed").asInt());
        assertEquals(1, closed.json().get("failed").asInt());
        assertEquals(bogus, closed.json().get("targets").get(2).get("account_sid").asText());
        RawHttp.Reply reactivated = http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Reactivate", f.auth(),
                "AccountSid=" + sids.get(0) + "&AccountSid=" + sids.get(2));
        assertEquals(1, reactivated.json().get("changed").asInt(), reactivated.body());
        assertEquals(1, reactivated.json().get("unchanged").asInt());
        assertTrue(reactivated.json().get("targets").get(0).get("reason").asText().contains("closed"), reactivated.body());
        assertTwilioError(http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Suspend", f.auth(), ""), 400, 20001, "AccountSid");
        assertTwilioError(http.post("/_accountd/v1/Accounts/" + f.sid() + "/Subaccounts/Reactivate", f.auth(), "DormantDays=3"), 400, 20001,
                "nothing to reactivate");
    }
}
