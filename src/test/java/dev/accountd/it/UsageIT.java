package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.base.ResourceSet;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.rest.api.v2010.account.usage.Trigger;
import com.twilio.rest.api.v2010.account.usage.record.AllTime;
import com.twilio.rest.api.v2010.account.usage.record.Daily;
import com.twilio.rest.api.v2010.account.usage.record.LastMonth;
import com.twilio.rest.api.v2010.account.usage.record.Monthly;
import com.twilio.rest.api.v2010.account.usage.record.ThisMonth;
import com.twilio.rest.api.v2010.account.usage.record.Today;
import com.twilio.rest.api.v2010.account.usage.record.Yearly;
import com.twilio.rest.api.v2010.account.usage.record.Yesterday;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TrafficFamily;
import dev.accountd.support.WebhookReceiver;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage Records add up what the ledger charged, per category and period, for an account or a main account's whole
 * family; Usage Triggers call back once per period when a watched value is reached. Every test has a family of its
 * own on one manual clock.
 */
class UsageIT {
    static final String US_MOBILE = "+14155550123";

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

    static Message send(TrafficFamily f, String accountSid, String from, String body) {
        return Message.creator(accountSid, new PhoneNumber(US_MOBILE), new PhoneNumber(from), body).create(f.client());
    }

    static Map<String, Record> byCategory(Iterable<Record> records) {
        Map<String, Record> m = new HashMap<>();
        records.forEach(r -> m.put(r.getCategory(), r));
        return m;
    }

    static BigDecimal ledgerCharges(TrafficFamily f, String query) {
        return f.ledger(query).stream().map(e -> new BigDecimal(e.get("amount").asText())).filter(a -> a.signum() < 0)
                .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }

    /** A family with a main number, a subaccount with its own number, three messages and a 61-second call, all charged. */
    record Mix(TrafficFamily f, Account sub, Message mainShort, Message mainLong, Message subShort, Call subCall) {}

    static Mix mix(String name) {
        TrafficFamily f = TrafficFamily.create(server, name);
        Account sub = f.subaccount(name + " customer");
        String mainFrom = f.buyLocal(f.sid()).getPhoneNumber().toString();
        String subFrom = f.buyLocal(sub.getSid()).getPhoneNumber().toString();
        Message a = send(f, f.sid(), mainFrom, "hello");
        Message b = send(f, f.sid(), mainFrom, "a".repeat(161));
        Message c = send(f, sub.getSid(), subFrom, "hi");
        Call call = Call.creator(sub.getSid(), new PhoneNumber(US_MOBILE), new PhoneNumber(subFrom), URI.create(receiver.url("/voice")))
                .setTimeLimit(61).create(f.client());
        move("Advance=PT2M");
        return new Mix(f, sub, a, b, c, call);
    }

