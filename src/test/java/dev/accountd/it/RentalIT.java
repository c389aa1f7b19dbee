package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers cost money, as on Twilio: buying one charges its first month at once (no proration), and it is charged
 * again on the same day of every month, dated on that day, while its owner holds it, suspended or not; a released
 * number (a closed account's are) stops, a transferred one keeps its day and is charged to its new owner. A family
 * whose balance is zero or below cannot buy (20005) until a recharge brings it above zero. Every test has a family
 * of its own, opened at accountd's default 20.00 USD, on one manual clock that the tests move forward.
 */
class RentalIT {
    static final String CLOCK = "/_accountd/v1/Clock";
    static final BigDecimal OPENING = new BigDecimal("20.00");
    static final BigDecimal LOCAL = new BigDecimal("1.15");
    static final BigDecimal TOLL_FREE = new BigDecimal("2.15");

    static TestServer server;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.startWithDefaultBalance(Map.of("ACCOUNTD_CLOCK", "manual"));
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** A main account of its own, with its balance, SDK client and the area code its numbers come from. */
    record Family(String sid, String token, TwilioRestClient client) {
        String auth() { return basic(sid, token); }

        Account subaccount(String name) { return Account.creator().setFriendlyName(name).create(client); }

        String balance() { return Balance.fetcher(sid).fetch(client).getBalance(); }

        /** Every ledger entry of the family (or, with an account, of what that account caused), oldest first. */
        List<JsonNode> ledger(String query) {
            Reply r = http.get("/_accountd/v1/Accounts/" + sid + "/Ledger?PageSize=1000" + query, auth());
            assertEquals(200, r.status(), r.body());
            List<JsonNode> entries = new ArrayList<>();
            r.json().get("entries").forEach(entries::add);
            return entries;
        }

        /** The ledger explains the balance to the cent: the opening balance plus every entry, each entry's balance after it. */
        void assertReconciles() {
            BigDecimal running = OPENING;
            for (JsonNode e : ledger("")) {
                running = running.add(new BigDecimal(e.get("amount").asText()));
                assertEquals(running, new BigDecimal(e.get("balance").asText()), "the balance after " + e);
            }
            assertEquals(running, new BigDecimal(balance()), "opening balance + the ledger = the balance");
        }
    }

    static Family newFamily(String name) {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of(name), Optional.empty(), Optional.empty(), 1000);
        return new Family(main.sid(), main.authToken().value(), server.client(main.sid(), main.authToken().value()));
    }

    static Instant now() {
        Reply r = http.get(CLOCK, basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN));
        assertEquals(200, r.status(), r.body());
        return Instant.parse(r.json().get("now").asText());
    }

    static void move(String form) {
        Reply r = http.post(CLOCK, basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), form);
        assertEquals(200, r.status(), r.body());
    }

    static IncomingPhoneNumber buyLocal(Family f, String accountSid) {
        String number = Local.reader(accountSid, "US").setAreaCode(646).limit(1).read(f.client()).iterator().next().getPhoneNumber().toString();
        return IncomingPhoneNumber.creator(accountSid, new PhoneNumber(number)).create(f.client());
    }

    static List<String> tollFreeOffered(Family f, int count) {
        return StreamSupport.stream(TollFree.reader(f.sid(), "US").setPageSize((long) count).limit(count).read(f.client()).spliterator(), false)
                .map(n -> n.getPhoneNumber().toString()).toList();
    }

    static IncomingPhoneNumber buy(Family f, String number) {
        return IncomingPhoneNumber.creator(f.sid(), new PhoneNumber(number)).create(f.client());
    }

    static List<JsonNode> chargesFor(Family f, String numberSid) {
        return f.ledger("").stream().filter(e -> numberSid.equals(e.get("resource_sid").asText(null))).toList();
    }

    static Instant dated(JsonNode entry) { return Instant.parse(entry.get("date_created").asText()); }

    static BigDecimal money(String amount) { return new BigDecimal(amount); }

    @Test
    void buyingANumber_chargesItsFirstMonthAtOnce_underItsTypesCategory() {
        Family f = newFamily("first month");
        IncomingPhoneNumber local = buyLocal(f, f.sid());
        assertEquals("18.85", f.balance(), "20.00 - 1.15 for a US local number");
        IncomingPhoneNumber tollFree = buy(f, tollFreeOffered(f, 1).get(0));
        assertEquals("16.70", f.balance(), "- 2.15 for a US toll-free number");

        List<JsonNode> ledger = f.ledger("");
        assertEquals(2, ledger.size(), ledger.toString());
        JsonNode first = ledger.get(0);
        assertEquals("phonenumbers-local", first.get("category").asText());
        assertEquals("-1.15", first.get("amount").asText());
        assertEquals("USD", first.get("currency").asText());
        assertEquals(local.getSid(), first.get("resource_sid").asText());
        assertEquals(f.sid(), first.get("account_sid").asText());
        assertEquals(local.getDateCreated().toInstant(), dated(first), "dated when it was bought");
        assertEquals("phonenumbers-tollfree", ledger.get(1).get("category").asText());
        assertEquals("-2.15", ledger.get(1).get("amount").asText());
        assertEquals(tollFree.getSid(), ledger.get(1).get("resource_sid").asText());
        f.assertReconciles();
    }

    @Test
    void aYearOnTheManualClock_chargesTwelveMoreMonths_eachDatedOnItsBillingDay() {
        Family f = newFamily("a year");
        IncomingPhoneNumber number = buyLocal(f, f.sid());
        Instant bought = number.getDateCreated().toInstant();
        move("Advance=P1Y");

        List<JsonNode> charges = chargesFor(f, number.getSid());
        assertEquals(13, charges.size(), "the first month and twelve more: " + charges);
        for (int month = 0; month < 13; month++) {
            assertEquals(bought.atZone(ZoneOffset.UTC).plusMonths(month).toInstant(), dated(charges.get(month)), "month " + (month + 1));
            assertEquals("-1.15", charges.get(month).get("amount").asText());
        }
        assertEquals(OPENING.subtract(LOCAL.multiply(BigDecimal.valueOf(13))), money(f.balance()), "13 × 1.15 = 14.95");
        move("Advance=PT1H");
        assertEquals(13, chargesFor(f, number.getSid()).size(), "nothing is charged twice");
        f.assertReconciles();
    }

    @Test
    void theThirtyFirst_fallsBackToTheLastDayOfAShorterMonth_whichIsTheBillingDayFromThenOn() {
        LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
        LocalDate jan31 = LocalDate.of(today.getYear() + 1, 1, 31);
        move("Now=" + jan31.atTime(12, 0).toInstant(ZoneOffset.UTC));
        Family f = newFamily("the 31st");
        IncomingPhoneNumber number = buyLocal(f, f.sid());
        move("Advance=P3M"); // to April 30th

        int february = YearMonth.of(jan31.getYear(), 2).lengthOfMonth();
        List<LocalDate> days = chargesFor(f, number.getSid()).stream().map(e -> LocalDate.ofInstant(dated(e), ZoneOffset.UTC)).toList();
        assertEquals(List.of(jan31, jan31.withMonth(2).withDayOfMonth(february), LocalDate.of(jan31.getYear(), 3, february),
                LocalDate.of(jan31.getYear(), 4, february)), days, "Twilio: after a 28-day month the bill date is the 28th");
        f.assertReconciles();
    }

    @Test
    void suspendedOwnersArePaidFor_releasedAndClosedAccountsNumbersAreNot_andNothingIsRefunded() {
        Family f = newFamily("lifecycle");
        Account suspended = f.subaccount("suspended");
        Account closed = f.subaccount("closed");
        IncomingPhoneNumber ofSuspended = buyLocal(f, suspended.getSid());
        IncomingPhoneNumber ofClosed = buyLocal(f, closed.getSid());
        IncomingPhoneNumber released = buyLocal(f, f.sid());
        Account.updater(suspended.getSid()).setStatus(Account.Status.SUSPENDED).update(f.client());
        Account.updater(closed.getSid()).setStatus(Account.Status.CLOSED).update(f.client());
        IncomingPhoneNumber.deleter(f.sid(), released.getSid()).delete(f.client());
        assertEquals("16.55", f.balance(), "three first months, no refund for the released ones");

        move("Advance=P1M");
        List<JsonNode> suspendedCharges = chargesFor(f, ofSuspended.getSid());
        assertEquals(2, suspendedCharges.size(), "a suspended account keeps its numbers and pays for them");
        assertEquals(suspended.getSid(), suspendedCharges.get(1).get("account_sid").asText());
        assertEquals(1, chargesFor(f, ofClosed.getSid()).size(), "closing released the number: no more months");
        assertEquals(1, chargesFor(f, released.getSid()).size(), "a released number: no more months");
        assertEquals("15.40", f.balance());
        f.assertReconciles();
    }

    @Test
    void aTransferredNumber_keepsItsBillingDay_andIsChargedToItsNewOwner() {
        Family f = newFamily("transfer");
        Account from = f.subaccount("from");
        Account to = f.subaccount("to");
        IncomingPhoneNumber number = buyLocal(f, from.getSid());
        Instant bought = number.getDateCreated().toInstant();
        move("Advance=P1M");
        move("Advance=P10D");
        IncomingPhoneNumber.updater(from.getSid(), number.getSid()).setAccountSid(to.getSid()).update(f.client());
        move("Now=" + bought.atZone(ZoneOffset.UTC).plusMonths(2).plusHours(1).toInstant());

        List<JsonNode> charges = chargesFor(f, number.getSid());
        assertEquals(3, charges.size(), charges.toString());
        assertEquals(List.of(from.getSid(), from.getSid(), to.getSid()), charges.stream().map(e -> e.get("account_sid").asText()).toList());
        assertEquals(bought.atZone(ZoneOffset.UTC).plusMonths(2).toInstant(), dated(charges.get(2)), "the day it had before the transfer");
        List<JsonNode> toOwn = f.ledger("&AccountSid=" + to.getSid());
        assertEquals(1, toOwn.size(), "the new owner's ledger has the month it paid for: " + toOwn);
        f.assertReconciles();
    }

    @Test
    void anOutOfFundsFamily_cannotBuy_untilARechargeBringsItsBalanceAboveZero_butRentalStillPosts() {
        Family f = newFamily("out of funds");
        List<String> offered = tollFreeOffered(f, 12);
        for (int i = 0; i < 9; i++) buy(f, offered.get(i));
        assertEquals("0.65", f.balance(), "20.00 - 9 × 2.15");

        ApiException refused = assertTwilioError(400, 20005, "Account not active", () -> buy(f, offered.get(9)));
        assertTrue(refused.getMessage().contains("0.65 USD") && refused.getMessage().contains("2.15 USD")
                && refused.getMessage().contains("/Recharges"), "it says what the balance is, what it needs and where to pay: " + refused.getMessage());
        assertEquals(9, f.ledger("&Category=phonenumbers-tollfree").size(), "a refusal charges nothing");

        assertEquals(201, http.post("/_accountd/v1/Accounts/" + f.sid() + "/Recharges", f.auth(), "Amount=5.00").status());
        buy(f, offered.get(9));
        assertEquals("3.50", f.balance());

        move("Advance=P1M");
        assertEquals("-18.00", f.balance(), "ten months of rental post even past zero: 3.50 - 10 × 2.15");
        assertTwilioError(400, 20005, "-18.00 USD", () -> buy(f, offered.get(10)));
        assertTwilioError(400, 20005, "Account not active", () -> buyLocal(f, f.subaccount("a customer").getSid()));

        assertEquals(201, http.post("/_accountd/v1/Accounts/" + f.sid() + "/Recharges", f.auth(), "Amount=18.00").status());
        assertTwilioError(400, 20005, "0.00 USD", () -> buy(f, offered.get(10)));
        assertEquals(201, http.post("/_accountd/v1/Accounts/" + f.sid() + "/Recharges", f.auth(), "Amount=2.15").status());
        buy(f, offered.get(10));
        assertEquals("0.00", f.balance(), "a purchase may spend the balance to exactly zero");
        f.assertReconciles();
    }

    @Test
    void autoRecharge_followsTheChargeThatTakesTheBalanceBelowItsThreshold_purchaseOrRental() {
        Family f = newFamily("auto-recharge");
        String settings = "/_accountd/v1/Accounts/" + f.sid() + "/Balance";
        assertEquals(200, http.post(settings, f.auth(), "AutoRechargeBelow=15.00&AutoRechargeAmount=10.00").status());
        List<String> offered = tollFreeOffered(f, 3);
        buy(f, offered.get(0));
        buy(f, offered.get(1));
        assertEquals("15.70", f.balance(), "not below 15.00: no recharge yet");
        buy(f, offered.get(2));
        assertEquals("23.55", f.balance(), "13.55, below 15.00, so 10.00 is paid in at once");
        List<JsonNode> ledger = f.ledger("");
        JsonNode recharge = ledger.get(ledger.size() - 1);
        assertEquals("recharge", recharge.get("category").asText());
        assertEquals("10.00", recharge.get("amount").asText());
        assertEquals("auto-recharge", recharge.get("reference").asText());
        assertEquals(dated(ledger.get(ledger.size() - 2)), dated(recharge), "dated with the charge that set it off");

        // rental too: 23.55 - 2.15 = 21.40, - 2.15 = 19.25 (below 20.00: + 10.00 = 29.25), - 2.15 = 27.10
        assertEquals(200, http.post(settings, f.auth(), "AutoRechargeBelow=20.00&AutoRechargeAmount=10.00").status());
        move("Advance=P1M");
        assertEquals("27.10", f.balance());
        List<String> month = f.ledger("").stream().skip(ledger.size()).map(e -> e.get("category").asText()).toList();
        assertEquals(List.of("phonenumbers-tollfree", "phonenumbers-tollfree", "recharge", "phonenumbers-tollfree"), month);
        f.assertReconciles();
    }

    @Test
    void concurrentPurchases_neverSpendMoreThanTheBalanceHolds() throws Exception {
        Family f = newFamily("concurrent");
        List<String> offered = tollFreeOffered(f, 16);
        List<Callable<Boolean>> purchases = new ArrayList<>();
        for (String number : offered) {
            purchases.add(() -> {
                try {
                    buy(f, number);
                    return true;
                } catch (ApiException e) {
                    assertEquals(20005, e.getCode(), e.getMessage());
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(purchases.size());
        int bought = 0;
        try {
            for (Future<Boolean> done : pool.invokeAll(purchases)) if (done.get()) bought++;
        } finally {
            pool.shutdownNow();
        }
        assertEquals(9, bought, "20.00 pays for nine numbers at 2.15, whatever the interleaving");
        assertEquals("0.65", f.balance());
        assertEquals(9, StreamSupport.stream(IncomingPhoneNumber.reader(f.sid()).read(f.client()).spliterator(), false).count(),
                "exactly the numbers paid for were bought");
        f.assertReconciles();
    }

    @Test
    void aRetriedPurchase_ofTheSameNumber_isChargedOnce() {
        Family f = newFamily("retry");
        String number = tollFreeOffered(f, 1).get(0);
        buy(f, number);
        assertTwilioError(400, 21422, "not available", () -> buy(f, number));
        assertEquals("17.85", f.balance());
        assertEquals(1, f.ledger("").size());
        f.assertReconciles();
    }
}
