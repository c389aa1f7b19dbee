package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.Event;
import dev.accountd.domain.EventQuery;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.OutboundVoicePrice;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.SecretBox;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcEventStore;
import dev.accountd.store.jdbc.JdbcPriceOverrideStore;
import dev.accountd.support.TestStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a family pays: list prices, its own overrides (and no other family's), on a real, freshly migrated store. */
class PriceBookTest {
    static Money usd(String amount) { return Money.of(amount, "USD"); }

    /** A small table of its own, so that these tests say what they rely on. */
    static final PriceTable TABLE = new PriceTable("USD", Map.of(
            "US", new CountryPrices("US", "United States", List.of(
                    new OutboundVoicePrice("US & Canada", List.of("1"), usd("0.013")),
                    new OutboundVoicePrice("Alaska", List.of("1907"), usd("0.090"))),
                    Map.of(PriceKind.NUMBER, Map.of(PricedNumberType.LOCAL, usd("1.15"), PricedNumberType.TOLL_FREE, usd("2.15")),
                            PriceKind.VOICE_INBOUND, Map.of(PricedNumberType.LOCAL, usd("0.0085")),
                            PriceKind.SMS_OUTBOUND, Map.of(PricedNumberType.LOCAL, usd("0.0083"), PricedNumberType.TOLL_FREE, usd("0.0090")),
                            PriceKind.SMS_INBOUND, Map.of(PricedNumberType.LOCAL, usd("0.0083")),
                            PriceKind.MMS_OUTBOUND, Map.of(PricedNumberType.LOCAL, usd("0.0220")),
                            PriceKind.MMS_INBOUND, Map.of(PricedNumberType.LOCAL, usd("0.0165")))),
            "GB", new CountryPrices("GB", "United Kingdom", List.of(
                    new OutboundVoicePrice("UK", List.of("44"), usd("0.0175")),
                    new OutboundVoicePrice("UK - Mobile", List.of("447"), usd("0.035"))),
                    Map.of(PriceKind.NUMBER, Map.of(PricedNumberType.LOCAL, usd("1.00"), PricedNumberType.NATIONAL, usd("1.50")),
                            PriceKind.VOICE_INBOUND, Map.of(PricedNumberType.NATIONAL, usd("0.010")))),
            "NL", new CountryPrices("NL", "Netherlands", List.of(),
                    Map.of(PriceKind.NUMBER, Map.of(PricedNumberType.MOBILE, usd("1.00")),
                            PriceKind.SMS_OUTBOUND, Map.of(PricedNumberType.MOBILE, usd("0.09")),
                            PriceKind.SMS_INBOUND, Map.of(PricedNumberType.MOBILE, usd("0.0075"))))));

    TestStore testStore;
    Database db;
    PriceBook book;
    PriceOverrideService overrides;
    JdbcEventStore events;
    Account main;
    Account sub;
    Account other;
    Caller mainCaller;

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        JdbcAccountStore accounts = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir()));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T21:58:00Z"), ZoneOffset.UTC);
        AccountService accountService = new AccountService(accounts, new Auditor(clock), clock);
        JdbcPriceOverrideStore store = new JdbcPriceOverrideStore(db);
        book = new PriceBook(TABLE, store);
        overrides = new PriceOverrideService(book, store, accounts, new Auditor(clock), clock);
        events = new JdbcEventStore(db);
        main = accountService.createMain(Optional.empty(), Optional.empty(), Optional.empty(), 1000);
        mainCaller = Caller.withAuthToken(main.sid(), main.sid());
        sub = accountService.createSubaccount(mainCaller, Optional.of("customer"));
        other = accountService.createMain(Optional.of("other"), Optional.empty(), Optional.empty(), 1000);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    void set(String country, String kind, List<String> types, List<String> prefixes, String price) {
        overrides.set(mainCaller, main.sid(), new PriceOverrideService.Change(Optional.of(country), Optional.of(kind), types, prefixes,
                Optional.of(price)));
    }

    static ErrorCode code(Runnable r) {
        return assertThrows(TwilioException.class, r::run).errorCode();
    }

    static String message(Runnable r) {
        return assertThrows(TwilioException.class, r::run).getMessage();
    }

    // ---- list prices -----------------------------------------------------------------------------------------

    @Test
    void withoutOverrides_aFamilyPaysTheListPrices() {
        assertEquals(usd("1.15"), book.monthlyNumberPrice(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        assertEquals(usd("2.15"), book.monthlyNumberPrice(main.sid(), "US", NumberType.TOLL_FREE).orElseThrow());
        assertEquals(usd("0.013"), book.outboundVoicePerMinute(main.sid(), "+14155550123").orElseThrow());
        assertEquals(usd("0.090"), book.outboundVoicePerMinute(main.sid(), "+19075550123").orElseThrow(), "Alaska's longer prefix");
        assertEquals(usd("0.035"), book.outboundVoicePerMinute(main.sid(), "+447700900123").orElseThrow(), "a GB mobile");
        assertEquals(usd("0.0175"), book.outboundVoicePerMinute(main.sid(), "+442079460123").orElseThrow(), "a GB landline");
        assertEquals(usd("0.0085"), book.inboundVoicePerMinute(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        assertEquals(usd("0.0083"), book.outboundMessagePerSegment(main.sid(), "+14155550123", false).orElseThrow(), "from a local number");
        assertEquals(usd("0.0090"), book.outboundMessagePerSegment(main.sid(), "+14155550123", NumberType.TOLL_FREE, false).orElseThrow());
        assertEquals(usd("0.0220"), book.outboundMessagePerSegment(main.sid(), "+14155550123", true).orElseThrow());
        assertEquals(usd("0.0083"), book.inboundMessagePerSegment(main.sid(), "US", NumberType.LOCAL, false).orElseThrow());
        assertEquals(usd("0.0165"), book.inboundMessagePerSegment(main.sid(), "US", NumberType.LOCAL, true).orElseThrow());
    }

    @Test
    void typesThePricingApiLacks_takeTheNearestPricedType() {
        assertEquals(usd("1.00"), book.monthlyNumberPrice(main.sid(), "GB", NumberType.VOIP).orElseThrow(), "VoIP as local");
        assertEquals(usd("1.50"), book.monthlyNumberPrice(main.sid(), "GB", NumberType.SHARED_COST).orElseThrow(), "shared cost as national");
        assertEquals(usd("0.010"), book.inboundVoicePerMinute(main.sid(), "GB", NumberType.SHARED_COST).orElseThrow());
        assertEquals(usd("1.00"), book.monthlyNumberPrice(main.sid(), "NL", NumberType.MACHINE_TO_MACHINE).orElseThrow(), "M2M as mobile");
        assertEquals(usd("0.0075"), book.inboundMessagePerSegment(main.sid(), "NL", NumberType.MACHINE_TO_MACHINE, false).orElseThrow());
        assertEquals(usd("0.09"), book.outboundMessagePerSegment(main.sid(), "+31612345678", false).orElseThrow(),
                "no local price in NL: the first priced sender type");
    }

    @Test
    void whatTheTableDoesNotPrice_isEmpty() {
        assertTrue(book.monthlyNumberPrice(main.sid(), "FR", NumberType.LOCAL).isEmpty(), "a country without prices");
        assertTrue(book.monthlyNumberPrice(main.sid(), "US", NumberType.MOBILE).isEmpty(), "a type without a price");
        assertTrue(book.outboundVoicePerMinute(main.sid(), "+33123456789").isEmpty());
        assertTrue(book.outboundVoicePerMinute(main.sid(), "+31612345678").isEmpty(), "NL has no outbound routes here");
        assertTrue(book.outboundVoicePerMinute(main.sid(), "14155550123").isEmpty(), "not E.164");
        assertTrue(book.outboundVoicePerMinute(main.sid(), "+18765550123").isEmpty(), "+1 876 is Jamaica, not the US");
        assertTrue(book.outboundMessagePerSegment(main.sid(), "+442079460123", true).isEmpty(), "no MMS prices in GB here");
        assertTrue(book.inboundMessagePerSegment(main.sid(), "GB", NumberType.LOCAL, false).isEmpty());
    }

    // ---- overrides -------------------------------------------------------------------------------------------

    @Test
    void anOverride_changesWhatThatFamilyPays_andNoOtherFamily() {
        set("US", "number", List.of("local"), List.of(), "1.00");
        set("US", "sms-outbound", List.of("local", "toll free"), List.of(), "0.005");
        set("US", "mms-inbound", List.of("local"), List.of(), "0");
        assertEquals(usd("1.00"), book.monthlyNumberPrice(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        assertEquals(usd("2.15"), book.monthlyNumberPrice(main.sid(), "US", NumberType.TOLL_FREE).orElseThrow(), "not overridden");
        assertEquals(usd("0.005"), book.outboundMessagePerSegment(main.sid(), "+14155550123", false).orElseThrow());
        assertEquals(usd("0.005"), book.outboundMessagePerSegment(main.sid(), "+14155550123", NumberType.TOLL_FREE, false).orElseThrow());
        assertEquals(usd("0"), book.inboundMessagePerSegment(main.sid(), "US", NumberType.LOCAL, true).orElseThrow(), "free is a price");
        assertEquals(usd("1.15"), book.monthlyNumberPrice(other.sid(), "US", NumberType.LOCAL).orElseThrow(), "another family");
        assertEquals(usd("0.0083"), book.outboundMessagePerSegment(other.sid(), "+14155550123", false).orElseThrow());

        var family = book.family(main.sid());
        assertEquals(usd("1.15"), family.price("US", PriceKind.NUMBER, PricedNumberType.LOCAL).orElseThrow().base(), "the list price stays");
        assertEquals(usd("1.00"), family.price("US", PriceKind.NUMBER, PricedNumberType.LOCAL).orElseThrow().current());
    }

    @Test
    void settingAgain_replacesTheOverride() {
        set("US", "number", List.of("local"), List.of(), "1.00");
        set("US", "number", List.of("local"), List.of(), "0.75");
        assertEquals(usd("0.75"), book.monthlyNumberPrice(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        assertEquals(1, overrides.list(mainCaller, main.sid()).entries().size());
    }

    @Test
    void callOverrides_takePartInTheLongestPrefixMatch() {
        set("US", "voice-outbound", List.of(), List.of("1"), "0.010");
        assertEquals(usd("0.010"), book.outboundVoicePerMinute(main.sid(), "+14155550123").orElseThrow());
        assertEquals(usd("0.090"), book.outboundVoicePerMinute(main.sid(), "+19075550123").orElseThrow(),
                "the table's longer prefix 1907 wins over the family's 1");
        set("US", "voice-outbound", List.of(), List.of("+1415"), "0.001");
        assertEquals(usd("0.001"), book.outboundVoicePerMinute(main.sid(), "+14155550123").orElseThrow(), "a prefix of the family's own");
        assertEquals(usd("0.010"), book.outboundVoicePerMinute(main.sid(), "+12125550123").orElseThrow());
        set("US", "voice-outbound", List.of(), List.of("1907"), "0.050");
        assertEquals(usd("0.050"), book.outboundVoicePerMinute(main.sid(), "+19075550123").orElseThrow());

        List<FamilyPrices.VoiceRoute> routes = book.family(main.sid()).outboundVoiceRoutes("US");
        assertEquals(List.of(
                new FamilyPrices.VoiceRoute("US & Canada", List.of("1"), new dev.accountd.domain.Price(usd("0.013"), usd("0.010"))),
                new FamilyPrices.VoiceRoute("Alaska", List.of("1907"), new dev.accountd.domain.Price(usd("0.090"), usd("0.050"))),
                new FamilyPrices.VoiceRoute("US & Canada", List.of("1415"), new dev.accountd.domain.Price(usd("0.013"), usd("0.001")))), routes);
    }

    @Test
    void deletions_removeOneOrAllOfACountry() {
        set("US", "number", List.of("local", "toll free"), List.of(), "1.00");
        set("US", "voice-outbound", List.of(), List.of("1"), "0.010");
        set("GB", "number", List.of("local"), List.of(), "0.50");
        overrides.delete(mainCaller, main.sid(), new PriceOverrideService.Deletion(Optional.of("US"), Optional.of("number"), List.of("TollFree"), List.of()));
        assertEquals(usd("2.15"), book.monthlyNumberPrice(main.sid(), "US", NumberType.TOLL_FREE).orElseThrow());
        assertEquals(usd("1.00"), book.monthlyNumberPrice(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        overrides.delete(mainCaller, main.sid(), new PriceOverrideService.Deletion(Optional.of("us"), Optional.empty(), List.of(), List.of()));
        assertEquals(usd("1.15"), book.monthlyNumberPrice(main.sid(), "US", NumberType.LOCAL).orElseThrow());
        assertEquals(usd("0.013"), book.outboundVoicePerMinute(main.sid(), "+14155550123").orElseThrow());
        assertEquals(usd("0.50"), book.monthlyNumberPrice(main.sid(), "GB", NumberType.LOCAL).orElseThrow(), "another country's stays");
        assertEquals(ErrorCode.NOT_FOUND, code(() -> overrides.delete(mainCaller, main.sid(),
                new PriceOverrideService.Deletion(Optional.of("US"), Optional.empty(), List.of(), List.of()))), "nothing left to delete");
    }

    @Test
    void everyChange_isOneEvent_withPreviousAndUpdatedPrices() {
        set("US", "number", List.of("local"), List.of(), "1.00");
        set("US", "number", List.of("local", "toll free"), List.of(), "0.90");
        overrides.delete(mainCaller, main.sid(), new PriceOverrideService.Deletion(Optional.of("US"), Optional.empty(), List.of(), List.of()));
        List<Event> recorded = events.list(new EventQuery(main.sid(), Optional.of(main.sid()), Optional.empty(), Optional.empty(),
                Optional.of(main.sid()), Optional.empty(), Optional.empty(), Optional.empty()), PageRequest.first(50)).items();
        List<Event> price = recorded.stream().filter(e -> e.resourceType().equals("price")).toList();
        assertEquals(List.of("price.deleted", "price.updated", "price.updated"), price.stream().map(Event::eventType).toList());
        assertEquals(Map.of("iso_country", "US", "price_unit", "USD", "prices", Map.of("number", Map.of(
                "local", pair("1.00", "0.90"), "toll free", pair(null, "0.90")))), price.get(1).eventData());
        assertEquals(Map.of("iso_country", "US", "price_unit", "USD", "prices", Map.of("number", Map.of(
                "local", pair("0.90", null), "toll free", pair("0.90", null)))), price.get(0).eventData());
        assertTrue(price.stream().allMatch(e -> e.resourceSid().equals(main.sid()) && e.accountSid().equals(main.sid())));
    }

    static Map<String, Object> pair(String previous, String updated) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("previous", previous);
        p.put("updated", updated);
        return p;
    }

    // ---- who may, and what is refused ------------------------------------------------------------------------

    @Test
    void onlyTheMainAccountsAuthToken_managesItsFamilysPrices() {
        Caller subCaller = Caller.withAuthToken(sub.sid(), main.sid());
        Caller key = new Caller(main.sid(), main.sid(), Caller.Credential.API_KEY, "SK" + "0".repeat(32), null);
        assertEquals(ErrorCode.FORBIDDEN, code(() -> overrides.list(subCaller, main.sid())));
        assertEquals(ErrorCode.FORBIDDEN, code(() -> overrides.list(subCaller, sub.sid())));
        assertEquals(ErrorCode.FORBIDDEN, code(() -> overrides.list(key, main.sid())));
        assertEquals(ErrorCode.INVALID_PARAMETER, code(() -> overrides.list(mainCaller, sub.sid())), "a subaccount's path");
        assertEquals(ErrorCode.NOT_FOUND, code(() -> overrides.list(mainCaller, "AC" + "f".repeat(32))));
        assertEquals(ErrorCode.NOT_FOUND, code(() -> overrides.list(mainCaller, "nope")));
        assertEquals(ErrorCode.AUTHENTICATE, code(() -> overrides.list(mainCaller, other.sid())), "another family");
    }

    @Test
    void aChangeThatBreaksARule_isRefusedBeforeAnythingIsWritten() {
        assertEquals("Missing required parameter IsoCountry in the post body", message(() -> overrides.set(mainCaller, main.sid(),
                new PriceOverrideService.Change(Optional.empty(), Optional.of("number"), List.of("local"), List.of(), Optional.of("1")))));
        assertEquals("Invalid IsoCountry 'FR': the price table has no prices there; it prices GB, NL, US",
                message(() -> set("FR", "number", List.of("local"), List.of(), "1")));
        assertTrue(message(() -> set("US", "numbers", List.of("local"), List.of(), "1")).startsWith("Invalid Kind 'numbers': expected one of number, voice-outbound"));
        assertEquals("Invalid NumberType 'cheap': expected one of local, mobile, national, toll free",
                message(() -> set("US", "number", List.of("cheap"), List.of(), "1")));
        assertEquals("The price table has no number price for mobile numbers in US to override; it has local, toll free",
                message(() -> set("US", "number", List.of("mobile"), List.of(), "1")));
        assertEquals("Kind number is priced by NumberType, not Prefix", message(() -> set("US", "number", List.of(), List.of("1"), "1")));
        assertEquals("Kind voice-outbound is priced by Prefix, not NumberType",
                message(() -> set("US", "voice-outbound", List.of("local"), List.of(), "1")));
        assertEquals("Missing required parameter Prefix in the post body", message(() -> set("US", "voice-outbound", List.of(), List.of(), "1")));
        assertEquals("Invalid Prefix '44': no outbound route of US covers it (its prefixes start with 1)",
                message(() -> set("US", "voice-outbound", List.of(), List.of("44"), "1")));
        assertEquals("Invalid Prefix '1-907': expected 1 to 15 digits of an E.164 number, such as 1907",
                message(() -> set("US", "voice-outbound", List.of(), List.of("1-907"), "1")));
        for (String bad : List.of("-1", "0.0000001", "free", "1000000", "")) {
            assertTrue(message(() -> set("US", "number", List.of("local"), List.of(), bad)).startsWith("Invalid Price '" + bad + "'"), bad);
        }
        assertEquals(List.of(), overrides.list(mainCaller, main.sid()).entries());
    }
}