    @Test
    void records_addUpTheLedger_perCategory_withRollups_andEveryCategoryListed() {
        Mix m = mix("records");
        TrafficFamily f = m.f();
        ResourceSet<Record> all = Record.reader(f.sid()).setPageSize(1000L).read(f.client());
        List<Record> list = StreamSupport.stream(all.spliterator(), false).toList();
        List<String> names = list.stream().map(Record::getCategory).toList();
        assertEquals(names.stream().sorted().toList(), names, "alphabetical");
        assertTrue(names.containsAll(List.of("calls", "calls-outbound", "sms", "sms-outbound-longcode", "phonenumbers-local", "totalprice",
                "recordings", "mms")), names.toString());
        Map<String, Record> r = byCategory(list);

        Record sms = r.get("sms-outbound-longcode");
        assertEquals("3", sms.getCount(), "three messages in the family");
        assertEquals("4", sms.getUsage(), "1 + 2 + 1 segments");
        assertEquals("messages", sms.getCountUnit());
        assertEquals(0, new BigDecimal("0.0332").compareTo(sms.getPrice()), "4 segments × 0.0083, positive: " + sms.getPrice());
        assertEquals("usd", sms.getPriceUnit().getCurrencyCode().toLowerCase());
        for (String rollup : List.of("sms", "sms-outbound", "channels", "channels-messaging", "channels-messaging-outbound")) {
            assertEquals("3", r.get(rollup).getCount(), rollup);
            assertEquals(0, sms.getPrice().compareTo(r.get(rollup).getPrice()), rollup + " rolls up its leaves once");
        }
        assertEquals("0", r.get("sms-inbound").getCount());

        Record calls = r.get("calls");
        assertEquals("1", calls.getCount());
        assertEquals("2", calls.getUsage(), "61 seconds are 2 billed minutes");
        assertEquals("minutes", calls.getUsageUnit());
        assertEquals(calls.getPrice(), r.get("calls-outbound").getPrice());
        assertEquals("2", r.get("phonenumbers-local").getCount(), "two numbers' first months");
        assertEquals(r.get("phonenumbers-local").getPrice(), r.get("phonenumbers").getPrice());

        Record total = r.get("totalprice");
        assertNull(total.getCount(), "totalprice has no count");
        assertEquals("usd", total.getUsageUnit());
        assertEquals(0, ledgerCharges(f, "").compareTo(total.getPrice()), "totalprice is every charge of the ledger, to the cent");
        assertEquals(0, total.getPrice().compareTo(calls.getPrice().add(sms.getPrice()).add(r.get("phonenumbers").getPrice())),
                "and the sum of its priced leaves, each once");
        BigDecimal priced = new BigDecimal(Message.fetcher(f.sid(), m.mainShort().getSid()).fetch(f.client()).getPrice())
                .add(new BigDecimal(Message.fetcher(f.sid(), m.mainLong().getSid()).fetch(f.client()).getPrice()))
                .add(new BigDecimal(Message.fetcher(m.sub().getSid(), m.subShort().getSid()).fetch(f.client()).getPrice())).negate();
        assertEquals(0, priced.compareTo(sms.getPrice()), "the messages' prices add up to the record");
        BigDecimal callPrice = new BigDecimal(Call.fetcher(m.sub().getSid(), m.subCall().getSid()).fetch(f.client()).getPrice()).negate();
        assertEquals(0, callPrice.compareTo(calls.getPrice()), "the call's price is the record's");

        assertEquals(Map.of("all_time", "AllTime", "today", "Today", "yesterday", "Yesterday", "this_month", "ThisMonth", "last_month",
                        "LastMonth", "daily", "Daily", "monthly", "Monthly", "yearly", "Yearly").size(), sms.getSubresourceUris().size());
        assertEquals("/2010-04-01/Accounts/" + f.sid() + "/Usage/Records/Daily.json?Category=sms-outbound-longcode",
                sms.getSubresourceUris().get("daily"), "each subresource for the record's category (CONTRACT.md §8)");
        assertTrue(sms.getUri().startsWith("/2010-04-01/Accounts/" + f.sid() + "/Usage/Records.json?Category=sms-outbound-longcode&StartDate="),
                sms.getUri());
        assertNotNull(sms.getAsOf());
    }

    @Test
    void includeSubaccounts_isHonoured_andASubaccountIsReadWithMainCredentials() {
        Mix m = mix("include");
        TrafficFamily f = m.f();
        Map<String, Record> family = byCategory(Record.reader(f.sid()).setCategory("sms-outbound-longcode").read(f.client()));
        Map<String, Record> mainOnly = byCategory(Record.reader(f.sid()).setIncludeSubaccounts(false).read(f.client()));
        Map<String, Record> sub = byCategory(Record.reader(m.sub().getSid()).read(f.client()));
        assertEquals(1, family.size(), "Category filters");
        assertEquals("3", family.get("sms-outbound-longcode").getCount());
        assertEquals("2", mainOnly.get("sms-outbound-longcode").getCount(), "IncludeSubaccounts=false: the main account alone");
        assertEquals("0", mainOnly.get("calls").getCount());
        assertEquals("1", sub.get("sms-outbound-longcode").getCount(), "the subaccount alone");
        assertEquals("1", sub.get("calls").getCount());
        assertEquals(m.sub().getSid(), sub.get("calls").getAccountSid());
        BigDecimal subLedger = ledgerCharges(f, "&AccountSid=" + m.sub().getSid());
        assertEquals(0, subLedger.compareTo(sub.get("totalprice").getPrice()), "a subaccount's totalprice is its ledger total");
        assertEquals(0, mainOnly.get("totalprice").getPrice().add(sub.get("totalprice").getPrice())
                .compareTo(byCategory(Record.reader(f.sid()).read(f.client())).get("totalprice").getPrice()), "the parts add up to the family");
        assertEquals(0, byCategory(Record.reader(f.sid()).setCategory("no-such-category").read(f.client())).size(),
                "an unknown category has no records");
    }

