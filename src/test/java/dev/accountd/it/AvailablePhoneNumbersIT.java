package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.AvailablePhoneNumberCountry;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.MachineToMachine;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.National;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.SharedCost;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Voip;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AvailablePhoneNumbers: the simulated, deterministic inventory, searched through the twilio-java SDK. */
class AvailablePhoneNumbersIT {
    static TestServer server;
    static TwilioRestClient main;
    static final String ME = TestServer.MAIN_SID;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static <T> List<T> all(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    @Test
    void countries_listTheOfferedCountriesWithTheirTypes() {
        List<AvailablePhoneNumberCountry> countries = all(AvailablePhoneNumberCountry.reader(ME).read(main));
        Set<String> codes = new HashSet<>();
        countries.forEach(c -> codes.add(c.getCountryCode()));
        assertEquals(Set.of("US", "CA", "GB", "DE", "AU", "NL"), codes);
        AvailablePhoneNumberCountry gb = AvailablePhoneNumberCountry.fetcher(ME, "GB").fetch(main);
        assertEquals("United Kingdom", gb.getCountry());
        assertEquals(Set.of("local", "mobile", "national", "voip"), gb.getSubresourceUris().keySet());

        // The countries list has no paging fields, as in the spec.
        JsonNode raw = server.raw().get("/2010-04-01/Accounts/" + ME + "/AvailablePhoneNumbers.json",
                RawHttp.basic(ME, TestServer.MAIN_TOKEN)).json();
        assertFalse(raw.has("next_page_uri"));
        assertTrue(raw.has("uri"));
    }

    @Test
    void localSearch_byAreaCode_givesRealisticNumbersInThatPlace() {
        List<Local> found = all(Local.reader(ME, "US").setAreaCode(415).setPageSize(20L).read(main));
        assertEquals(20, found.size());
        for (Local n : found) {
            assertTrue(n.getPhoneNumber().toString().matches("^\\+1415[2-9]\\d{6}$"), n.getPhoneNumber().toString());
            assertTrue(n.getFriendlyName().toString().matches("^\\(415\\) \\d{3}-\\d{4}$"), n.getFriendlyName().toString());
            assertEquals("San Francisco", n.getLocality());
            assertEquals("CA", n.getRegion());
            assertEquals("US", n.getIsoCountry());
            assertNull(n.getPostalCode(), "libphonenumber knows no postal codes, rate centres, LATAs or coordinates");
            assertNull(n.getRateCenter());
            assertNull(n.getLatitude());
            assertEquals("none", n.getAddressRequirements());
            assertTrue(n.getCapabilities().getVoice() && n.getCapabilities().getSms());
        }
        assertEquals(found.get(0).getPhoneNumber(), all(Local.reader(ME, "US").setAreaCode(415).read(main)).get(0).getPhoneNumber(),
                "the inventory is the same on every search");
    }

    /** The area codes users test with: every geographic North American area code has numbers, with its place. */
    @Test
    void everyNorthAmericanAreaCode_offersNumbers_withItsStateOrProvinceAndMainLocality() {
        record Place(int areaCode, String country, String locality, String region) {}
        for (Place p : List.of(new Place(646, "US", "New York", "NY"), new Place(305, "US", "Miami", "FL"),
                new Place(510, "US", "Oakland", "CA"), new Place(617, "US", "Boston", "MA"), new Place(303, "US", "Denver", "CO"),
                new Place(514, "CA", "Montreal", "QC"), new Place(917, "US", "New York", "NY"), new Place(437, "CA", "Toronto", "ON"))) {
            List<Local> found = all(Local.reader(ME, p.country()).setAreaCode(p.areaCode()).read(main));
            assertEquals(50, found.size(), "area code " + p.areaCode());
            assertEquals(50, found.stream().map(n -> n.getPhoneNumber().toString()).distinct().count());
            for (Local n : found) {
                String e164 = n.getPhoneNumber().toString();
                assertTrue(e164.matches("^\\+1" + p.areaCode() + "[2-9]\\d{6}$"), e164);
                assertEquals("(" + p.areaCode() + ") " + e164.substring(5, 8) + "-" + e164.substring(8), n.getFriendlyName().toString());
                assertEquals(p.locality(), n.getLocality(), e164);
                assertEquals(p.region(), n.getRegion(), e164);
                assertEquals(p.country(), n.getIsoCountry());
            }
        }
        assertEquals(0, all(Local.reader(ME, "US").setAreaCode(514).read(main)).size(), "514 is Canadian");
        assertEquals(0, all(Local.reader(ME, "US").setAreaCode(999).read(main)).size(), "a well-formed area code with no numbers");
    }

    /** A search over many blocks takes from each in turn, the same way every time. */
    @Test
    void aSearchWithoutAreaCode_isSpreadOverTheAreaCodes_andTheSameEveryTime() {
        List<String> first = all(Local.reader(ME, "US").setPageSize(100L).read(main)).stream().map(n -> n.getPhoneNumber().toString()).toList();
        assertEquals(100, first.size());
        assertTrue(first.stream().map(n -> n.substring(2, 5)).distinct().count() >= 90, "one number from each of 100 area codes: " + first);
        assertEquals(first, all(Local.reader(ME, "US").setPageSize(100L).read(main)).stream().map(n -> n.getPhoneNumber().toString()).toList());
        List<Local> california = all(Local.reader(ME, "US").setInRegion("CA").setPageSize(200L).read(main));
        assertEquals(200, california.size());
        assertTrue(california.stream().allMatch(n -> "CA".equals(n.getRegion())));
        assertTrue(california.stream().map(n -> n.getLocality()).distinct().count() > 10, "California's area codes take turns");
        List<Local> oakland = all(Local.reader(ME, "US").setInLocality("oakland").read(main));
        assertTrue(oakland.stream().allMatch(n -> n.getPhoneNumber().toString().startsWith("+1510") || n.getPhoneNumber().toString().startsWith("+1341")),
                "Oakland is 510 and its overlay 341");
    }

    /** Contains puts the pattern's digits into the numbers rather than hoping to meet them. */
    @Test
    void contains_findsMatchingNumbers_inLargeBlocks() {
        List<Local> ending = all(Local.reader(ME, "US").setAreaCode(415).setContains("%1234$").read(main));
        assertEquals(50, ending.size());
        assertTrue(ending.stream().allMatch(n -> n.getPhoneNumber().toString().matches("\\+1415[2-9]\\d{2}1234")), ending.toString());
        List<Local> storm = all(Local.reader(ME, "US").setContains("STORM").setPageSize(30L).read(main));
        assertEquals(30, storm.size());
        assertTrue(storm.stream().allMatch(n -> n.getPhoneNumber().toString().contains("78676")));
        assertTrue(storm.stream().map(n -> n.getPhoneNumber().toString().substring(2, 5)).distinct().count() > 20, "spread over area codes");
        List<Local> manyBlocks = all(Local.reader(ME, "US").setContains("%123$").setPageSize(200L).read(main));
        assertEquals(200, manyBlocks.size(), "a pattern with 10,000 combinations per area code, over every area code");
        assertTrue(manyBlocks.stream().allMatch(n -> n.getPhoneNumber().toString().endsWith("123")));
        List<Local> exact = all(Local.reader(ME, "US").setContains("+1" + "646" + "2345678").read(main));
        assertEquals(List.of("+16462345678"), exact.stream().map(n -> n.getPhoneNumber().toString()).toList());
        assertEquals(0, all(Local.reader(ME, "US").setContains("+1646911%").read(main)).size(), "no N11 exchange");
        List<TollFree> tollFree = all(TollFree.reader(ME, "CA").setContains("+1800%").setPageSize(5L).read(main));
        assertTrue(tollFree.stream().allMatch(n -> n.getPhoneNumber().toString().matches("\\+1800[6-9]\\d{6}")),
                "Canada's half of each toll-free prefix: exchanges 600 to 999");
    }

    /** GB, DE and AU: their main geographic areas, with the same address rules. */
    @Test
    void gbDeAndAu_offerTheirMainAreas() {
        Local birmingham = all(Local.reader(ME, "GB").setInLocality("Birmingham").setPageSize(1L).read(main)).get(0);
        assertTrue(birmingham.getPhoneNumber().toString().startsWith("+441214960"), "Ofcom's drama range 0121 496 0xxx");
        assertEquals("any", birmingham.getAddressRequirements());
        List<Local> gb = all(Local.reader(ME, "GB").setPageSize(200L).read(main));
        assertTrue(gb.stream().map(Local::getLocality).collect(java.util.stream.Collectors.toSet())
                .containsAll(Set.of("London", "Manchester", "Leeds", "Edinburgh", "Glasgow", "Cardiff", "Belfast")));
        Local hamburg = all(Local.reader(ME, "DE").setInLocality("Hamburg").setPageSize(1L).read(main)).get(0);
        assertTrue(hamburg.getPhoneNumber().toString().matches("\\+4940\\d{8}"), hamburg.getPhoneNumber().toString());
        assertEquals("local", hamburg.getAddressRequirements());
        assertEquals("Munich", all(Local.reader(ME, "DE").setContains("+4989%").setPageSize(1L).read(main)).get(0).getLocality());
        Local brisbane = all(Local.reader(ME, "AU").setInRegion("QLD").setPageSize(1L).read(main)).get(0);
        assertEquals("Brisbane", brisbane.getLocality());
        assertTrue(brisbane.getPhoneNumber().toString().startsWith("+617"));
        assertEquals(Set.of("+612", "+613", "+617", "+618"), all(Local.reader(ME, "AU").setPageSize(40L).read(main)).stream()
                .map(n -> n.getPhoneNumber().toString().substring(0, 4)).collect(java.util.stream.Collectors.toSet()));
        assertEquals("any", brisbane.getAddressRequirements());
    }

    @Test
    void filters_narrowTheSearch() {
        String first = all(Local.reader(ME, "US").setAreaCode(212).setPageSize(1L).read(main)).get(0).getPhoneNumber().toString();
        String lastFour = first.substring(first.length() - 4);
        List<Local> byContains = all(Local.reader(ME, "US").setContains("%" + lastFour + "$").read(main));
        assertTrue(byContains.stream().anyMatch(n -> n.getPhoneNumber().toString().equals(first)));
        assertTrue(byContains.stream().allMatch(n -> n.getPhoneNumber().toString().endsWith(lastFour)));

        List<Local> illinois = all(Local.reader(ME, "US").setInRegion("IL").read(main));
        assertEquals(50, illinois.size());
        assertTrue(illinois.stream().allMatch(n -> "IL".equals(n.getRegion())));
        assertTrue(illinois.stream().anyMatch(n -> "Chicago".equals(n.getLocality())));
        assertTrue(all(Local.reader(ME, "US").setInLocality("austin").read(main)).stream().allMatch(n -> "TX".equals(n.getRegion())));
        assertEquals(0, all(Local.reader(ME, "DE").setExcludeLocalAddressRequired(true).read(main)).size(),
                "German local numbers need a local address");
        assertTrue(all(Local.reader(ME, "DE").read(main)).stream().allMatch(n -> "local".equals(n.getAddressRequirements())));
        assertEquals(0, all(Local.reader(ME, "GB").setExcludeAllAddressRequired(true).read(main)).size());
        assertTrue(all(TollFree.reader(ME, "US").setFaxEnabled(true).setPageSize(5L).read(main)).stream()
                .allMatch(n -> n.getPhoneNumber().toString().matches("^\\+18(00|33|44|55|66|77|88)\\d{7}$")));
        assertEquals(0, all(Local.reader(ME, "DE").setMmsEnabled(true).read(main)).size());
    }

    @Test
    void gbMobile_usesOfcomsRangeForFiction() {
        List<Mobile> found = all(Mobile.reader(ME, "GB").setPageSize(5L).read(main));
        assertEquals(5, found.size());
        assertTrue(found.stream().allMatch(n -> n.getPhoneNumber().toString().startsWith("+447700900")));
        assertTrue(found.stream().allMatch(n -> "any".equals(n.getAddressRequirements())));
    }

    /** The four types the seeds do not name each have a block: every search list of the spec has numbers. */
    @Test
    void national_voip_sharedCost_andMachineToMachine_eachHaveNumbers() {
        National national = all(National.reader(ME, "GB").setPageSize(1L).read(main)).get(0);
        assertTrue(national.getPhoneNumber().toString().startsWith("+443069990"), "Ofcom's 0306 999 0xxx drama range");
        assertEquals("any", national.getAddressRequirements());
        Voip voip = all(Voip.reader(ME, "GB").setPageSize(1L).read(main)).get(0);
        assertTrue(voip.getPhoneNumber().toString().startsWith("+4456"));
        SharedCost shared = all(SharedCost.reader(ME, "DE").setPageSize(1L).read(main)).get(0);
        assertTrue(shared.getPhoneNumber().toString().startsWith("+49180"));
        MachineToMachine m2m = all(MachineToMachine.reader(ME, "NL").setPageSize(1L).read(main)).get(0);
        assertTrue(m2m.getPhoneNumber().toString().matches("\\+3197\\d{9}"), m2m.getPhoneNumber().toString());
        assertEquals(Boolean.FALSE, m2m.getCapabilities().getVoice());
        assertEquals(Boolean.TRUE, m2m.getCapabilities().getSms());

        // bought through the untyped IncomingPhoneNumbers list, as the spec has no typed list for them
        IncomingPhoneNumber bought = IncomingPhoneNumber.creator(ME, new com.twilio.type.PhoneNumber(m2m.getPhoneNumber().toString())).create(main);
        try {
            assertEquals("machinetomachine", bought.getType());
            assertFalse(all(MachineToMachine.reader(ME, "NL").setPageSize(1000L).read(main)).stream()
                    .anyMatch(n -> n.getPhoneNumber().equals(m2m.getPhoneNumber())), "an owned number is never offered");
        } finally {
            IncomingPhoneNumber.deleter(ME, bought.getSid()).delete(main);
        }
        assertEquals(404, server.raw().get("/2010-04-01/Accounts/" + ME + "/IncomingPhoneNumbers/National.json",
                RawHttp.basic(ME, TestServer.MAIN_TOKEN)).status(), "no typed IncomingPhoneNumbers list for National");
    }

    /** A search is one page, as Twilio's: its URIs repeat the filters, and Page or PageToken do not turn it. */
    @Test
    void aSearchIsOnePage_whoseUrisKeepTheFilters() {
        String auth = RawHttp.basic(ME, TestServer.MAIN_TOKEN);
        String path = "/2010-04-01/Accounts/" + ME + "/AvailablePhoneNumbers/US/Local.json";
        JsonNode page = server.raw().get(path + "?AreaCode=212&Contains=%2B1212%25&SmsEnabled=true&PageSize=2", auth).json();
        assertEquals(path + "?AreaCode=212&Contains=%2B1212%25&SmsEnabled=true&PageSize=2&Page=0", page.get("uri").asText());
        assertEquals(page.get("uri").asText(), page.get("first_page_uri").asText());
        assertTrue(page.get("next_page_uri").isNull());
        JsonNode turned = server.raw().get(path + "?AreaCode=212&PageSize=2&Page=3&PageToken=PAMTA", auth).json();
        assertEquals(0, turned.get("page").asInt());
        assertEquals(page.get("available_phone_numbers").get(0).get("phone_number"), turned.get("available_phone_numbers").get(0).get("phone_number"));
    }

    @Test
    void unknownCountriesTypesAndBadFilters_areTwilioErrors() {
        assertTwilioError(404, 20404, "AvailablePhoneNumbers/FR.json was not found",
                () -> AvailablePhoneNumberCountry.fetcher(ME, "FR").fetch(main));
        assertTwilioError(404, 20404, "AvailablePhoneNumbers/US/Mobile.json was not found",
                () -> all(Mobile.reader(ME, "US").read(main)));
        assertTwilioError(400, 20001, "Invalid Contains", () -> all(Local.reader(ME, "US").setContains("1").read(main)));
        assertTwilioError(400, 20001, "never between", () -> all(Local.reader(ME, "US").setContains("212***1234").read(main)));
        assertTwilioError(400, 20001, "AreaCode applies to US and CA", () -> all(Local.reader(ME, "GB").setAreaCode(207).read(main)));
        assertTwilioError(400, 21451, "Invalid area code '99'", () -> all(Local.reader(ME, "US").setAreaCode(99).read(main)));
        assertTwilioError(400, 20001, "InRateCenter requires InLata", () -> all(Local.reader(ME, "US").setInRateCenter("AUSTIN").read(main)));
        assertTwilioError(400, 20001, "InRateCenter requires InLata",
                () -> all(Local.reader(ME, "US").setInRateCenter("AUSTIN").setInLata("").read(main)));
        assertTwilioError(400, 20001, "Invalid Distance '501'", () -> all(Local.reader(ME, "US").setDistance(501).read(main)));
        assertTwilioError(400, 20001, "Invalid NearLatLong", () -> all(Local.reader(ME, "US").setNearLatLong("abc").read(main)));
        assertTwilioError(400, 20001, "Invalid NearNumber", () -> all(Local.reader(ME, "US")
                .setNearNumber(new com.twilio.type.PhoneNumber("+1299555012")).read(main)));
        assertEquals(1, all(Local.reader(ME, "US").setNearLatLong("37.840575,-122.519915").setDistance(50)
                .setNearNumber(new com.twilio.type.PhoneNumber("+14155550123")).setPageSize(1L).read(main)).size(),
                "well-formed proximity filters are accepted, and ignored");
        String auth = RawHttp.basic(ME, TestServer.MAIN_TOKEN);
        RawHttp.Reply beta = server.raw().get("/2010-04-01/Accounts/" + ME + "/AvailablePhoneNumbers/US/Local.json?Beta=maybe", auth);
        assertEquals(400, beta.status());
        assertEquals("Invalid Beta 'maybe': expected true or false", beta.json().get("message").asText());
    }
}
