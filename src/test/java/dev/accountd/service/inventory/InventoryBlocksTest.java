package dev.accountd.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import dev.accountd.domain.NumberType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** accountd's own blocks, checked against libphonenumber: valid numbers of the right type, in the right place. */
class InventoryBlocksTest {
    static List<Block> blocks;
    static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @BeforeAll
    static void build() {
        long started = System.nanoTime();
        blocks = InventoryBlocks.builtIn();
        System.out.printf("[InventoryBlocksTest] %d built-in blocks read in %d ms%n", blocks.size(), (System.nanoTime() - started) / 1_000_000);
    }

    static Block local(String areaCode) {
        return blocks.stream().filter(b -> b.type() == NumberType.LOCAL && b.prefix().equals("+1" + areaCode)).findFirst().orElseThrow();
    }

    @Test
    void everyGeographicNorthAmericanAreaCode_hasALocalBlock_withItsStateAndMainLocality() {
        Map<String, Long> perCountry = blocks.stream().filter(b -> b.type() == NumberType.LOCAL && b.prefix().startsWith("+1"))
                .collect(Collectors.groupingBy(Block::country, Collectors.counting()));
        assertEquals(Map.of("US", 359L, "CA", 56L), perCountry, "libphonenumber 9.0.43 knows 415 geographic area codes in the US and Canada");
        for (int npa = 200; npa <= 999; npa++) {
            PhoneNumber n = NanpCatalog.nanp(Integer.toString(npa), 456, 4567);
            String region = UTIL.getRegionCodeForNumber(n);
            boolean geographic = UTIL.isValidNumber(n) && ("US".equals(region) || "CA".equals(region))
                    && UTIL.getNumberType(n) == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
            if (!geographic) continue;
            Block b = local(Integer.toString(npa));
            assertEquals(region, b.country(), "area code " + npa);
            assertTrue(b.place().locality().isPresent() && b.place().region().filter(r -> r.matches("[A-Z]{2}")).isPresent(),
                    "area code " + npa + " has a locality and a two-letter state or province: " + b.place());
        }
        Map<String, String> expected = Map.of("646", "New York, NY", "305", "Miami, FL", "510", "Oakland, CA", "617", "Boston, MA",
                "303", "Denver, CO", "514", "Montreal, QC", "415", "San Francisco, CA", "917", "New York, NY", "437", "Toronto, ON",
                "202", "Washington, DC");
        expected.forEach((npa, place) -> assertEquals(place, local(npa).place().locality().get() + ", " + local(npa).place().region().get(), npa));
        assertEquals("CA", local("514").country());
    }

    @Test
    void tollFreePrefixes_areSplitBetweenTheUsAndCanada_soEachNumberIsInOneBlock() {
        Map<String, List<String>> tollFree = new HashMap<>();
        for (Block b : blocks) if (b.type() == NumberType.TOLL_FREE) tollFree.computeIfAbsent(b.country(), k -> new ArrayList<>()).add(b.prefix());
        List<String> prefixes = List.of("+1800", "+1833", "+1844", "+1855", "+1866", "+1877", "+1888");
        assertEquals(prefixes, tollFree.get("US"));
        assertEquals(prefixes, tollFree.get("CA"));
        Block us = blocks.stream().filter(b -> b.type() == NumberType.TOLL_FREE && b.country().equals("US")).findFirst().orElseThrow();
        Block ca = blocks.stream().filter(b -> b.type() == NumberType.TOLL_FREE && b.country().equals("CA")).findFirst().orElseThrow();
        for (long p = 0; p < 1000; p++) {
            assertTrue(us.number(p).substring(5, 6).compareTo("6") < 0, us.number(p));
            assertTrue(ca.number(p).substring(5, 6).compareTo("6") >= 0, ca.number(p));
        }
    }

