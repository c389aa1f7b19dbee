package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Address;
import com.twilio.rest.api.v2010.account.AvailablePhoneNumberCountry;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import dev.accountd.config.Config;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's own blocks (ACCOUNTD_INVENTORY_FILE): searched and bought like accountd's, with the place fields
 * libphonenumber cannot give (postal code, rate centre, LATA, coordinates); a bad file stops start-up with one line.
 */
class OperatorInventoryIT {
    static final String ME = TestServer.MAIN_SID;
    static final String FILE = """
            {"blocks": [
              {"country": "US", "type": "Local", "prefix": "+1555555", "digits": 4, "first": "0100", "last": "0159",
               "locality": "Springfield", "region": "IL"},
              {"country": "US", "type": "Local", "prefix": "+1998555", "digits": 4, "first": "0000", "last": "0999",
               "locality": "Springfield", "region": "IL", "postal_code": "62701", "rate_center": "SPRINGFIELD", "lata": "976",
               "latitude": 39.781721, "longitude": -89.650148, "capabilities": {"voice": true, "sms": true, "mms": false, "fax": true}},
              {"country": "FR", "type": "Local", "prefix": "+3319900", "digits": 4, "locality": "Paris", "region": "Île-de-France",
               "address_requirements": "local"}
            ]}
            """;
    static TestStore store;
    static TestServer server;
    static TwilioRestClient main;

    @BeforeAll
    static void start() throws Exception {
        store = TestStore.fresh();
        Path file = store.dataDir().resolve("inventory.json");
        Files.writeString(file, FILE);
        server = TestServer.startOn(store, Map.of("ACCOUNTD_INVENTORY_FILE", file.toString()));
        main = server.mainClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (store != null) store.close();
    }

    static List<Local> all(com.twilio.rest.api.v2010.account.availablephonenumbercountry.LocalReader reader) {
        List<Local> found = new ArrayList<>();
        reader.read(main).forEach(found::add);
        return found;
    }

    @Test
    void operatorBlocks_carryTheirPlace_andAnswerThePostalCodeLataAndRateCenterFilters() {
        List<Local> byPostalCode = all(Local.reader(ME, "US").setInPostalCode("62701").setPageSize(1000L));
        assertEquals(1000, byPostalCode.size());
        Local n = byPostalCode.get(0);
        assertTrue(n.getPhoneNumber().toString().matches("\\+19985550\\d{3}"), n.getPhoneNumber().toString());
        assertEquals("(998) 555-" + n.getPhoneNumber().toString().substring(8), n.getFriendlyName().toString());
        assertEquals("Springfield", n.getLocality());
        assertEquals("IL", n.getRegion());
        assertEquals("SPRINGFIELD", n.getRateCenter());
        assertEquals("976", n.getLata());
        assertEquals(new BigDecimal("39.781721"), n.getLatitude());
        assertEquals(new BigDecimal("-89.650148"), n.getLongitude());
        assertEquals(Boolean.FALSE, n.getCapabilities().getMms());
        assertEquals(Boolean.TRUE, n.getCapabilities().getFax());
        assertEquals(5, all(Local.reader(ME, "US").setInLata("976").setInRateCenter("springfield").setPageSize(5L)).size());
        assertEquals(0, all(Local.reader(ME, "US").setInLata("976").setInRateCenter("CHICAGO")).size());
        assertEquals(0, all(Local.reader(ME, "US").setInPostalCode("94103")).size(), "accountd's own blocks have no postal codes");
        List<Local> springfield = all(Local.reader(ME, "US").setInLocality("Springfield").setInRegion("IL").setPageSize(100L));
        assertEquals(Set.of("+1217", "+1447", "+1555", "+1998"), new HashSet<>(springfield.stream()
                .map(x -> x.getPhoneNumber().toString().substring(0, 5)).toList()), "the operator's blocks and accountd's, in turn");
    }

