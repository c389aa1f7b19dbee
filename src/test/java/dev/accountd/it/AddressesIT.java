package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.api.v2010.account.NewKey;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Address resource: an account's postal addresses, which numbers with address requirements will need. */
class AddressesIT {
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

    static Address london(String accountSid, TwilioRestClient client) {
        return Address.creator(accountSid, "Ada Lovelace", "12 Bloomsbury Square", "London", "Greater London", "WC1A 2LP", "gb")
                .setFriendlyName("office").create(client);
    }

    @Test
    void createFetchUpdateAndDelete_throughTheSdk() {
        Account sub = subaccount();
        Address created = london(sub.getSid(), main);
        assertTrue(created.getSid().matches("^AD[0-9a-f]{32}$"));
        assertEquals(sub.getSid(), created.getAccountSid());
        assertEquals("GB", created.getIsoCountry(), "the country code is kept upper-case");
        assertEquals("office", created.getFriendlyName());
        assertEquals(Boolean.FALSE, created.getEmergencyEnabled());
        assertEquals(Boolean.FALSE, created.getValidated());
        assertEquals(Boolean.FALSE, created.getVerified());
        assertNull(created.getStreetSecondary());
        assertEquals("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses/" + created.getSid() + ".json", created.getUri());

        Address updated = Address.updater(sub.getSid(), created.getSid()).setStreet("1 Russell Square").setEmergencyEnabled(true)
                .setStreetSecondary("Floor 2").update(main);
        assertEquals("1 Russell Square", updated.getStreet());
        assertEquals("Floor 2", updated.getStreetSecondary());
        assertEquals(Boolean.TRUE, updated.getEmergencyEnabled());
        assertEquals("Ada Lovelace", updated.getCustomerName(), "fields not sent stay as they were");
        assertEquals("London", Address.fetcher(sub.getSid(), created.getSid()).fetch(main).getCity());

        assertTrue(Address.deleter(sub.getSid(), created.getSid()).delete(main));
        assertTwilioError(404, 20404, "/Addresses/" + created.getSid() + ".json was not found",
                () -> Address.fetcher(sub.getSid(), created.getSid()).fetch(main));
    }