    @Test
    void thePeriodPaths_splitUsageByDay_month_andYear() {
        Mix m = mix("periods");
        TrafficFamily f = m.f();
        String sid = f.sid();
        Today today = Today.reader(sid).setCategory("totalprice").read(f.client()).iterator().next();
        LocalDate day = today.getStartDate();
        assertEquals(day, today.getEndDate());
        assertNull(today.getSubresourceUris(), "only the root's records carry subresource_uris");
        BigDecimal total = today.getPrice();
        assertTrue(total.signum() > 0);
        assertEquals(0, total.compareTo(ThisMonth.reader(sid).setCategory("totalprice").read(f.client()).iterator().next().getPrice()));
        assertEquals(0, total.compareTo(AllTime.reader(sid).setCategory("totalprice").read(f.client()).iterator().next().getPrice()));
        assertEquals(0, Yesterday.reader(sid).setCategory("totalprice").read(f.client()).iterator().next().getPrice().signum());
        LastMonth last = LastMonth.reader(sid).setCategory("totalprice").read(f.client()).iterator().next();
        assertEquals(day.withDayOfMonth(1).minusMonths(1), last.getStartDate());
        assertEquals(day.withDayOfMonth(1).minusDays(1), last.getEndDate());

        // the next day: one more message; Daily shows both days, newest first, the quiet one at zero
        move("Advance=P1D");
        String from = f.buyLocal(sid).getPhoneNumber().toString();
        send(f, sid, from, "next day");
        move("Advance=PT10S");
        List<Daily> daily = StreamSupport.stream(Daily.reader(sid).setCategory("sms-outbound-longcode")
                .setStartDate(day.minusDays(1)).read(f.client()).spliterator(), false).toList();
        assertEquals(List.of(day.plusDays(1), day, day.minusDays(1)), daily.stream().map(Daily::getStartDate).toList());
        assertEquals(List.of("1", "3", "0"), daily.stream().map(Daily::getCount).toList());
        Monthly month = Monthly.reader(sid).setCategory("sms-outbound-longcode").read(f.client()).iterator().next();
        assertEquals(day.plusDays(1).getMonth() == day.getMonth() ? "4" : "1", month.getCount(), "the newest month first");
        Yearly year = Yearly.reader(sid).setCategory("sms-outbound-longcode").read(f.client()).iterator().next();
        assertTrue(Integer.parseInt(year.getCount()) >= 1);

        // offsets, and Twilio's own answers to bad dates
        String records = "/2010-04-01/Accounts/" + sid + "/Usage/Records.json";
        RawHttp.Reply offset = http.get(records + "?Category=sms-outbound-longcode&StartDate=-1days&EndDate=%2B0days", f.auth());
        assertEquals(200, offset.status(), offset.body());
        assertEquals("4", offset.json().get("usage_records").get(0).get("count").asText());
        assertEquals(day.toString(), offset.json().get("usage_records").get(0).get("start_date").asText());
        assertTwilioError(http.get(records + "?StartDate=2026-02-02&EndDate=2026-02-01", f.auth()), 404, 20404, "Records.json");
        assertTwilioError(http.get(records + "?StartDate=barfoobaz", f.auth()), 400, 20001, "Invalid StartDate");
        assertTwilioError(http.get(records + "?IncludeSubaccounts=maybe", f.auth()), 400, 20001, "IncludeSubaccounts");
    }

    @Test
    void records_arePaged_asTheSdksFollowThem() {
        TrafficFamily f = TrafficFamily.create(server, "paging");
        List<String> one = new ArrayList<>();
        Record.reader(f.sid()).setPageSize(7L).read(f.client()).forEach(r -> one.add(r.getCategory()));
        List<String> all = new ArrayList<>();
        Record.reader(f.sid()).setPageSize(1000L).read(f.client()).forEach(r -> all.add(r.getCategory()));
        assertEquals(all, one, "pages of 7 give the same list");
        assertTrue(all.size() > 40, "every category is listed at zero: " + all.size());
    }