    @Test
    void anOperatorBlock_mayAddACountry_withItsAddressRule() {
        AvailablePhoneNumberCountry fr = AvailablePhoneNumberCountry.fetcher(ME, "FR").fetch(main);
        assertEquals("France", fr.getCountry());
        List<Local> paris = all(Local.reader(ME, "FR").setPageSize(3L));
        assertEquals(3, paris.size());
        assertTrue(paris.stream().allMatch(x -> x.getPhoneNumber().toString().startsWith("+3319900") && "local".equals(x.getAddressRequirements())));
        Account sub = Account.creator().create(main);
        String e164 = paris.get(0).getPhoneNumber().toString();
        assertTwilioError(400, 21631, "needs an Address in FR", () -> IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(e164)).create(main));
        Address office = Address.creator(sub.getSid(), "Marie Curie", "1 rue Cuvier", "Paris", "IDF", "75005", "FR").create(main);
        IncomingPhoneNumber bought = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(e164)).setAddressSid(office.getSid()).create(main);
        assertEquals(e164, bought.getFriendlyName(), "E.164 outside North America");
    }

    /**
     * More area-code purchases at once than one batch of candidates: a buyer that loses its candidates to the others
     * looks again, so 21452 comes only when the area code has no free number left. Area code 555 is one operator
     * block of 60 numbers, and only this test buys there.
     */
    @Test
    void concurrentAreaCodePurchases_allSucceed_until_theAreaCodeIsReallyExhausted() throws Exception {
        Account buyer = Account.creator().create(main);
        int racing = 30;
        List<Callable<String>> byArea = new ArrayList<>();
        for (int i = 0; i < racing; i++) byArea.add(() -> IncomingPhoneNumber.creator(buyer.getSid(), "555").create(main).getPhoneNumber().toString());
        Set<String> bought = new HashSet<>(IncomingPhoneNumbersIT.allAtOnce(byArea));
        assertEquals(racing, bought.size(), "every one of the racing purchases got its own number");
        assertTrue(bought.stream().allMatch(n -> n.matches("\\+15555550(1[0-5]\\d)")), bought.toString());
        while (true) {
            try {
                bought.add(IncomingPhoneNumber.creator(buyer.getSid(), "555").create(main).getPhoneNumber().toString());
            } catch (ApiException e) {
                assertEquals(21452, e.getCode(), e.getMessage());
                break;
            }
        }
        assertEquals(60, bought.size(), "21452 only once all 60 numbers of the block are owned");
        assertFalse(Local.reader(buyer.getSid(), "US").setAreaCode(555).read(main).iterator().hasNext());
        assertTwilioError(400, 21422, "+15555550100 is not available",
                () -> IncomingPhoneNumber.creator(buyer.getSid(), new PhoneNumber("+15555550100")).create(main));
        assertTwilioError(400, 21421, "is not a valid phone number",
                () -> IncomingPhoneNumber.creator(buyer.getSid(), new PhoneNumber("+15555550160")).create(main));
    }

    @Test
    void aBadInventoryFile_stopsStartUp_withOneLineNamingTheProblem() throws Exception {
        Map<String, String> refusals = Map.of(
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1415555\", \"digits\": 4}]}",
                "block 1 (+1415555) overlaps accountd's own block for area code 415 (US Local)",
                "{\"blocks\": [{\"country\": \"GB\", \"type\": \"Local\", \"prefix\": \"+4420794605\", \"digits\": 2}]}",
                "block 1 (+4420794605) overlaps accountd's GB Local block +442079460",
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1555\", \"digits\": 7},"
                        + " {\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1555123\", \"digits\": 4}]}",
                "block 2 (+1555123) overlaps block 1 (+1555)",
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1555\", \"digits\": 7, \"colour\": \"red\"}]}",
                "block 1: unknown field 'colour'",
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Cellular\", \"prefix\": \"+1555\", \"digits\": 7}]}",
                "block 1 (+1555): type must be one of Local, Mobile, TollFree",
                "{\"blocks\": [{\"country\": \"DE\", \"type\": \"Local\", \"prefix\": \"+1555\", \"digits\": 7}]}",
                "block 1 (+1555): prefix must be an E.164 prefix starting with +49 (DE)",
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1555\", \"digits\": 6}]}",
                "block 1 (+1555): a North American prefix is +1",
                "{\"blocks\": [{\"country\": \"US\", \"type\": \"Local\", \"prefix\": \"+1555555\", \"digits\": 4, \"first\": \"100\"}]}",
                "block 1 (+1555555): first must be 4 digits",
                "{\"blocks\": [ not json",
                "not a JSON object");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            try (TestStore other = TestStore.fresh()) {
                Path file = other.dataDir().resolve("inventory.json");
                Files.writeString(file, r.getKey());
                Config.InvalidConfig e = assertThrows(Config.InvalidConfig.class,
                        () -> TestServer.startOn(other, Map.of("ACCOUNTD_INVENTORY_FILE", file.toString())));
                assertTrue(e.getMessage().startsWith("invalid ACCOUNTD_INVENTORY_FILE " + file + ": "), e.getMessage());
                assertTrue(e.getMessage().contains(r.getValue()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
        }
        try (TestStore other = TestStore.fresh()) {
            Path missing = other.dataDir().resolve("missing.json");
            Config.InvalidConfig e = assertThrows(Config.InvalidConfig.class,
                    () -> TestServer.startOn(other, Map.of("ACCOUNTD_INVENTORY_FILE", missing.toString())));
            assertTrue(e.getMessage().contains("cannot read it"), e.getMessage());
        }
    }
}
