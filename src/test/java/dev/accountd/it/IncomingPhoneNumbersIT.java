package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.address.DependentPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.rest.monitor.v1.Event;
import com.twilio.type.PhoneNumber;
import dev.accountd.domain.AccountStatus;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IncomingPhoneNumbers: buying numbers that AvailablePhoneNumbers offers, configuring and releasing them, their
 * address requirements, and transferring them between the accounts of one family.
 */
class IncomingPhoneNumbersIT {
    static final String MAIN_AUTH = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static TestServer server;
    static TwilioRestClient main;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static Account subaccount() { return Account.creator().create(main); }

    static TwilioRestClient as(Account account) { return server.client(account.getSid(), account.getAuthToken()); }

    /** The first number AvailablePhoneNumbers offers for a US area code. */
    static String offeredIn(String accountSid, int areaCode) { return offeredIn(accountSid, areaCode, main); }

    static String offeredIn(String accountSid, int areaCode, TwilioRestClient client) {
        return Local.reader(accountSid, "US").setAreaCode(areaCode).limit(1).read(client).iterator().next().getPhoneNumber().toString();
    }

    static List<String> offered(String accountSid, int areaCode) {
        return StreamSupport.stream(Local.reader(accountSid, "US").setAreaCode(areaCode).setPageSize(1000L).read(main).spliterator(), false)
                .map(n -> n.getPhoneNumber().toString()).toList();
    }

    static IncomingPhoneNumber buy(String accountSid, String e164) {
        return IncomingPhoneNumber.creator(accountSid, new PhoneNumber(e164)).create(main);
    }

    static List<IncomingPhoneNumber> numbersOf(String accountSid, TwilioRestClient client) {
        List<IncomingPhoneNumber> all = new ArrayList<>();
        IncomingPhoneNumber.reader(accountSid).read(client).forEach(all::add);
        return all;
    }

    static Address address(String accountSid, String isoCountry) {
        return Address.creator(accountSid, "Grace Hopper", "1 Main Street", "Springfield", "Region", "12345", isoCountry).create(main);
    }

    /** Runs every task at once, each on its own thread, and gives their results in order. */
    static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Event> events(String resourceSid) {
        List<Event> all = new ArrayList<>();
        Event.reader().setResourceSid(resourceSid).read(main).forEach(all::add);
        return all;
    }

    @Test
    void buyingAnOfferedNumber_givesTheAccountAnInUseNumber_thatIsNoLongerOffered() {
        Account sub = subaccount();
        String e164 = offeredIn(sub.getSid(), 415);

        IncomingPhoneNumber n = buy(sub.getSid(), e164);

        assertTrue(n.getSid().matches("^PN[0-9a-f]{32}$"));
        assertEquals(sub.getSid(), n.getAccountSid());
        assertEquals(e164, n.getPhoneNumber().toString());
        assertEquals("(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8), n.getFriendlyName(),
                "the default friendly name is the formatted number");
        assertEquals("in-use", n.getStatus());
        assertEquals("twilio", n.getOrigin());
        assertEquals("local", n.getType());
        assertEquals(IncomingPhoneNumber.AddressRequirement.NONE, n.getAddressRequirements());
        assertTrue(n.getCapabilities().getVoice() && n.getCapabilities().getSms());
        assertEquals("2010-04-01", n.getApiVersion());
        assertEquals(HttpMethod.POST, n.getVoiceMethod());
        assertEquals(HttpMethod.POST, n.getSmsMethod());
        assertEquals(IncomingPhoneNumber.EmergencyStatus.INACTIVE, n.getEmergencyStatus());
        assertEquals(IncomingPhoneNumber.VoiceReceiveMode.VOICE, n.getVoiceReceiveMode());
        assertEquals(Boolean.FALSE, n.getVoiceCallerIdLookup());
        assertNull(n.getVoiceUrl());
        assertNull(n.getAddressSid());
        assertEquals(server.clock().instant().getEpochSecond(), n.getDateCreated().toEpochSecond(), 5);
        assertEquals("/2010-04-01/Accounts/" + sub.getSid() + "/IncomingPhoneNumbers/" + n.getSid() + ".json", n.getUri());

        assertFalse(offered(sub.getSid(), 415).contains(e164), "an owned number is never offered");
        assertEquals(List.of(n.getSid()), numbersOf(sub.getSid(), main).stream().map(IncomingPhoneNumber::getSid).toList());
        assertEquals(e164, IncomingPhoneNumber.fetcher(sub.getSid(), n.getSid()).fetch(main).getPhoneNumber().toString());
        assertEquals(List.of("phone-number.created"), events(n.getSid()).stream().map(Event::getEventType).toList());
    }