    @Test
    void aTrigger_firesOncePerPeriod_signedWithItsAccountsToken_andRearmsTheNextDay() throws Exception {
        TrafficFamily f = TrafficFamily.create(server, "trigger");
        Account sub = f.subaccount("watched");
        String from = f.buyLocal(sub.getSid()).getPhoneNumber().toString();
        String url = receiver.url("/trigger/" + sub.getSid());
        Trigger t = Trigger.creator(sub.getSid(), URI.create(url), "2", "sms").setRecurring(Trigger.Recurring.DAILY)
                .setFriendlyName("two a day").create(f.client());
        assertEquals("2.000000", t.getTriggerValue());
        assertEquals("0", t.getCurrentValue());
        assertEquals(Trigger.TriggerField.USAGE, t.getTriggerBy(), "usage by default");
        assertEquals(HttpMethod.POST, t.getCallbackMethod());
        assertNull(t.getDateFired());
        assertEquals("/2010-04-01/Accounts/" + sub.getSid() + "/Usage/Records/Today.json?Category=sms", t.getUsageRecordUri());

        send(f, sub.getSid(), from, "one");
        move("Advance=PT5S");
        assertEquals("1", Trigger.fetcher(sub.getSid(), t.getSid()).fetch(f.client()).getCurrentValue());
        receiver.failNext(1); // the first delivery fails: the retry carries the same IdempotencyToken
        send(f, sub.getSid(), from, "two");
        send(f, sub.getSid(), from, "three");
        move("Advance=PT5S");
        List<WebhookReceiver.Received> got = receiver.await(r -> r.url().equals(url), 1, Duration.ofSeconds(20));
        assertEquals(1, got.size(), "delivered on the retry");
        Thread.sleep(500);
        assertEquals(1, receiver.await(r -> r.url().equals(url), 2, Duration.ofSeconds(1)).size(), "fired once, though usage went on");
        WebhookReceiver.Received fired = got.get(0);
        List<WebhookReceiver.Received> failed = receiver.refused().stream().filter(r -> r.url().equals(url)).toList();
        assertEquals(1, failed.size());
        assertEquals(failed.get(0).params(), fired.params(), "the retry is the same request: the same IdempotencyToken");
        assertTrue(new RequestValidator(sub.getAuthToken()).validate(fired.url(), fired.params(), fired.signature()), "signed with the subaccount's token");
        assertEquals(List.of("AccountSid", "CurrentValue", "DateFired", "IdempotencyToken", "Recurring", "TriggerBy", "TriggerValue",
                "UsageCategory", "UsageRecordUri", "UsageTriggerSid"), fired.params().keySet().stream().sorted().toList());
        assertEquals(sub.getSid(), fired.params().get("AccountSid"));
        assertEquals(t.getSid(), fired.params().get("UsageTriggerSid"));
        assertEquals("daily", fired.params().get("Recurring"));
        assertEquals("sms", fired.params().get("UsageCategory"));
        // both messages were charged in one round of the simulation: the value it fired at is the round's
        assertTrue(List.of("2", "3").contains(fired.params().get("CurrentValue")), fired.params().toString());
        Trigger after = Trigger.fetcher(sub.getSid(), t.getSid()).fetch(f.client());
        assertNotNull(after.getDateFired());
        assertEquals("3", after.getCurrentValue());

        // a new GMT day arms it again: a new firing, with a token of its own
        move("Advance=P1D");
        send(f, sub.getSid(), from, "four");
        send(f, sub.getSid(), from, "five");
        move("Advance=PT5S");
        List<WebhookReceiver.Received> again = receiver.await(r -> r.url().equals(url), 2, Duration.ofSeconds(20));
        assertEquals(2, again.size());
        assertNotEquals(fired.params().get("IdempotencyToken"), again.get(1).params().get("IdempotencyToken"));
    }