    @Test
    void create_answers201_withExactlyTheSpecFields() {
        Account sub = subaccount();
        RawHttp.Reply r = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses.json",
                basic(sub.getSid(), sub.getAuthToken()),
                "CustomerName=Grace&Street=1%20Main%20St&City=Arlington&Region=VA&PostalCode=22201&IsoCountry=US");
        assertEquals(201, r.status());
        Set<String> fields = new TreeSet<>();
        r.json().fieldNames().forEachRemaining(fields::add);
        // The spec's api.v2010.account.address schema lists exactly these properties.
        assertEquals(new TreeSet<>(List.of("account_sid", "city", "customer_name", "date_created", "date_updated",
                "friendly_name", "iso_country", "postal_code", "region", "sid", "street", "uri", "emergency_enabled",
                "validated", "verified", "street_secondary")), fields);
    }

    @Test
    void missingRequiredField_isA400NamingIt() {
        Account sub = subaccount();
        RawHttp.Reply r = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses.json",
                basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "CustomerName=Grace&Street=1%20Main&City=X&Region=Y&IsoCountry=US");
        assertEquals(400, r.status());
        assertEquals(20001, r.json().get("code").asInt());
        assertEquals("Missing required parameter PostalCode in the post body", r.json().get("message").asText());
        assertTwilioError(400, 20001, "Invalid IsoCountry 'XX'",
                () -> Address.creator(sub.getSid(), "n", "s", "c", "r", "p", "XX").create(main));
        RawHttp.Reply empty = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses.json",
                basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "");
        assertEquals("Missing required parameter CustomerName in the post body", empty.json().get("message").asText(),
                "the first missing field in the spec's order");
        assertFalse(Address.reader(sub.getSid()).read(main).iterator().hasNext(), "nothing was half-created");
    }

    @Test
    void addressLines_areAtMost255Characters_andAutoCorrectAddressIsABoolean() {
        Account sub = subaccount();
        assertTwilioError(400, 20001, "CustomerName is too long: at most 255",
                () -> Address.creator(sub.getSid(), "n".repeat(256), "s", "c", "r", "p", "US").create(main));
        Address a = Address.creator(sub.getSid(), "n".repeat(255), "s", "c", "r", "p", "US").create(main);
        assertEquals("🏠".repeat(255), Address.updater(sub.getSid(), a.getSid()).setCustomerName("🏠".repeat(255)).update(main).getCustomerName(),
                "characters, not UTF-16 units, are counted");
        assertTwilioError(400, 20001, "Street is too long", () -> Address.updater(sub.getSid(), a.getSid()).setStreet("s".repeat(70_000)).update(main));
        assertEquals("s", Address.fetcher(sub.getSid(), a.getSid()).fetch(main).getStreet());
        RawHttp.Reply maybe = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses/" + a.getSid() + ".json",
                basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "AutoCorrectAddress=maybe");
        assertEquals(400, maybe.status());
        assertEquals("Invalid AutoCorrectAddress 'maybe': expected true or false", maybe.json().get("message").asText());
    }

    @Test
    void isoCountry_cannotChange() {
        Account sub = subaccount();
        Address a = london(sub.getSid(), main);
        RawHttp.Reply r = server.raw().post("/2010-04-01/Accounts/" + sub.getSid() + "/Addresses/" + a.getSid() + ".json",
                basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "IsoCountry=DE");
        assertEquals(400, r.status());
        assertTrue(r.json().get("message").asText().contains("IsoCountry cannot be updated"));
        assertEquals("GB", Address.fetcher(sub.getSid(), a.getSid()).fetch(main).getIsoCountry());
    }

    @Test
    void list_filtersAndPages() {
        Account sub = subaccount();
        TwilioRestClient asSub = server.client(sub.getSid(), sub.getAuthToken());
        for (int i = 0; i < 3; i++) london(sub.getSid(), asSub);
        Address us = Address.creator(sub.getSid(), "Grace Hopper", "1 Main St", "Arlington", "VA", "22201", "US")
                .setEmergencyEnabled(true).create(asSub);

        List<String> all = new ArrayList<>();
        Address.reader(sub.getSid()).setPageSize(2L).read(asSub).forEach(a -> all.add(a.getSid()));
        assertEquals(4, all.size());
        List<String> inUs = new ArrayList<>();
        Address.reader(sub.getSid()).setIsoCountry("US").read(asSub).forEach(a -> inUs.add(a.getSid()));
        assertEquals(List.of(us.getSid()), inUs);
        List<String> emergency = new ArrayList<>();
        Address.reader(sub.getSid()).setEmergencyEnabled(true).read(asSub).forEach(a -> emergency.add(a.getSid()));
        assertEquals(List.of(us.getSid()), emergency);
        List<String> byCustomer = new ArrayList<>();
        Address.reader(sub.getSid()).setCustomerName("Ada Lovelace").read(asSub).forEach(a -> byCustomer.add(a.getSid()));
        assertEquals(3, byCustomer.size());
    }

    @Test
    void addressesBelongToTheirAccount() {
        Account sub = subaccount();
        Account sibling = subaccount();
        Address a = london(sub.getSid(), main);
        TwilioRestClient asSibling = server.client(sibling.getSid(), sibling.getAuthToken());
        assertTwilioError(401, 20003, "Authenticate", () -> Address.fetcher(sub.getSid(), a.getSid()).fetch(asSibling));
        assertTwilioError(404, 20404, "was not found", () -> Address.fetcher(sibling.getSid(), a.getSid()).fetch(main));

        NewKey key = NewKey.creator(sub.getSid()).create(main);
        TwilioRestClient asKey = server.client(key.getSid(), key.getSecret());
        assertEquals(a.getSid(), Address.fetcher(sub.getSid(), a.getSid()).fetch(asKey).getSid(), "a standard key may read its account's addresses");
    }

    @Test
    void closedAccount_keepsItsAddressesReadOnly() {
        Account sub = subaccount();
        Address a = london(sub.getSid(), main);
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);
        assertEquals(a.getSid(), Address.fetcher(sub.getSid(), a.getSid()).fetch(main).getSid());
        assertTwilioError(400, 21479, "Unable to create Address for subaccount, subaccount has been closed.", () -> london(sub.getSid(), main));
        assertTwilioError(400, 21479, "Unable to update Address for subaccount, subaccount has been closed.",
                () -> Address.updater(sub.getSid(), a.getSid()).setCity("Paris").update(main));
        assertTwilioError(400, 21479, "Unable to delete Address for subaccount, subaccount has been closed.",
                () -> Address.deleter(sub.getSid(), a.getSid()).delete(main));
        assertEquals("London", Address.fetcher(sub.getSid(), a.getSid()).fetch(main).getCity(), "nothing changed");
    }

    @Test
    void everyChange_isAnAuditEvent() {
        Account sub = subaccount();
        Address a = london(sub.getSid(), main);
        Address.updater(sub.getSid(), a.getSid()).setCity("Cambridge").update(main);
        Address.deleter(sub.getSid(), a.getSid()).delete(main);
        JsonNode events = server.raw().get("/v1/Events?ResourceSid=" + a.getSid(), basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN))
                .json().get("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("event_type").asText()));
        assertEquals(List.of("address.deleted", "address.updated", "address.created"), types);
        JsonNode city = events.get(1).get("event_data").get("city");
        assertEquals("London", city.get("previous").asText());
        assertEquals("Cambridge", city.get("updated").asText());
        assertFalse(events.get(0).get("links").get("resource").asText().isEmpty());
    }
}