    @Test
    void areaCodePurchases_takeAnyFreeNumberOfTheArea_andTypedPurchasesTakeTheirOwnType() {
        Account sub = subaccount();
        IncomingPhoneNumber byArea = IncomingPhoneNumber.creator(sub.getSid(), "212").create(main);
        assertTrue(byArea.getPhoneNumber().toString().startsWith("+1212"));

        String tollFree = TollFree.reader(sub.getSid(), "US").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        var tf = com.twilio.rest.api.v2010.account.incomingphonenumber.TollFree.creator(sub.getSid(), new PhoneNumber(tollFree)).create(main);
        assertEquals(tollFree, tf.getPhoneNumber().toString());
        assertEquals(sub.getSid(), tf.getAccountSid());

        String local = offeredIn(sub.getSid(), 312);
        var lo = com.twilio.rest.api.v2010.account.incomingphonenumber.Local.creator(sub.getSid(), new PhoneNumber(local)).create(main);
        assertEquals(local, lo.getPhoneNumber().toString());

        List<String> locals = new ArrayList<>();
        com.twilio.rest.api.v2010.account.incomingphonenumber.Local.reader(sub.getSid()).read(main)
                .forEach(x -> locals.add(x.getPhoneNumber().toString()));
        assertEquals(Set.of(byArea.getPhoneNumber().toString(), local), Set.copyOf(locals), "the Local list holds only local numbers");
        List<String> tollFrees = new ArrayList<>();
        com.twilio.rest.api.v2010.account.incomingphonenumber.TollFree.reader(sub.getSid()).read(main)
                .forEach(x -> tollFrees.add(x.getPhoneNumber().toString()));
        assertEquals(List.of(tollFree), tollFrees);

        String anotherTollFree = TollFree.reader(sub.getSid(), "US").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        assertTwilioError(400, 21422, "as a Local number", () -> com.twilio.rest.api.v2010.account.incomingphonenumber.Local
                .creator(sub.getSid(), new PhoneNumber(anotherTollFree)).create(main));
    }