    @Test
    void aMainAccountsTrigger_watchesItsFamily_andOneCreatedAboveItsValueFiresAtOnce() throws Exception {
        Mix m = mix("family trigger");
        TrafficFamily f = m.f();
        String url = receiver.url("/trigger/" + f.sid());
        Trigger t = Trigger.creator(f.sid(), URI.create(url), "1", "calls").setTriggerBy(Trigger.TriggerField.COUNT).create(f.client());
        assertEquals("1", t.getCurrentValue(), "the subaccount's call counts for the family");
        List<WebhookReceiver.Received> got = receiver.await(r -> r.url().equals(url), 1, Duration.ofSeconds(20));
        assertEquals(1, got.size());
        assertTrue(new RequestValidator(f.token()).validate(got.get(0).url(), got.get(0).params(), got.get(0).signature()));
        assertEquals("alltime", got.get(0).params().get("Recurring"));
        assertEquals(t.getSid() + "-alltime", got.get(0).params().get("IdempotencyToken"));
    }

    @Test
    void triggers_offsets_filters_updates_andRefusals() {
        Mix m = mix("trigger crud");
        TrafficFamily f = m.f();
        String sid = f.sid();
        String path = "/2010-04-01/Accounts/" + sid + "/Usage/Triggers.json";
        RawHttp.Reply plus = http.post(path, f.auth(), "CallbackUrl=" + TrafficFamily.enc("https://example.com/t") + "&UsageCategory=totalprice"
                + "&TriggerBy=price&TriggerValue=%2B5&Recurring=monthly");
        assertEquals(201, plus.status(), plus.body());
        BigDecimal current = new BigDecimal(plus.json().get("current_value").asText());
        assertEquals(current.add(BigDecimal.valueOf(5)).setScale(6).toPlainString(), plus.json().get("trigger_value").asText(), "+5 above now");
        String plusSid = plus.json().get("sid").asText();
        Trigger counted = Trigger.creator(sid, URI.create("https://example.com/c"), "100", "sms").setTriggerBy(Trigger.TriggerField.COUNT)
                .setCallbackMethod(HttpMethod.GET).create(f.client());

        assertEquals(List.of(plusSid), ids(Trigger.reader(sid).setRecurring(Trigger.Recurring.MONTHLY).read(f.client())));
        assertEquals(List.of(counted.getSid()), ids(Trigger.reader(sid).setTriggerBy(Trigger.TriggerField.COUNT).read(f.client())));
        assertEquals(List.of(counted.getSid()), ids(Trigger.reader(sid).setUsageCategory("sms").read(f.client())));
        assertEquals(List.of(plusSid, counted.getSid()), ids(Trigger.reader(sid).read(f.client())));

        RawHttp.Reply updated = http.post("/2010-04-01/Accounts/" + sid + "/Usage/Triggers/" + counted.getSid() + ".json", f.auth(),
                "FriendlyName=renamed&TriggerValue=5&CallbackMethod=POST");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("renamed", updated.json().get("friendly_name").asText());
        assertEquals("POST", updated.json().get("callback_method").asText());
        assertEquals("100.000000", updated.json().get("trigger_value").asText(), "TriggerValue is ignored on update, as Twilio does");

        assertTwilioError(http.post(path, f.auth(), "UsageCategory=sms&TriggerValue=1"), 400, 20001, "CallbackUrl");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&UsageCategory=sms"), 400, 20001, "TriggerValue");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&TriggerValue=1"), 400, 20001, "UsageCategory");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&TriggerValue=1&UsageCategory=nope"), 400, 20001, "UsageCategory");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&TriggerValue=-1&UsageCategory=sms"), 400, 20001, "TriggerValue");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&TriggerValue=abc&UsageCategory=sms"), 400, 20001, "TriggerValue");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=https://e.com&TriggerValue=1&UsageCategory=sms&Recurring=weekly"), 400, 20001,
                "Recurring");
        assertTwilioError(http.post(path, f.auth(), "CallbackUrl=nowhere&TriggerValue=1&UsageCategory=sms"), 400, 20001, "CallbackUrl");

        Trigger.deleter(sid, counted.getSid()).delete(f.client());
        assertTwilioError(http.get("/2010-04-01/Accounts/" + sid + "/Usage/Triggers/" + counted.getSid() + ".json", f.auth()), 404, 20404, "");
        Account sub = m.sub();
        assertTwilioError(http.get(path, RawHttp.basic(sub.getSid(), sub.getAuthToken())), 401, 20003, "");
    }

    static List<String> ids(Iterable<Trigger> ts) {
        List<String> ids = new ArrayList<>();
        ts.forEach(t -> ids.add(t.getSid()));
        return ids;
    }
}
