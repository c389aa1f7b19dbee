package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.AvailablePhoneNumberCountry;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Mobile;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.TollFree;
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
        assertEquals(Set.of("US", "CA", "GB", "DE", "AU"), codes);
        AvailablePhoneNumberCountry gb = AvailablePhoneNumberCountry.fetcher(ME, "GB").fetch(main);
        assertEquals("United Kingdom", gb.getCountry());
        assertEquals(Set.of("local", "mobile"), gb.getSubresourceUris().keySet());

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
            assertEquals("94103", n.getPostalCode());
            assertEquals("none", n.getAddressRequirements());
            assertTrue(n.getLatitude() != null && n.getLongitude() != null);
            assertTrue(n.getCapabilities().getVoice() && n.getCapabilities().getSms());
        }
        assertEquals(found.get(0).getPhoneNumber(), all(Local.reader(ME, "US").setAreaCode(415).read(main)).get(0).getPhoneNumber(),
                "the inventory is the same on every search");
    }

    @Test
    void filters_narrowTheSearch() {
        String first = all(Local.reader(ME, "US").setAreaCode(212).setPageSize(1L).read(main)).get(0).getPhoneNumber().toString();
        String lastFour = first.substring(first.length() - 4);
        List<Local> byContains = all(Local.reader(ME, "US").setContains("212***" + lastFour).read(main));
        assertTrue(byContains.stream().anyMatch(n -> n.getPhoneNumber().toString().equals(first)));
        assertTrue(byContains.stream().allMatch(n -> n.getPhoneNumber().toString().endsWith(lastFour)));

        assertTrue(all(Local.reader(ME, "US").setInRegion("IL").read(main)).stream().allMatch(n -> "Chicago".equals(n.getLocality())));
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

    @Test
    void unknownCountriesTypesAndBadFilters_areTwilioErrors() {
        assertTwilioError(404, 20404, "AvailablePhoneNumbers/FR.json was not found",
                () -> AvailablePhoneNumberCountry.fetcher(ME, "FR").fetch(main));
        assertTwilioError(404, 20404, "AvailablePhoneNumbers/US/Mobile.json was not found",
                () -> all(Mobile.reader(ME, "US").read(main)));
        assertTwilioError(400, 20001, "Invalid Contains", () -> all(Local.reader(ME, "US").setContains("1").read(main)));
        assertTwilioError(400, 20001, "AreaCode applies to US and CA", () -> all(Local.reader(ME, "GB").setAreaCode(207).read(main)));
    }
}
