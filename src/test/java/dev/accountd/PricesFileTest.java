package dev.accountd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.config.Config;
import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.Money;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.service.Inventory;
import dev.accountd.service.MutableClock;
import dev.accountd.service.inventory.Block;
import dev.accountd.support.MarkdownCodeBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in price table, and the operator's prices file laid over it: what it changes, and what it refuses. */
class PricesFileTest {
    @TempDir
    Path dir;

    static Money usd(String amount) { return Money.of(amount, "USD"); }

    static Money price(PriceTable t, String country, PriceKind kind, PricedNumberType type) {
        return t.country(country).orElseThrow().price(kind, type).orElseThrow(() -> new AssertionError(country + " " + kind + " " + type));
    }

    static Money call(PriceTable t, String country, String digits) {
        return t.country(country).orElseThrow().route(digits).orElseThrow().price().price();
    }

    Config config(String json, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        if (json != null) {
            Path file = dir.resolve("prices.json");
            Files.writeString(file, json);
            all.put("ACCOUNTD_PRICES", file.toString());
        }
        all.put("ACCOUNTD_DATA_DIR", dir.resolve("data").toString());
        return Config.load(Config.Flags.none(), all);
    }

    PriceTable table(String json) throws IOException { return PricesFile.table(config(json, Map.of())); }