    @Test
    void purchasesThatCannotHappen_areTwilioErrors() {
        Account sub = subaccount();
        String owned = buy(sub.getSid(), offeredIn(sub.getSid(), 206)).getPhoneNumber().toString();

        Reply neither = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/IncomingPhoneNumbers.json", MAIN_AUTH, "FriendlyName=x");
        assertEquals(400, neither.status());
        assertEquals("Missing required parameter PhoneNumber or AreaCode in the post body", neither.json().get("message").asText());
        assertTwilioError(400, 21421, "is not an E.164 number", () -> buy(sub.getSid(), "4155550123"));
        assertTwilioError(400, 21421, "'+12995550123' is not a valid phone number", () -> buy(sub.getSid(), "+12995550123"));
        assertTwilioError(400, 21421, "is not a valid phone number", () -> buy(sub.getSid(), "+1415911123"));
        assertTwilioError(400, 21422, "+15005550000 is not available", () -> buy(sub.getSid(), "+15005550000"));
        assertTwilioError(400, 21422, owned + " is not available", () -> buy(subaccount().getSid(), owned));
        assertTwilioError(400, 21451, "Invalid area code", () -> IncomingPhoneNumber.creator(sub.getSid(), "12").create(main));
        assertTwilioError(400, 21452, "No phone numbers found in area code 299",
                () -> IncomingPhoneNumber.creator(sub.getSid(), "299").create(main));
        Reply typedByArea = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/IncomingPhoneNumbers/Local.json", MAIN_AUTH, "AreaCode=415");
        assertEquals(400, typedByArea.status(), "a typed purchase takes a PhoneNumber, not an AreaCode");
        assertEquals("Missing required parameter PhoneNumber in the post body", typedByArea.json().get("message").asText());
        Reply both = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/IncomingPhoneNumbers.json", MAIN_AUTH,
                "AreaCode=415&PhoneNumber=%2B14155550123");
        assertEquals(20001, both.json().get("code").asInt(), both.body());
        assertEquals(1, numbersOf(sub.getSid(), main).size(), "no failed purchase left a number behind");
    }

    @Test
    void theListFilters_matchPartialNumbersWithWildcards_exactNames_andOrigin() {
        Account sub = subaccount();
        IncomingPhoneNumber sf = buy(sub.getSid(), offeredIn(sub.getSid(), 415));
        IncomingPhoneNumber ny = buy(sub.getSid(), offeredIn(sub.getSid(), 212));
        IncomingPhoneNumber.updater(sub.getSid(), ny.getSid()).setFriendlyName("front desk").update(main);

        assertEquals(List.of(sf.getSid()), sids(IncomingPhoneNumber.reader(sub.getSid()).setPhoneNumber("+1415")));
        String nyDigits = ny.getPhoneNumber().toString().substring(5); // the 7 digits after +1212
        assertEquals(List.of(ny.getSid()), sids(IncomingPhoneNumber.reader(sub.getSid()).setPhoneNumber(nyDigits)), "a partial number matches anywhere");
        String wildcard = "+1212" + "*".repeat(3) + nyDigits.substring(3);
        assertEquals(List.of(ny.getSid()), sids(IncomingPhoneNumber.reader(sub.getSid()).setPhoneNumber(wildcard)), "* is any one digit");
        assertEquals(List.of(ny.getSid()), sids(IncomingPhoneNumber.reader(sub.getSid()).setFriendlyName("front desk")));
        assertEquals(List.of(), sids(IncomingPhoneNumber.reader(sub.getSid()).setFriendlyName("front")), "FriendlyName is exact");
        assertEquals(List.of(), sids(IncomingPhoneNumber.reader(sub.getSid()).setOrigin("hosted")), "accountd hosts no numbers");
        assertEquals(2, sids(IncomingPhoneNumber.reader(sub.getSid()).setOrigin("twilio")).size());
        assertTwilioError(400, 20001, "Invalid Origin", () -> sids(IncomingPhoneNumber.reader(sub.getSid()).setOrigin("ported")));
    }

    static List<String> sids(com.twilio.rest.api.v2010.account.IncomingPhoneNumberReader reader) {
        List<String> sids = new ArrayList<>();
        reader.read(main).forEach(n -> sids.add(n.getSid()));
        return sids;
    }

    @Test
    void update_setsEverySpecField_andAnEmptyValueResetsOne() {
        Account sub = subaccount();
        IncomingPhoneNumber n = buy(sub.getSid(), offeredIn(sub.getSid(), 512));
        String ap = com.twilio.rest.api.v2010.account.Application.creator(sub.getSid()).setFriendlyName("app").create(main).getSid();
        IncomingPhoneNumber u = IncomingPhoneNumber.updater(sub.getSid(), n.getSid())
                .setFriendlyName("support line").setApiVersion("2008-08-01")
                .setVoiceUrl("https://example.com/voice").setVoiceMethod(HttpMethod.GET)
                .setVoiceFallbackUrl("https://example.com/voice-fallback").setVoiceFallbackMethod(HttpMethod.GET)
                .setVoiceCallerIdLookup(true).setVoiceApplicationSid(ap).setVoiceReceiveMode(IncomingPhoneNumber.VoiceReceiveMode.FAX)
                .setSmsUrl("https://example.com/sms").setSmsMethod(HttpMethod.GET)
                .setSmsFallbackUrl("https://example.com/sms-fallback").setSmsFallbackMethod(HttpMethod.GET)
                .setSmsApplicationSid(ap).setStatusCallback("https://example.com/status").setStatusCallbackMethod(HttpMethod.GET)
                .setIdentitySid("RI" + "3".repeat(32)).setBundleSid("BU" + "4".repeat(32))
                .setEmergencyStatus(IncomingPhoneNumber.EmergencyStatus.ACTIVE)
                .update(main);
        assertEquals("support line", u.getFriendlyName());
        assertEquals("2008-08-01", u.getApiVersion());
        assertEquals(URI.create("https://example.com/voice"), u.getVoiceUrl());
        assertEquals(HttpMethod.GET, u.getVoiceMethod());
        assertEquals(URI.create("https://example.com/voice-fallback"), u.getVoiceFallbackUrl());
        assertEquals(HttpMethod.GET, u.getVoiceFallbackMethod());
        assertEquals(Boolean.TRUE, u.getVoiceCallerIdLookup());
        assertEquals(ap, u.getVoiceApplicationSid());
        assertNull(u.getTrunkSid(), "TrunkSid is the other way to route calls: see settingATrunk_clearsTheVoiceApplication_andViceVersa");
        assertEquals(IncomingPhoneNumber.VoiceReceiveMode.FAX, u.getVoiceReceiveMode());
        assertEquals(URI.create("https://example.com/sms"), u.getSmsUrl());
        assertEquals(HttpMethod.GET, u.getSmsMethod());
        assertEquals(URI.create("https://example.com/sms-fallback"), u.getSmsFallbackUrl());
        assertEquals(HttpMethod.GET, u.getSmsFallbackMethod());
        assertEquals(ap, u.getSmsApplicationSid());
        assertEquals(URI.create("https://example.com/status"), u.getStatusCallback());
        assertEquals(HttpMethod.GET, u.getStatusCallbackMethod());
        assertEquals("RI" + "3".repeat(32), u.getIdentitySid());
        assertEquals("BU" + "4".repeat(32), u.getBundleSid());
        assertEquals(IncomingPhoneNumber.EmergencyStatus.ACTIVE, u.getEmergencyStatus());
        assertEquals(n.getPhoneNumber(), u.getPhoneNumber());

        IncomingPhoneNumber reset = IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setVoiceUrl("").setVoiceMethod((HttpMethod) null)
                .setFriendlyName("").update(main);
        assertNull(reset.getVoiceUrl(), "an empty value clears a URL");
        assertEquals(n.getFriendlyName(), reset.getFriendlyName(), "an empty FriendlyName restores the formatted number");
        assertEquals(HttpMethod.GET, reset.getVoiceMethod(), "fields not sent stay as they were");

        assertTwilioError(400, 20001, "Invalid VoiceUrl", () -> IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setVoiceUrl("ftp://x").update(main));
        assertTwilioError(400, 20001, "Invalid TrunkSid", () -> IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setTrunkSid("TK123").update(main));
        Reply put = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/IncomingPhoneNumbers/" + n.getSid() + ".json", MAIN_AUTH,
                "VoiceMethod=PUT");
        assertEquals(400, put.status());
        assertEquals("Invalid VoiceMethod 'PUT': expected GET or POST", put.json().get("message").asText());
        assertTwilioError(400, 20002, "64", () -> IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setFriendlyName("x".repeat(65)).update(main));
        assertEquals(List.of("phone-number.created", "phone-number.updated", "phone-number.updated"),
                events(n.getSid()).stream().map(Event::getEventType).sorted().toList());
    }

    @Test
    void release_returnsTheNumberToTheInventory() {
        Account sub = subaccount();
        String e164 = offeredIn(sub.getSid(), 415);
        IncomingPhoneNumber n = buy(sub.getSid(), e164);

        assertTrue(IncomingPhoneNumber.deleter(sub.getSid(), n.getSid()).delete(main));

        assertTwilioError(404, 20404, "/IncomingPhoneNumbers/" + n.getSid() + ".json was not found",
                () -> IncomingPhoneNumber.fetcher(sub.getSid(), n.getSid()).fetch(main));
        assertTwilioError(404, 20404, "was not found", () -> IncomingPhoneNumber.deleter(sub.getSid(), n.getSid()).delete(main));
        assertTrue(offered(sub.getSid(), 415).contains(e164), "a released number is offered again");
        assertNotEquals(n.getSid(), buy(subaccount().getSid(), e164).getSid(), "buying it again makes a new IncomingPhoneNumber");
    }

    @Test
    void numbersWithAddressRequirements_needAMatchingAddressOfTheBuyer() {
        Account sub = subaccount();
        String london = Mobile.reader(sub.getSid(), "GB").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        assertTwilioError(400, 21631, "needs an Address", () -> buy(sub.getSid(), london));
        Address elsewhere = address(subaccount().getSid(), "GB");
        assertTwilioError(400, 21631, "is not an Address of account",
                () -> IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(london)).setAddressSid(elsewhere.getSid()).create(main));

        Address us = address(sub.getSid(), "US");
        IncomingPhoneNumber gb = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(london)).setAddressSid(us.getSid()).create(main);
        assertEquals(us.getSid(), gb.getAddressSid(), "'any' accepts an address in any country");
        assertEquals(IncomingPhoneNumber.AddressRequirement.ANY, gb.getAddressRequirements());

        String berlin = Local.reader(sub.getSid(), "DE").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        assertTwilioError(400, 21631, "needs an Address in DE",
                () -> IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(berlin)).setAddressSid(us.getSid()).create(main));
        Address de = address(sub.getSid(), "DE");
        IncomingPhoneNumber local = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(berlin)).setAddressSid(de.getSid()).create(main);
        assertEquals(IncomingPhoneNumber.AddressRequirement.LOCAL, local.getAddressRequirements());

        assertTwilioError(400, 21631, "cannot be removed",
                () -> IncomingPhoneNumber.updater(sub.getSid(), gb.getSid()).setAddressSid("").update(main));
        assertTwilioError(400, 21631, "needs an Address in DE",
                () -> IncomingPhoneNumber.updater(sub.getSid(), local.getSid()).setAddressSid(us.getSid()).update(main));
    }

    @Test
    void anAddressInUse_listsItsDependentNumbers_andCannotBeDeletedUntilTheyAreGone() {
        Account sub = subaccount();
        Address office = address(sub.getSid(), "GB");
        String london = Local.reader(sub.getSid(), "GB").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        IncomingPhoneNumber n = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(london)).setAddressSid(office.getSid()).create(main);

        List<DependentPhoneNumber> dependents = new ArrayList<>();
        DependentPhoneNumber.reader(sub.getSid(), office.getSid()).read(main).forEach(dependents::add);
        assertEquals(List.of(n.getSid()), dependents.stream().map(DependentPhoneNumber::getSid).toList());
        assertEquals(london, dependents.get(0).getPhoneNumber().toString());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) dependents.get(0).getCapabilities()).get("Voice"),
                "capabilities keyed as in the spec's DependentPhoneNumber example");

        assertTwilioError(400, 20001, "DependentPhoneNumbers", () -> Address.deleter(sub.getSid(), office.getSid()).delete(main));
        assertEquals(office.getSid(), Address.fetcher(sub.getSid(), office.getSid()).fetch(main).getSid(), "the address is still there");

        IncomingPhoneNumber.deleter(sub.getSid(), n.getSid()).delete(main);
        assertFalse(DependentPhoneNumber.reader(sub.getSid(), office.getSid()).read(main).iterator().hasNext());
        assertTrue(Address.deleter(sub.getSid(), office.getSid()).delete(main));
        assertTwilioError(404, 20404, "DependentPhoneNumbers.json was not found",
                () -> DependentPhoneNumber.reader(sub.getSid(), office.getSid()).read(main).iterator().hasNext());
    }

    @Test
    void theMainAccount_transfersNumbersWithinItsFamily_keepingTheirSidAndSettings() {
        Account a = subaccount();
        Account b = subaccount();
        IncomingPhoneNumber n = buy(a.getSid(), offeredIn(a.getSid(), 415));
        IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setVoiceUrl("https://example.com/a").setFriendlyName("shared line").update(main);

        IncomingPhoneNumber moved = IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(b.getSid()).update(main);

        assertEquals(n.getSid(), moved.getSid());
        assertEquals(b.getSid(), moved.getAccountSid());
        assertEquals(URI.create("https://example.com/a"), moved.getVoiceUrl());
        assertEquals("shared line", moved.getFriendlyName());
        assertEquals(List.of(), numbersOf(a.getSid(), main));
        assertEquals(List.of(n.getSid()), numbersOf(b.getSid(), main).stream().map(IncomingPhoneNumber::getSid).toList());
        assertTwilioError(404, 20404, "was not found", () -> IncomingPhoneNumber.fetcher(a.getSid(), n.getSid()).fetch(main));

        // to the main account, and back to a subaccount
        IncomingPhoneNumber toMain = IncomingPhoneNumber.updater(b.getSid(), n.getSid()).setAccountSid(TestServer.MAIN_SID).update(main);
        assertEquals(TestServer.MAIN_SID, toMain.getAccountSid());
        assertEquals(a.getSid(), IncomingPhoneNumber.updater(TestServer.MAIN_SID, n.getSid()).setAccountSid(a.getSid()).update(main).getAccountSid());

        Event transfer = events(n.getSid()).stream().filter(e -> e.getEventType().equals("phone-number.transferred")).findFirst().orElseThrow();
        assertEquals(TestServer.MAIN_SID, transfer.getActorSid());
        assertEquals(3, events(n.getSid()).stream().filter(e -> e.getEventType().equals("phone-number.transferred")).count());
        Map<?, ?> data = (Map<?, ?>) transfer.getEventData();
        assertTrue(data.containsKey("previous_account_sid"), data.toString());
    }

    @Test
    void transfers_followTheRules_ofCallerTargetAndAddress() {
        Account a = subaccount();
        Account b = subaccount();
        IncomingPhoneNumber n = buy(a.getSid(), offeredIn(a.getSid(), 212));

        assertTwilioError(400, 21474, "main account's credentials",
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(b.getSid()).update(as(a)));
        NewKey key = NewKey.creator().create(main);
        IncomingPhoneNumber mains = buy(TestServer.MAIN_SID, offeredIn(TestServer.MAIN_SID, 212));
        assertTwilioError(400, 21474, "main account's credentials", () -> IncomingPhoneNumber.updater(TestServer.MAIN_SID, mains.getSid())
                .setAccountSid(b.getSid()).update(server.client(key.getSid(), key.getSecret())));

        var stranger = server.app().accounts().createMain(Optional.of("other family"), Optional.empty(), Optional.empty(), 10);
        assertTwilioError(400, 21473, stranger.sid(),
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(stranger.sid()).update(main));
        assertTwilioError(400, 21473, "AC" + "0".repeat(32),
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid("AC" + "0".repeat(32)).update(main));

        assertTwilioError(400, 20001, "Invalid AccountSid",
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid("ACnope").update(main));

        Account.updater(b.getSid()).setStatus(Account.Status.SUSPENDED).update(main);
        assertTwilioError(400, 21472, "Account is not active",
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(b.getSid()).update(main));
        Account.updater(b.getSid()).setStatus(Account.Status.CLOSED).update(main);
        assertTwilioError(400, 21472, "Account is not active",
                () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(b.getSid()).update(main));
        assertEquals(a.getSid(), IncomingPhoneNumber.fetcher(a.getSid(), n.getSid()).fetch(main).getAccountSid(), "no failed transfer moved it");

        // address requirements: the new owner needs a matching address first, and the number takes it
        Address aOffice = address(a.getSid(), "DE");
        String berlin = Local.reader(a.getSid(), "DE").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        IncomingPhoneNumber de = IncomingPhoneNumber.creator(a.getSid(), new PhoneNumber(berlin)).setAddressSid(aOffice.getSid()).create(main);
        Account c = subaccount();
        address(c.getSid(), "FR");
        assertTwilioError(400, 21613, "needs an Address in DE",
                () -> IncomingPhoneNumber.updater(a.getSid(), de.getSid()).setAccountSid(c.getSid()).update(main));
        Address cOffice = address(c.getSid(), "DE");
        IncomingPhoneNumber moved = IncomingPhoneNumber.updater(a.getSid(), de.getSid()).setAccountSid(c.getSid()).update(main);
        assertEquals(cOffice.getSid(), moved.getAddressSid(), "the number uses its new owner's matching address");
        assertTrue(Address.deleter(a.getSid(), aOffice.getSid()).delete(main), "the old owner's address is free again");
    }

    @Test
    void suspendedAccountsKeepTheirNumbersButCannotBuy_andClosingReleasesThemAtOnce() {
        Account sub = subaccount();
        IncomingPhoneNumber kept = buy(sub.getSid(), offeredIn(sub.getSid(), 206));
        String wanted = offeredIn(sub.getSid(), 206);

        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(main);
        assertTwilioError(400, 10001, "Account is not active", () -> buy(sub.getSid(), wanted));
        assertEquals(List.of(kept.getSid()), numbersOf(sub.getSid(), main).stream().map(IncomingPhoneNumber::getSid).toList(),
                "a suspended account keeps its numbers");
        assertEquals("suspended line", IncomingPhoneNumber.updater(sub.getSid(), kept.getSid()).setFriendlyName("suspended line")
                .update(main).getFriendlyName(), "and may still configure them");

        Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(main);
        IncomingPhoneNumber second = buy(sub.getSid(), wanted);
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);

        assertEquals(List.of(), numbersOf(sub.getSid(), main), "closing releases every number");
        Set<String> offeredNow = new HashSet<>(offered(sub.getSid(), 206));
        assertTrue(offeredNow.contains(kept.getPhoneNumber().toString()) && offeredNow.contains(wanted));
        assertTwilioError(400, 21479, "Unable to buy a phone number for subaccount, subaccount has been closed.",
                () -> buy(sub.getSid(), wanted));
        for (IncomingPhoneNumber n : List.of(kept, second)) {
            Event released = events(n.getSid()).stream().filter(e -> e.getEventType().equals("phone-number.deleted")).findFirst().orElseThrow();
            assertEquals("account-closed", ((Map<?, ?>) released.getEventData()).get("reason"));
        }
    }

    @Test
    void whenTheMainAccountIsSuspended_noAccountOfTheFamilyBuys() {
        var family = server.app().accounts().createMain(Optional.of("numbers family"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient fm = server.client(family.sid(), family.authToken().value());
        Account sub = Account.creator().create(fm);
        String e164 = offeredIn(sub.getSid(), 512, fm);
        server.app().accounts().setMainStatus(family.sid(), AccountStatus.SUSPENDED);
        try {
            ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                    () -> IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(e164)).create(fm));
            assertEquals(401, e.getStatusCode(), "a suspended main account's own credentials stop working");
        } finally {
            server.app().accounts().setMainStatus(family.sid(), AccountStatus.ACTIVE);
        }
        assertEquals(e164, IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(e164)).create(fm).getPhoneNumber().toString());
    }

    @Test
    void credentials_reachOnlyTheirOwnAccountsNumbers() {
        Account a = subaccount();
        Account b = subaccount();
        IncomingPhoneNumber own = IncomingPhoneNumber.creator(a.getSid(), new PhoneNumber(offeredIn(a.getSid(), 312))).create(as(a));
        assertEquals(a.getSid(), own.getAccountSid(), "a subaccount buys numbers with its own credentials");
        assertTwilioError(401, 20003, "Authenticate", () -> numbersOf(b.getSid(), as(a)));
        assertTwilioError(401, 20003, "Authenticate", () -> IncomingPhoneNumber.fetcher(a.getSid(), own.getSid()).fetch(as(b)));

        NewKey key = NewKey.creator(a.getSid()).create(as(a));
        TwilioRestClient withKey = server.client(key.getSid(), key.getSecret());
        assertEquals(List.of(own.getSid()), numbersOf(a.getSid(), withKey).stream().map(IncomingPhoneNumber::getSid).toList(),
                "an API key reads its own account's numbers");
    }

    /** Every contender tries to buy the same number at once: exactly one owns it, the rest get 21422. */
    @Test
    void concurrentPurchasesOfOneNumber_leaveExactlyOneOwner() throws Exception {
        int contenders = 12;
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < contenders; i++) buyers.add(subaccount());
        for (int round = 0; round < 3; round++) {
            String e164 = offeredIn(buyers.get(0).getSid(), 415);
            List<Callable<String>> attempts = new ArrayList<>();
            for (Account buyer : buyers) {
                attempts.add(() -> {
                    try {
                        return buy(buyer.getSid(), e164).getAccountSid();
                    } catch (ApiException e) {
                        assertEquals(21422, e.getCode(), e.getMessage());
                        return null;
                    }
                });
            }
            List<String> owners = allAtOnce(attempts).stream().filter(java.util.Objects::nonNull).toList();
            assertEquals(1, owners.size(), "exactly one purchase of " + e164 + " succeeded: " + owners);
            long holders = buyers.stream().filter(b -> numbersOf(b.getSid(), main).stream()
                    .anyMatch(n -> n.getPhoneNumber().toString().equals(e164))).count();
            assertEquals(1, holders, "and exactly one account holds it");
        }

        // area-code purchases racing for the same area each get a different number
        List<Callable<String>> byArea = new ArrayList<>();
        for (Account buyer : buyers) byArea.add(() -> IncomingPhoneNumber.creator(buyer.getSid(), "206").create(main).getPhoneNumber().toString());
        assertEquals(contenders, Set.copyOf(allAtOnce(byArea)).size());
    }

    @Test
    void aTransfer_mayNameTheNewOwnersAddresses_asTwiliosTransferProcedureDoes() {
        Account a = subaccount();
        Account b = subaccount();
        Address aOffice = address(a.getSid(), "DE");
        String berlin = Local.reader(a.getSid(), "DE").limit(1).read(main).iterator().next().getPhoneNumber().toString();
        IncomingPhoneNumber n = IncomingPhoneNumber.creator(a.getSid(), new PhoneNumber(berlin)).setAddressSid(aOffice.getSid())
                .setEmergencyAddressSid(aOffice.getSid()).create(main);
        address(b.getSid(), "DE"); // the oldest matching one, which a transfer without AddressSid would take
        Address bHome = address(b.getSid(), "DE");
        Address bElsewhere = address(b.getSid(), "FR");

        assertTwilioError(400, 21613, "is not an Address of account " + b.getSid(), () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid())
                .setAccountSid(b.getSid()).setAddressSid(aOffice.getSid()).update(main));
        assertTwilioError(400, 21613, "needs an Address in DE", () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid())
                .setAccountSid(b.getSid()).setAddressSid(bElsewhere.getSid()).update(main));
        assertTwilioError(400, 20001, "Invalid AddressSid", () -> IncomingPhoneNumber.updater(a.getSid(), n.getSid())
                .setAccountSid(b.getSid()).setAddressSid("ADnope").update(main));
        assertEquals(a.getSid(), IncomingPhoneNumber.fetcher(a.getSid(), n.getSid()).fetch(main).getAccountSid(), "no failed transfer moved it");

        IncomingPhoneNumber moved = IncomingPhoneNumber.updater(a.getSid(), n.getSid()).setAccountSid(b.getSid())
                .setAddressSid(bHome.getSid()).setEmergencyAddressSid(bHome.getSid()).update(main);
        assertEquals(b.getSid(), moved.getAccountSid());
        assertEquals(bHome.getSid(), moved.getAddressSid());
        assertEquals(bHome.getSid(), moved.getEmergencyAddressSid());
        assertTrue(Address.deleter(a.getSid(), aOffice.getSid()).delete(main), "the old owner's address is free again");

        // a number that needs no address takes none on a transfer unless the transfer names one
        Address aHome = address(a.getSid(), "US");
        IncomingPhoneNumber us = IncomingPhoneNumber.creator(a.getSid(), new PhoneNumber(offeredIn(a.getSid(), 415)))
                .setAddressSid(aHome.getSid()).create(main);
        assertEquals(aHome.getSid(), us.getAddressSid());
        assertNull(IncomingPhoneNumber.updater(a.getSid(), us.getSid()).setAccountSid(b.getSid()).update(main).getAddressSid());
    }

    @Test
    void settingATrunk_clearsTheVoiceApplication_andViceVersa() {
        Account sub = subaccount();
        IncomingPhoneNumber n = buy(sub.getSid(), offeredIn(sub.getSid(), 312));
        String ap = com.twilio.rest.api.v2010.account.Application.creator(sub.getSid()).setFriendlyName("app").create(main).getSid();
        String tk = "TK" + "2".repeat(32);
        IncomingPhoneNumber withApp = IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setVoiceApplicationSid(ap).update(main);
        assertEquals(ap, withApp.getVoiceApplicationSid());
        IncomingPhoneNumber withTrunk = IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setTrunkSid(tk).update(main);
        assertEquals(tk, withTrunk.getTrunkSid());
        assertNull(withTrunk.getVoiceApplicationSid(), "setting a TrunkSid deletes the VoiceApplicationSid");
        IncomingPhoneNumber back = IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setVoiceApplicationSid(ap).update(main);
        assertNull(back.getTrunkSid(), "and the reverse");
        assertTwilioError(400, 20001, "not both", () -> IncomingPhoneNumber.updater(sub.getSid(), n.getSid())
                .setVoiceApplicationSid(ap).setTrunkSid(tk).update(main));
    }

    @Test
    void anEmptyAccountSid_isNoTransfer_andAMalformedAddressSidIsA400() {
        Account sub = subaccount();
        IncomingPhoneNumber n = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(offeredIn(sub.getSid(), 512))).create(as(sub));
        IncomingPhoneNumber renamed = IncomingPhoneNumber.updater(sub.getSid(), n.getSid()).setAccountSid("").setFriendlyName("own line")
                .update(as(sub));
        assertEquals("own line", renamed.getFriendlyName(), "an empty AccountSid changes nothing, like any empty value");
        assertEquals(sub.getSid(), renamed.getAccountSid());
        assertTwilioError(400, 20001, "Invalid AddressSid 'garbage'", () -> IncomingPhoneNumber.creator(sub.getSid(),
                new PhoneNumber(offeredIn(sub.getSid(), 512))).setAddressSid("garbage").create(main));
    }
}
