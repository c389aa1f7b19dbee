package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.pricing.v2.voice.Country;
import com.twilio.rest.pricing.v2.voice.Number;
import com.twilio.type.InboundCallPrice;
import com.twilio.type.InboundSmsPrice;
import com.twilio.type.OutboundPrefixPriceWithOrigin;
import com.twilio.type.OutboundSmsPrice;
import com.twilio.type.PhoneNumber;
import com.twilio.type.PhoneNumberPrice;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Twilio's Pricing API through twilio-java, over the built-in price table: exact list prices, the caller's family's
 * overrides in current_price (and no other family's), and the errors; and accountd's override API that sets them.
 */
class PricingIT {
    static final String MAIN_AUTH = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final String PRICES = "/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Prices";

    static TestServer server;
    static TwilioRestClient main;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    /** Every test starts from the list prices: the main family's overrides are removed. */
    @AfterEach
    void removeOverrides() {
        for (String country : List.of("US", "GB")) http.delete(PRICES + "?IsoCountry=" + country, MAIN_AUTH);
    }

    static Reply override(String form) {
        Reply r = http.post(PRICES, MAIN_AUTH, form);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    static OutboundPrefixPriceWithOrigin route(Country c, String prefix) {
        return c.getOutboundPrefixPrices().stream().filter(p -> p.getDestinationPrefixes().contains(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no route with prefix " + prefix + " in " + c.getOutboundPrefixPrices()));
    }

    static InboundCallPrice inbound(Country c, InboundCallPrice.Type type) {
        return c.getInboundCallPrices().stream().filter(p -> p.getType() == type).findFirst().orElseThrow();
    }

    static Map<PhoneNumberPrice.Type, Double> numberPrices(com.twilio.rest.pricing.v1.phonenumber.Country c, boolean current) {
        return c.getPhoneNumberPrices().stream().collect(Collectors.toMap(PhoneNumberPrice::getType,
                p -> current ? p.getCurrentPrice() : p.getBasePrice()));
    }

    // ---- list prices through the SDK -------------------------------------------------------------------------

    @Test
    void voiceCountryV2_showsTheBuiltInTable() {
        Country us = Country.fetcher("US").fetch(main);
        assertEquals("United States", us.getCountry());
        assertEquals("US", us.getIsoCountry());
        assertEquals(Currency.getInstance("USD"), us.getPriceUnit());
        assertEquals(URI.create(server.baseUrl() + "/v2/Voice/Countries/US"), us.getUrl());
        OutboundPrefixPriceWithOrigin all = route(us, "1");
        assertEquals("Programmable Outbound Minute - United States & Canada", all.getFriendlyName());
        assertEquals(0.013, all.getBasePrice());
        assertEquals(0.013, all.getCurrentPrice());
        assertEquals(List.of("ALL"), all.getOriginationPrefixes());
        assertEquals(0.090, route(us, "1907").getBasePrice(), "Alaska");
        assertEquals(List.of("1800", "1833", "1844", "1855", "1866", "1877", "1888"), route(us, "1800").getDestinationPrefixes());
        assertEquals(0.0085, inbound(us, InboundCallPrice.Type.LOCAL).getBasePrice());
        assertEquals(0.022, inbound(us, InboundCallPrice.Type.TOLLFREE).getCurrentPrice());

        Country gb = Country.fetcher("GB").fetch(main);
        assertEquals("United Kingdom", gb.getCountry());
        assertEquals(0.0175, route(gb, "44").getBasePrice(), "landlines");
        assertEquals(0.035, route(gb, "447").getBasePrice(), "mobiles");
        assertEquals(0.0575, inbound(gb, InboundCallPrice.Type.TOLLFREE).getBasePrice());
    }

    @Test
    void voiceCountriesV2_listsTheSixCountries_pagedLikeEveryV1List() {
        List<String> all = StreamSupport.stream(Country.reader().read(main).spliterator(), false).map(Country::getIsoCountry).toList();
        assertEquals(List.of("AU", "CA", "DE", "GB", "NL", "US"), all);
        List<String> paged = new ArrayList<>();
        Country.reader().pageSize(4).read(main).forEach(c -> paged.add(c.getIsoCountry()));
        assertEquals(all, paged, "two pages of four");
        JsonNode page = http.get("/v2/Voice/Countries?PageSize=4", MAIN_AUTH).json();
        assertEquals(server.baseUrl() + "/v2/Voice/Countries/AU", page.get("countries").get(0).get("url").asText());
        assertEquals(server.baseUrl() + "/v2/Voice/Countries?PageSize=4&Page=0", page.get("meta").get("first_page_url").asText());
        assertTrue(page.get("meta").get("next_page_url").asText().startsWith(server.baseUrl() + "/v2/Voice/Countries?PageSize=4&Page=1&PageToken="));
        assertTrue(page.get("meta").get("previous_page_url").isNull());
        assertEquals("countries", page.get("meta").get("key").asText());
    }

    @Test
    void voiceNumberV2_pricesTheDestination_byItsLongestPrefix() {
        Number us = Number.fetcher(new PhoneNumber("+14155550123")).fetch(main);
        assertEquals("+14155550123", us.getDestinationNumber().toString());
        assertEquals("US", us.getIsoCountry());
        assertEquals("United States", us.getCountry());
        assertEquals(0.013, us.getOutboundCallPrices().get(0).getBasePrice());
        assertEquals(List.of("ALL"), us.getOutboundCallPrices().get(0).getOriginationPrefixes());
        assertNull(us.getOriginationNumber());
        assertNull(us.getInboundCallPrice().getType(), "not a number of this account: Twilio's object of nulls");
        assertEquals(Currency.getInstance("USD"), us.getPriceUnit());
        assertEquals(URI.create(server.baseUrl() + "/v2/Voice/Numbers/+14155550123"), us.getUrl());

        assertEquals(0.090, Number.fetcher(new PhoneNumber("+19075550123")).fetch(main).getOutboundCallPrices().get(0).getBasePrice());
        assertEquals(0.035, Number.fetcher(new PhoneNumber("+447700900123")).fetch(main).getOutboundCallPrices().get(0).getBasePrice());
        assertEquals(0.0175, Number.fetcher(new PhoneNumber("+442079460123")).fetch(main).getOutboundCallPrices().get(0).getBasePrice());
        // twilio-node sends the + as it is; twilio-java as %2B
        JsonNode raw = http.get("/v2/Voice/Numbers/+14155550123?OriginationNumber=%2B14155550100", MAIN_AUTH).json();
        assertEquals("+14155550123", raw.get("destination_number").asText());
        assertEquals("+14155550100", raw.get("origination_number").asText());
        assertEquals("0.013", raw.get("outbound_call_prices").get(0).get("base_price").asText(), "prices are decimal strings");
        Number withOrigin = Number.fetcher(new PhoneNumber("+442079460123")).setOriginationNumber("+14155550100").fetch(main);
        assertEquals("+14155550100", withOrigin.getOriginationNumber().toString());
        assertEquals("GB", withOrigin.getIsoCountry());
    }

    @Test
    void voiceNumber_ofTheCallersOwnNumber_hasItsInboundPrice() {
        Account sub = Account.creator().create(main);
        IncomingPhoneNumber bought = IncomingPhoneNumber.creator(sub.getSid(), "212").create(main);
        TwilioRestClient asSub = server.client(sub.getSid(), sub.getAuthToken());
        Number n = Number.fetcher(bought.getPhoneNumber()).fetch(asSub);
        assertEquals(InboundCallPrice.Type.LOCAL, n.getInboundCallPrice().getType());
        assertEquals(0.0085, n.getInboundCallPrice().getBasePrice());
        assertNull(Number.fetcher(bought.getPhoneNumber()).fetch(main).getInboundCallPrice().getType(), "the main account does not own it");

        com.twilio.rest.pricing.v1.voice.Number v1 = com.twilio.rest.pricing.v1.voice.Number.fetcher(bought.getPhoneNumber()).fetch(asSub);
        assertEquals(0.0085, v1.getInboundCallPrice().getCurrentPrice());
        assertNull(com.twilio.rest.pricing.v1.voice.Number.fetcher(bought.getPhoneNumber()).fetch(main).getInboundCallPrice(),
                "v1: null when the number is not the account's, as its spec says");
    }

    @Test
    void voiceV1_usesPrefixes() {
        com.twilio.rest.pricing.v1.voice.Country gb = com.twilio.rest.pricing.v1.voice.Country.fetcher("GB").fetch(main);
        assertTrue(gb.getOutboundPrefixPrices().stream().anyMatch(p -> p.getPrefixes().equals(List.of("447")) && p.getBasePrice() == 0.035),
                gb.getOutboundPrefixPrices().toString());
        assertEquals(URI.create(server.baseUrl() + "/v1/Voice/Countries/GB"), gb.getUrl());
        com.twilio.rest.pricing.v1.voice.Number n = com.twilio.rest.pricing.v1.voice.Number.fetcher(new PhoneNumber("+61491570156")).fetch(main);
        assertEquals("AU", n.getIsoCountry());
        assertEquals(0.05, n.getOutboundCallPrice().getBasePrice(), "an Australian mobile (placeholder price)");
        assertEquals(6, StreamSupport.stream(com.twilio.rest.pricing.v1.voice.Country.reader().read(main).spliterator(), false).count());
    }

    @Test
    void messagingCountries_haveOneCarrierEach_withPricesBySenderType() {
        List<String> countries = new ArrayList<>();
        com.twilio.rest.pricing.v1.messaging.Country.reader().read(main).forEach(c -> countries.add(c.getIsoCountry()));
        assertEquals(List.of("AU", "CA", "DE", "GB", "NL", "US"), countries);
        com.twilio.rest.pricing.v1.messaging.Country gb = com.twilio.rest.pricing.v1.messaging.Country.fetcher("GB").fetch(main);
        assertEquals(1, gb.getOutboundSmsPrices().size());
        OutboundSmsPrice carrier = gb.getOutboundSmsPrices().get(0);
        assertEquals("Other", carrier.getCarrier());
        assertEquals("234", carrier.getMcc());
        assertEquals(List.of(InboundSmsPrice.Type.LOCAL, InboundSmsPrice.Type.MOBILE), carrier.getPrices().stream().map(InboundSmsPrice::getType).toList());
        assertTrue(carrier.getPrices().stream().allMatch(p -> p.getBasePrice() == 0.040 && p.getCurrentPrice() == 0.040));
        assertEquals(0.0075, gb.getInboundSmsPrices().get(0).getBasePrice());
        com.twilio.rest.pricing.v1.messaging.Country us = com.twilio.rest.pricing.v1.messaging.Country.fetcher("US").fetch(main);
        assertEquals(0.0083, us.getOutboundSmsPrices().get(0).getPrices().get(0).getBasePrice());
        assertEquals(URI.create(server.baseUrl() + "/v1/Messaging/Countries/US"), us.getUrl());
    }

    @Test
    void phoneNumberCountries_haveTheMonthlyPricesByType() {
        var gb = com.twilio.rest.pricing.v1.phonenumber.Country.fetcher("GB").fetch(main);
        assertEquals(Map.of(PhoneNumberPrice.Type.LOCAL, 1.00, PhoneNumberPrice.Type.MOBILE, 1.00, PhoneNumberPrice.Type.NATIONAL, 1.00,
                PhoneNumberPrice.Type.TOLLFREE, 2.00), numberPrices(gb, false));
        var us = com.twilio.rest.pricing.v1.phonenumber.Country.fetcher("US").fetch(main);
        assertEquals(Map.of(PhoneNumberPrice.Type.LOCAL, 1.15, PhoneNumberPrice.Type.TOLLFREE, 2.15), numberPrices(us, true));
        assertEquals(Currency.getInstance("USD"), us.getPriceUnit());
        assertEquals(6, StreamSupport.stream(com.twilio.rest.pricing.v1.phonenumber.Country.reader().read(main).spliterator(), false).count());
    }

    @Test
    void anyCredentialOfTheFamily_readsPrices_apiKeysToo() {
        Account sub = Account.creator().create(main);
        NewKey key = NewKey.creator(sub.getSid()).create(main);
        assertEquals(0.013, route(Country.fetcher("US").fetch(server.client(sub.getSid(), sub.getAuthToken())), "1").getBasePrice());
        assertEquals(0.013, route(Country.fetcher("US").fetch(server.client(key.getSid(), key.getSecret())), "1").getBasePrice());
        assertEquals(401, http.get("/v2/Voice/Countries/US", basic(TestServer.MAIN_SID, "wrong-token")).status());
        assertEquals(200, http.raw("HEAD", "/v1/PhoneNumbers/Countries/US", MAIN_AUTH).status());
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    @Test
    void anUnknownCountry_is404() {
        assertTwilioError(404, 20404, "/v2/Voice/Countries/FR", () -> Country.fetcher("FR").fetch(main));
        assertTwilioError(404, 20404, "/v1/Messaging/Countries/ZZ", () -> com.twilio.rest.pricing.v1.messaging.Country.fetcher("ZZ").fetch(main));
        assertTwilioError(404, 20404, "was not found", () -> com.twilio.rest.pricing.v1.phonenumber.Country.fetcher("JP").fetch(main));
        assertTwilioError(404, 20404, "/v2/Voice/Numbers/%2B33123456789", () -> Number.fetcher(new PhoneNumber("+33123456789")).fetch(main));
    }

    @Test
    void aDestinationThatIsNotE164_is400() {
        assertTwilioError(400, 20001, "Invalid DestinationNumber '4155550123': expected a phone number in E.164 format",
                () -> Number.fetcher(new PhoneNumber("4155550123")).fetch(main));
        assertTwilioError(400, 20001, "Invalid Number 'call-me'", () -> com.twilio.rest.pricing.v1.voice.Number.fetcher(new PhoneNumber("call-me")).fetch(main));
        assertTwilioError(400, 20001, "Invalid OriginationNumber '0044'",
                () -> Number.fetcher(new PhoneNumber("+14155550123")).setOriginationNumber("0044").fetch(main));
        assertTwilioError(http.get("/v2/Voice/Numbers/%2B0123", MAIN_AUTH), 400, 20001, "Invalid DestinationNumber '+0123'");
    }

    // ---- overrides -------------------------------------------------------------------------------------------

    @Test
    void anOverride_changesCurrentPrice_forThatFamilyOnly() {
        override("IsoCountry=US&Kind=voice-outbound&Prefix=1&Price=0.010");
        override("IsoCountry=US&Kind=voice-inbound&NumberType=local&Price=0.005");
        override("IsoCountry=GB&Kind=number&NumberType=local&NumberType=mobile&Price=0.50");
        override("IsoCountry=GB&Kind=sms-outbound&NumberType=mobile&Price=0.03");

        Country us = Country.fetcher("US").fetch(main);
        assertEquals(0.013, route(us, "1").getBasePrice(), "the list price stays");
        assertEquals(0.010, route(us, "1").getCurrentPrice());
        assertEquals(0.090, route(us, "1907").getCurrentPrice(), "Alaska's own prefix is longer");
        assertEquals(0.005, inbound(us, InboundCallPrice.Type.LOCAL).getCurrentPrice());
        assertEquals(0.022, inbound(us, InboundCallPrice.Type.TOLLFREE).getCurrentPrice());
        Number n = Number.fetcher(new PhoneNumber("+14155550123")).fetch(main);
        assertEquals(0.013, n.getOutboundCallPrices().get(0).getBasePrice());
        assertEquals(0.010, n.getOutboundCallPrices().get(0).getCurrentPrice());
        var gb = com.twilio.rest.pricing.v1.phonenumber.Country.fetcher("GB").fetch(main);
        assertEquals(Map.of(PhoneNumberPrice.Type.LOCAL, 0.50, PhoneNumberPrice.Type.MOBILE, 0.50, PhoneNumberPrice.Type.NATIONAL, 1.00,
                PhoneNumberPrice.Type.TOLLFREE, 2.00), numberPrices(gb, true));
        OutboundSmsPrice sms = com.twilio.rest.pricing.v1.messaging.Country.fetcher("GB").fetch(main).getOutboundSmsPrices().get(0);
        assertEquals(List.of(0.040, 0.03), sms.getPrices().stream().map(InboundSmsPrice::getCurrentPrice).toList());

        // the subaccounts of the family pay the same; another family pays the list prices
        Account sub = Account.creator().create(main);
        assertEquals(0.010, route(Country.fetcher("US").fetch(server.client(sub.getSid(), sub.getAuthToken())), "1").getCurrentPrice());
        var other = server.app().accounts().createMain(Optional.of("another family"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient otherClient = server.client(other.sid(), other.authToken().value());
        assertEquals(0.013, route(Country.fetcher("US").fetch(otherClient), "1").getCurrentPrice());
        assertEquals(1.00, numberPrices(com.twilio.rest.pricing.v1.phonenumber.Country.fetcher("GB").fetch(otherClient), true)
                .get(PhoneNumberPrice.Type.LOCAL));
        assertEquals(Optional.of(dev.accountd.domain.Money.of("0.50", "USD")),
                server.app().prices().monthlyNumberPrice(TestServer.MAIN_SID, "GB", dev.accountd.domain.NumberType.LOCAL), "billing sees it too");
    }

    @Test
    void aFamilysOwnPrefix_isListedUnderTheRouteItFallsIn() {
        override("IsoCountry=US&Kind=voice-outbound&Prefix=%2B1212&Price=0.002");
        Country us = Country.fetcher("US").fetch(main);
        OutboundPrefixPriceWithOrigin own = route(us, "1212");
        assertEquals(List.of("1212"), own.getDestinationPrefixes());
        assertEquals("Programmable Outbound Minute - United States & Canada", own.getFriendlyName());
        assertEquals(0.013, own.getBasePrice());
        assertEquals(0.002, own.getCurrentPrice());
        assertEquals(0.002, Number.fetcher(new PhoneNumber("+12125550123")).fetch(main).getOutboundCallPrices().get(0).getCurrentPrice());
        assertEquals(0.013, Number.fetcher(new PhoneNumber("+13125550123")).fetch(main).getOutboundCallPrices().get(0).getCurrentPrice());
    }

    @Test
    void thePricesResource_listsTheFamilysOverrides_withTheirListPrices() {
        JsonNode empty = http.get(PRICES, MAIN_AUTH).json();
        assertEquals(TestServer.MAIN_SID, empty.get("account_sid").asText());
        assertEquals("USD", empty.get("price_unit").asText());
        assertEquals(0, empty.get("prices").size());
        assertEquals(server.baseUrl() + PRICES, empty.get("url").asText());

        JsonNode set = override("IsoCountry=gb&Kind=number&NumberType=TollFree&Price=1.5").json();
        assertEquals(1, set.get("prices").size());
        JsonNode p = set.get("prices").get(0);
        assertEquals("GB", p.get("iso_country").asText());
        assertEquals("number", p.get("kind").asText());
        assertEquals("toll free", p.get("number_type").asText());
        assertTrue(p.get("prefix").isNull());
        assertEquals("2.00", p.get("base_price").asText());
        assertEquals("1.50", p.get("current_price").asText());
        assertEquals("USD", p.get("price_unit").asText());
        assertTrue(p.get("date_updated").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"));
        assertEquals(set, http.get(PRICES, MAIN_AUTH).json());

        Reply deleted = http.delete(PRICES + "?IsoCountry=GB&Kind=number&NumberType=toll%20free", MAIN_AUTH);
        assertEquals(204, deleted.status());
        assertEquals(0, http.get(PRICES, MAIN_AUTH).json().get("prices").size());
        assertTwilioError(http.delete(PRICES + "?IsoCountry=GB", MAIN_AUTH), 404, 20404, PRICES);
    }

    @Test
    void onlyTheMainAccountsAuthToken_managesPrices() {
        Account sub = Account.creator().create(main);
        NewKey key = NewKey.creator(TestServer.MAIN_SID).create(main);
        String subAuth = basic(sub.getSid(), sub.getAuthToken());
        String form = "IsoCountry=US&Kind=number&NumberType=local&Price=1";
        assertTwilioError(http.post(PRICES, subAuth, form), 403, 20403, "Only the main account's auth token");
        assertTwilioError(http.get("/_accountd/v1/Accounts/" + sub.getSid() + "/Prices", subAuth), 403, 20403, "subaccounts cannot");
        assertTwilioError(http.get(PRICES, basic(key.getSid(), key.getSecret())), 403, 20403, "API keys cannot");
        assertTwilioError(http.delete(PRICES + "?IsoCountry=US", basic(key.getSid(), key.getSecret())), 403, 20403, "API keys cannot");
        assertTwilioError(http.post("/_accountd/v1/Accounts/" + sub.getSid() + "/Prices", MAIN_AUTH, form), 400, 20001,
                sub.getSid() + " is a subaccount: prices are set for a whole family, on its main account " + TestServer.MAIN_SID);
        assertTwilioError(http.get("/_accountd/v1/Accounts/AC" + "f".repeat(32) + "/Prices", MAIN_AUTH), 404, 20404, "was not found");
        assertTwilioError(http.get("/_accountd/v1/Accounts/nope/Prices", MAIN_AUTH), 404, 20404, "was not found");
        var other = server.app().accounts().createMain(Optional.of("neighbours"), Optional.empty(), Optional.empty(), 10);
        assertTwilioError(http.get("/_accountd/v1/Accounts/" + other.sid() + "/Prices", MAIN_AUTH), 401, 20003, "Authenticate");
        assertEquals(0, http.get(PRICES, MAIN_AUTH).json().get("prices").size(), "nothing was set");
    }

    @Test
    void badOverrides_are400_andChangeNothing() {
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "Kind=number&NumberType=local&Price=1"), 400, 20001, "Missing required parameter IsoCountry");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=FR&Kind=number&NumberType=local&Price=1"), 400, 20001,
                "Invalid IsoCountry 'FR': the price table has no prices there; it prices AU, CA, DE, GB, NL, US");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=US&Kind=sms&NumberType=local&Price=1"), 400, 20001, "Invalid Kind 'sms'");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=US&Kind=number&NumberType=mobile&Price=1"), 400, 20001,
                "The price table has no number price for mobile numbers in US to override");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=US&Kind=number&NumberType=local&Price=-1"), 400, 20001, "Invalid Price '-1'");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=US&Kind=number&NumberType=local"), 400, 20001, "Missing required parameter Price");
        assertTwilioError(http.post(PRICES, MAIN_AUTH, "IsoCountry=US&Kind=voice-outbound&Prefix=44&Price=1"), 400, 20001, "Invalid Prefix '44'");
        assertTwilioError(http.delete(PRICES, MAIN_AUTH), 400, 20001, "IsoCountry");
        assertTwilioError(http.delete(PRICES + "?IsoCountry=US&NumberType=local", MAIN_AUTH), 400, 20001, "NumberType and Prefix need a Kind");
        assertEquals(0, http.get(PRICES, MAIN_AUTH).json().get("prices").size());
    }
}