    /** The overlay table: each line names an area code of the same state or province (as far as the geocoder says). */
    @Test
    void theOverlayTable_pointsEachOverlayAtAnAreaCodeOfTheSamePlace() {
        Map<String, String> overlays = NanpCatalog.overlays();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : overlays.entrySet()) {
            assertTrue(NanpCatalog.kind(e.getKey()).filter(k -> !k.tollFree()).isPresent(), e.getKey() + " is a geographic area code");
            if (!e.getValue().matches("\\d{3}")) continue;
            Block overlay = local(e.getKey());
            Block target = local(e.getValue());
            assertEquals(target.country(), overlay.country(), e.toString());
            String said = GeocoderData.english("1" + e.getKey()).flatMap(g -> g.exactly("1" + e.getKey())).orElse(null);
            String targetSaid = GeocoderData.english("1" + e.getValue()).flatMap(g -> g.exactly("1" + e.getValue())).orElse(null);
            if (said == null || targetSaid == null) continue;
            boolean same = said.equals(targetSaid) || said.equals(target.place().locality().get())
                    || (said + ", " + target.place().region().get()).equals(target.place().locality().get() + ", " + target.place().region().get())
                    || said.replace("Colombia", "Columbia").equals(targetSaid); // the geocoder's spelling of 257
            if (!same) wrong.add(e + ": " + said + " vs " + targetSaid);
        }
        assertEquals(List.of(), wrong);
        for (String npa : overlays.keySet()) {
            boolean city = GeocoderData.english("1" + npa).flatMap(g -> NanpCatalog.mainCity(npa, g)).isPresent();
            assertFalse(city, npa + " has a city in the geocoder: its line in the table is not needed");
        }
    }

    /** Numbers from every built-in block: valid, of the block's type and country (GB mobile excepted, see below). */
    @Test
    void everyBuiltInBlock_offersValidNumbersOfItsType() {
        Random random = new Random(42);
        for (Block b : blocks) {
            if (b.prefix().equals("+447700900")) continue;
            for (int i = 0; i < 20; i++) {
                long p = i < 3 ? i : (long) (random.nextDouble() * b.size());
                String e164 = b.number(p);
                PhoneNumber n = PhoneNumbers.parse(e164).orElseThrow();
                assertTrue(UTIL.isValidNumberForRegion(n, b.country()), b + ": " + e164 + " is valid");
                assertTrue(InternationalBlocks.expectedTypes(b.type()).contains(UTIL.getNumberType(n)), b + ": " + e164 + " " + UTIL.getNumberType(n));
                assertEquals(p, b.position(e164).getAsLong(), "position and number map both ways");
            }
        }
    }

    /** GB blocks are Ofcom's drama ranges; libphonenumber knows 07700 900xxx as unassignable, which is the point. */
    @Test
    void gbBlocks_areOfcomsDramaRanges_validWithTheGeocodersLocality() {
        PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
        for (Block b : blocks) {
            if (!b.country().equals("GB")) continue;
            if (b.prefix().equals("+447700900")) {
                assertEquals(1000, b.size());
                assertFalse(PhoneNumbers.isValid(b.number(0)), "07700 900xxx is reserved for drama: no phone has it");
                continue;
            }
            if (b.type() == NumberType.VOIP) continue;
            assertEquals(1000, b.size(), b.toString());
            for (long p = 0; p < b.size(); p++) {
                PhoneNumber n = PhoneNumbers.parse(b.number(p)).orElseThrow();
                assertTrue(UTIL.isValidNumberForRegion(n, "GB"), b.number(p));
                if (b.type() == NumberType.LOCAL) {
                    assertEquals(b.place().locality().orElseThrow(), geocoder.getDescriptionForNumber(n, Locale.ENGLISH), b.number(p));
                }
            }
        }
        Set<String> localities = blocks.stream().filter(b -> b.country().equals("GB") && b.type() == NumberType.LOCAL)
                .map(b -> b.place().locality().orElseThrow()).collect(Collectors.toSet());
        assertTrue(localities.containsAll(Set.of("London", "Birmingham", "Manchester", "Leeds", "Edinburgh", "Glasgow", "Cardiff", "Belfast")), localities.toString());
    }

    @Test
    void deAndAuBlocks_coverTheMainAreas_withTheGeocodersLocalities() {
        Map<String, String> de = new HashMap<>();
        Map<String, String> au = new HashMap<>();
        for (Block b : blocks) {
            if (b.type() != NumberType.LOCAL) continue;
            if (b.country().equals("DE")) de.put(b.prefix(), b.place().locality().orElseThrow());
            if (b.country().equals("AU")) au.put(b.prefix().substring(0, 4), b.place().locality().orElseThrow());
        }
        assertEquals("Berlin", de.get("+4930"));
        assertEquals("Hamburg", de.get("+4940"));
        assertEquals("Munich", de.get("+4989"));
        assertEquals("Frankfurt am Main", de.get("+4969"));
        assertEquals("Cologne", de.get("+49221"));
        assertEquals(Set.of("+612", "+613", "+617", "+618"), au.keySet());
        Set<String> auCities = blocks.stream().filter(b -> b.country().equals("AU") && b.type() == NumberType.LOCAL)
                .map(b -> b.place().locality().orElseThrow()).collect(Collectors.toSet());
        assertTrue(auCities.containsAll(Set.of("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide")), auCities.toString());
    }

    @Test
    void aNorthAmericanBlock_holdsMillionsOfNumbers_withoutN11Exchanges_inAShuffledButFixedOrder() {
        Block sf = local("415");
        assertTrue(sf.size() > 7_000_000, "area code 415 has " + sf.size() + " numbers");
        Set<String> first = new HashSet<>();
        for (long p = 0; p < 10_000; p++) {
            String e164 = sf.number(p);
            String exchange = e164.substring(5, 8);
            assertFalse(exchange.endsWith("11") || exchange.equals("555") || exchange.startsWith("0") || exchange.startsWith("1"), e164);
            assertTrue(first.add(e164), "no number twice: " + e164);
        }
        assertEquals(local("415").number(123), NanpCatalog.blocks().stream().filter(b -> b.prefix().equals("+1415")
                && b.type() == NumberType.LOCAL).findFirst().orElseThrow().number(123), "the same order on every start");
        assertEquals("(415) " + sf.number(0).substring(5, 8) + "-" + sf.number(0).substring(8), PhoneNumbers.friendlyName(sf.number(0)));
    }

    /** A number is bought by its E.164 form, so no two blocks may have the same number. */
    @Test
    void noTwoBuiltInBlocks_shareANumber() {
        List<OperatorBlocks.Claim> claims = new ArrayList<>();
        for (Block b : blocks) {
            long base = Long.parseLong(b.prefix().substring(1)) * Space.pow10(b.digits());
            claims.add(new OperatorBlocks.Claim(b.toString(), b.prefix().length() - 1 + b.digits(),
                    base + b.space().lowest(), base + b.space().highest()));
        }
        for (int i = 0; i < claims.size(); i++) {
            for (int j = i + 1; j < claims.size(); j++) {
                assertFalse(claims.get(i).overlaps(claims.get(j)), claims.get(i).label() + " and " + claims.get(j).label());
            }
        }
    }

    @Test
    void thePermutation_isABijection() {
        for (long size : new long[] {1, 2, 10, 60, 1000, 7_900_000}) {
            Permutation order = new Permutation(size, 12345);
            Set<Long> seen = new HashSet<>();
            for (long p = 0; p < Math.min(size, 100_000); p++) {
                long natural = order.natural(p);
                assertTrue(natural >= 0 && natural < size);
                assertTrue(seen.add(natural));
                assertEquals(p, order.position(natural));
            }
        }
        assertNotNull(new Permutation(3_000_000_000L, 7).natural(2_999_999_999L));
    }
}