    String refusal(String json) {
        String message = assertThrows(Config.InvalidConfig.class, () -> table(json)).getMessage();
        assertTrue(message.startsWith("invalid --prices / ACCOUNTD_PRICES " + dir.resolve("prices.json") + ": "), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return message.substring(message.indexOf(": ") + 2);
    }

    // ---- the built-in table ----------------------------------------------------------------------------------

    @Test
    void theBuiltInTable_pricesTheSixCountries_inUsd() {
        PriceTable t = PricesFile.builtIn();
        assertEquals("USD", t.currency());
        assertEquals(List.of("AU", "CA", "DE", "GB", "NL", "US"), List.copyOf(t.countries().keySet()));
        assertEquals("United Kingdom", t.country("GB").orElseThrow().name());
        assertEquals("United States", t.country("US").orElseThrow().name());
    }

    @Test
    void theBuiltInTable_hasTheResearchedValues() {
        PriceTable t = PricesFile.builtIn();
        assertEquals(usd("0.013"), call(t, "US", "14155550123"));
        assertEquals(usd("0.090"), call(t, "US", "19075550123"), "Alaska");
        assertEquals(usd("0.0175"), call(t, "GB", "442079460123"), "a GB landline");
        assertEquals(usd("0.035"), call(t, "GB", "447700900123"), "a GB mobile");
        assertEquals(usd("0.0085"), price(t, "US", PriceKind.VOICE_INBOUND, PricedNumberType.LOCAL));
        assertEquals(usd("0.022"), price(t, "US", PriceKind.VOICE_INBOUND, PricedNumberType.TOLL_FREE));
        assertEquals(usd("0.0083"), price(t, "US", PriceKind.SMS_OUTBOUND, PricedNumberType.LOCAL));
        assertEquals(usd("0.0220"), price(t, "US", PriceKind.MMS_OUTBOUND, PricedNumberType.LOCAL));
        assertEquals(usd("0.0165"), price(t, "US", PriceKind.MMS_INBOUND, PricedNumberType.LOCAL));
        assertEquals(usd("1.15"), price(t, "US", PriceKind.NUMBER, PricedNumberType.LOCAL));
        assertEquals(usd("2.15"), price(t, "US", PriceKind.NUMBER, PricedNumberType.TOLL_FREE));
        assertEquals(usd("0.040"), price(t, "GB", PriceKind.SMS_OUTBOUND, PricedNumberType.MOBILE));
        assertEquals(usd("0.0575"), price(t, "GB", PriceKind.VOICE_INBOUND, PricedNumberType.TOLL_FREE));
        assertEquals(usd("1.00"), price(t, "GB", PriceKind.NUMBER, PricedNumberType.MOBILE));
    }

    /** Billing must find a price for whatever accountd sells: each number's rent, and each of its capabilities. */
    @Test
    void everyNumberAccountdSells_hasItsPrices() {
        PriceTable t = PricesFile.builtIn();
        Inventory inventory = new Inventory();
        List<String> missing = new ArrayList<>();
        for (Inventory.Country c : inventory.countries()) {
            for (String type : c.types()) {
                for (Block b : inventory.blocks(c.code(), type)) {
                    PricedNumberType priced = PricedNumberType.of(b.type());
                    CountryPrices country = t.country(b.country()).orElse(null);
                    if (country == null) {
                        missing.add(b.country() + ": no prices");
                        continue;
                    }
                    List<PriceKind> needed = new ArrayList<>(List.of(PriceKind.NUMBER));
                    if (b.capabilities().voice()) needed.add(PriceKind.VOICE_INBOUND);
                    if (b.capabilities().sms()) needed.addAll(List.of(PriceKind.SMS_INBOUND, PriceKind.SMS_OUTBOUND));
                    if (b.capabilities().mms()) needed.addAll(List.of(PriceKind.MMS_INBOUND, PriceKind.MMS_OUTBOUND));
                    for (PriceKind k : needed) {
                        if (country.price(k, priced).isEmpty()) missing.add(b.country() + " " + type + " " + k.wire() + " (" + priced.wire() + ")");
                    }
                    // a call to the block's own first number is priced too
                    if (country.route(b.prefix().substring(1)).isEmpty()) missing.add(b.country() + " " + type + " calls to " + b.prefix());
                }
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    // ---- the operator's file ---------------------------------------------------------------------------------

    @Test
    void withoutAFile_theTableIsTheBuiltInOne() throws IOException {
        assertEquals(PricesFile.builtIn(), table(null));
    }

    @Test
    void aFile_overridesPerField_andExtendsWithCountries() throws IOException {
        PriceTable t = table("""
                {"countries": {
                  "US": {"numbers": {"local": "1.00"}, "voice_outbound": [{"prefixes": ["1212"], "price": "0.010"}]},
                  "FR": {"voice_outbound": [{"friendly_name": "France", "prefixes": ["33"], "price": "0.02"}],
                         "numbers": {"local": 1.5}}
                }}""");
        assertEquals(usd("1.00"), price(t, "US", PriceKind.NUMBER, PricedNumberType.LOCAL), "overridden");
        assertEquals(usd("2.15"), price(t, "US", PriceKind.NUMBER, PricedNumberType.TOLL_FREE), "kept from the built-in table");
        assertEquals(usd("0.0085"), price(t, "US", PriceKind.VOICE_INBOUND, PricedNumberType.LOCAL), "other fields kept");
        assertEquals(usd("0.010"), call(t, "US", "12125550123"), "a new, longer prefix");
        assertEquals("Programmable Outbound Minute - United States", t.country("US").orElseThrow().route("12125550123").orElseThrow().price().friendlyName());
        assertEquals(usd("0.013"), call(t, "US", "14155550123"));
        assertEquals(usd("0.02"), call(t, "FR", "33123456789"));
        assertEquals(usd("1.5"), price(t, "FR", PriceKind.NUMBER, PricedNumberType.LOCAL), "a JSON number is accepted too");
        assertEquals("France", t.country("FR").orElseThrow().name());
        assertEquals(7, t.countries().size());
    }

    @Test
    void aRouteOfTheFile_takesItsPrefixesFromTheBuiltInRoutes() throws IOException {
        PriceTable t = table("""
                {"countries": {"GB": {"voice_outbound": [{"prefixes": ["447"], "price": "0.05"}, {"prefixes": ["44203"], "price": null}]}}}""");
        CountryPrices gb = t.country("GB").orElseThrow();
        assertEquals(usd("0.05"), call(t, "GB", "447700900123"));
        assertEquals("Programmable Outbound Minute - United Kingdom", gb.route("447700900123").orElseThrow().price().friendlyName());
        assertEquals(1, gb.outboundVoice().stream().filter(r -> r.prefixes().contains("447")).count(), "447 is in one route only");
        assertEquals("44", gb.route("442030000000").orElseThrow().prefix(), "44203 was removed: the landline route prices it");
    }

    @Test
    void nulls_removePricesAndCountries() throws IOException {
        PriceTable t = table("""
                {"countries": {"NL": null, "US": {"numbers": {"toll free": null}, "mms_outbound": {"local": null, "toll free": null}}}}""");
        assertTrue(t.country("NL").isEmpty());
        assertTrue(t.country("US").orElseThrow().price(PriceKind.NUMBER, PricedNumberType.TOLL_FREE).isEmpty());
        assertFalse(t.country("US").orElseThrow().has(PriceKind.MMS_OUTBOUND));
        assertEquals(usd("1.15"), price(t, "US", PriceKind.NUMBER, PricedNumberType.LOCAL));
    }

    @Test
    void aFileThatBreaksARule_isRefusedWithOneLineNamingTheProblem() {
        assertTrue(refusal("{\"countries\": {").startsWith("not a JSON object: Unexpected end-of-input"));
        assertEquals("unknown field 'country'; the fields are currency, countries and notes", refusal("{\"country\": {}}"));
        assertEquals("expected \"countries\": {\"US\": {…}, …}", refusal("{\"currency\": \"USD\"}"));
        assertEquals("countries.US.numbers: unknown number type 'tollfree'; the types are local, mobile, national, toll free",
                refusal("{\"countries\": {\"US\": {\"numbers\": {\"tollfree\": \"2\"}}}}"));
        assertTrue(refusal("{\"countries\": {\"US\": {\"sms\": {}}}}").startsWith("unknown field 'countries.US.sms'; a country's fields are"));
        assertEquals("countries.US.numbers.local: \"1.1234567\" is not a price such as \"0.0085\" (at most six decimal places)",
                refusal("{\"countries\": {\"US\": {\"numbers\": {\"local\": \"1.1234567\"}}}}"));
        assertEquals("countries.US.numbers.local: \"-1\" is not a price such as \"0.0085\" (at least 0, below 1000000)",
                refusal("{\"countries\": {\"US\": {\"numbers\": {\"local\": \"-1\"}}}}"));
        assertEquals("countries.US.numbers.local: \"cheap\" is not a price such as \"0.0085\" (at most six decimal places)",
                refusal("{\"countries\": {\"US\": {\"numbers\": {\"local\": \"cheap\"}}}}"));
        assertEquals("countries.GB.voice_outbound[0]: prefix '33' must be 1 to 15 digits starting with GB's calling code 44 (no +)",
                refusal("{\"countries\": {\"GB\": {\"voice_outbound\": [{\"prefixes\": [\"33\"], \"price\": \"0.1\"}]}}}"));
        assertEquals("countries.GB.voice_outbound[0]: prefix '+447' must be 1 to 15 digits starting with GB's calling code 44 (no +)",
                refusal("{\"countries\": {\"GB\": {\"voice_outbound\": [{\"prefixes\": [\"+447\"], \"price\": \"0.1\"}]}}}"));
        assertEquals("countries.GB.voice_outbound[1]: prefix 447 is also in countries.GB.voice_outbound[0]",
                refusal("{\"countries\": {\"GB\": {\"voice_outbound\": [{\"prefixes\": [\"447\"], \"price\": \"0.1\"}, {\"prefixes\": [\"447\"], \"price\": \"0.2\"}]}}}"));
        assertEquals("countries.GB.voice_outbound[0].price is missing (null removes the prefixes)",
                refusal("{\"countries\": {\"GB\": {\"voice_outbound\": [{\"prefixes\": [\"447\"]}]}}}"));
        assertEquals("countries.XX: not an ISO 3166-1 country code with a calling code, such as US or GB",
                refusal("{\"countries\": {\"XX\": {}}}"));
        assertEquals("countries.us: not an ISO 3166-1 country code with a calling code, such as US or GB",
                refusal("{\"countries\": {\"us\": {}}}"));
    }

    @Test
    void theDocumentedExampleFile_isAValidFile_thatDoesWhatTheDocsSay() throws IOException {
        String example = MarkdownCodeBlocks.parse(Files.readString(Path.of("docs", "behaviour.md"))).stream()
                .filter(b -> b.section().equals("Prices") && b.language().equals("json")).findFirst().orElseThrow().code();
        PriceTable t = table(example);
        assertEquals(usd("1.00"), price(t, "US", PriceKind.NUMBER, PricedNumberType.LOCAL));
        assertEquals(usd("0.010"), call(t, "US", "16465550123"));
        assertEquals("New York City", t.country("US").orElseThrow().route("12125550123").orElseThrow().price().friendlyName());
        assertFalse(t.country("GB").orElseThrow().has(PriceKind.MMS_OUTBOUND));
        assertEquals(usd("0.05"), call(t, "FR", "33612345678"));
        assertEquals(usd("0.02"), call(t, "FR", "33123456789"));
        assertEquals("France", t.country("FR").orElseThrow().name());
        assertTrue(t.country("NL").isEmpty());
    }

    @Test
    void anUnreadableFile_isRefusedWithOneLine() {
        Config c = Config.load(Config.Flags.none(), Map.of("ACCOUNTD_PRICES", dir.resolve("missing.json").toString()));
        String message = assertThrows(Config.InvalidConfig.class, () -> PricesFile.table(c)).getMessage();
        assertTrue(message.startsWith("invalid --prices / ACCOUNTD_PRICES " + dir.resolve("missing.json") + ": cannot read it (NoSuchFileException"), message);
    }

    // ---- currencies ------------------------------------------------------------------------------------------

    @Test
    void anotherCurrency_needsAFileInIt_whichReplacesTheBuiltInTable() throws IOException {
        String message = assertThrows(Config.InvalidConfig.class, () -> PricesFile.table(config(null, Map.of("ACCOUNTD_CURRENCY", "EUR"))))
                .getMessage();
        assertEquals("ACCOUNTD_CURRENCY is EUR but the built-in price table is in USD: give --prices / ACCOUNTD_PRICES a file whose \"currency\" is EUR",
                message);
        PriceTable eur = PricesFile.table(config("{\"currency\": \"EUR\", \"countries\": {\"DE\": {\"numbers\": {\"local\": \"0.90\"}}}}",
                Map.of("ACCOUNTD_CURRENCY", "EUR")));
        assertEquals("EUR", eur.currency());
        assertEquals(List.of("DE"), List.copyOf(eur.countries().keySet()), "no USD price is mixed in");
        assertEquals(Money.of("0.90", "EUR"), price(eur, "DE", PriceKind.NUMBER, PricedNumberType.LOCAL));
        assertTrue(assertThrows(Config.InvalidConfig.class, () -> PricesFile.table(config("{\"countries\": {}}", Map.of("ACCOUNTD_CURRENCY", "EUR"))))
                .getMessage().endsWith("its currency is USD but ACCOUNTD_CURRENCY is EUR (set \"currency\": \"EUR\" and prices in it)"));
        assertEquals("currency must be an upper-case ISO 4217 code such as USD, not \"usd\"", refusal("{\"currency\": \"usd\", \"countries\": {}}"));
    }

    @Test
    void aBadFile_stopsStartUpBeforeTheStoreOpens() throws IOException {
        Config c = config("{\"countries\": {\"US\": {\"numbers\": {\"local\": \"free\"}}}}", Map.of());
        assertThrows(Config.InvalidConfig.class, () -> Accountd.open(c, MutableClock.system()));
        assertFalse(Files.exists(dir.resolve("data").resolve("accountd.db")), "no store was created");
    }
}
