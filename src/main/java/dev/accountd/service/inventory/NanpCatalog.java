package dev.accountd.service.inventory;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.NumberType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The North American blocks, built from libphonenumber: one Local block for every geographic area code in
 * service in the US and Canada (10 million numbers less the exchanges skipped), with its state or province and its
 * main locality, and for each toll-free prefix a US block (exchanges 200–599) and a Canadian one (600–999): a
 * number is bought by its E.164 form, so it must be in one block only.
 *
 * <p>An area code's main locality is the city the geocoder gives most of its exchanges. Where the geocoder names
 * no city (overlays such as 917 or 437, and area codes too new for it), {@code nanp-overlays.txt} names the area
 * code it overlays (or, for 202, the place itself): the inventory's one hand-kept table.
 *
 * <p>Not like Twilio: every number of an area code shows the area code's main locality, even where the geocoder
 * names another town for its exchange (415 209 is Novato), and none has a postal code, rate centre, LATA or
 * coordinates (libphonenumber has none).
 */
public final class NanpCatalog {
    /** Exchanges sampled to decide whether an area code is in service, and of which country and kind. */
    private static final int[] SAMPLE_EXCHANGES = {201, 234, 345, 456, 567, 678, 789, 890, 955};
    private static final String OVERLAYS = "nanp-overlays.txt";

    private NanpCatalog() {}

    /** What libphonenumber says an area code is: a geographic one of US or CA, a toll-free one, or neither. */
    record AreaCode(String npa, String country, boolean tollFree) {}

    /** Every North American area code accountd sells, in numeric order. */
    static List<AreaCode> areaCodes() {
        List<AreaCode> codes = new ArrayList<>();
        for (int npa = 200; npa <= 999; npa++) kind(Integer.toString(npa)).ifPresent(codes::add);
        return codes;
    }

    /** Whether libphonenumber knows this area code as geographic (in the US or Canada) or toll-free. */
    static Optional<AreaCode> kind(String npa) {
        PhoneNumberUtil util = PhoneNumbers.util();
        for (int exchange : SAMPLE_EXCHANGES) {
            PhoneNumber n = nanp(npa, exchange, 4567);
            if (!util.isValidNumber(n)) continue;
            PhoneNumberType type = util.getNumberType(n);
            if (type == PhoneNumberType.TOLL_FREE) return Optional.of(new AreaCode(npa, "US", true));
            String region = util.getRegionCodeForNumber(n);
            boolean geographic = type == PhoneNumberType.FIXED_LINE_OR_MOBILE || type == PhoneNumberType.FIXED_LINE;
            if (geographic && ("US".equals(region) || "CA".equals(region))) return Optional.of(new AreaCode(npa, region, false));
            return Optional.empty();
        }
        return Optional.empty();
    }

    static PhoneNumber nanp(String npa, int exchange, int line) {
        return new PhoneNumber().setCountryCode(1).setNationalNumber(Long.parseLong(npa) * 10_000_000L + exchange * 10_000L + line);
    }

    /** The built-in North American blocks: Local ones by area code, then the toll-free ones. */
    static List<Block> blocks() {
        List<AreaCode> codes = areaCodes();
        Map<String, GeocoderData> geocoder = new HashMap<>();
        for (AreaCode c : codes) if (!c.tollFree()) GeocoderData.english("1" + c.npa()).ifPresent(g -> geocoder.put(c.npa(), g));
        Map<String, Block.Place> places = places(codes, geocoder, overlays());
        List<Block> blocks = new ArrayList<>();
        for (AreaCode c : codes) {
            if (c.tollFree()) continue;
            blocks.add(new Block(c.country(), NumberType.LOCAL, "+1" + c.npa(), 7, places.get(c.npa()), AddressRequirement.NONE,
                    new Block.Capabilities(true, true, true, false), false,
                    () -> exchanges(c.npa(), c.country(), 200, 999, false)));
        }
        for (String country : List.of("US", "CA")) {
            for (AreaCode c : codes) {
                if (!c.tollFree()) continue;
                int from = country.equals("US") ? 200 : 600;
                blocks.add(new Block(country, NumberType.TOLL_FREE, "+1" + c.npa(), 7, Block.Place.of(null, null), AddressRequirement.NONE,
                        new Block.Capabilities(true, true, false, true), false,
                        () -> exchanges(c.npa(), "US", from, from + 399, true)));
            }
        }
        return blocks;
    }

    /**
     * The exchanges of an area code libphonenumber calls valid, of the right kind, from {@code from} to {@code to}:
     * never an N11 (service codes), 555 (directory assistance and fiction) or 958/959 (telephone-company tests).
     */
    static Space exchanges(String npa, String region, int from, int to, boolean tollFree) {
        PhoneNumberUtil util = PhoneNumbers.util();
        List<Integer> valid = new ArrayList<>();
        for (int x = from; x <= to; x++) {
            if (x % 100 == 11 || x == 555 || x == 958 || x == 959) continue;
            PhoneNumber n = nanp(npa, x, 4567);
            if (!util.isValidNumberForRegion(n, region)) continue;
            PhoneNumberType type = util.getNumberType(n);
            boolean right = tollFree ? type == PhoneNumberType.TOLL_FREE
                    : type == PhoneNumberType.FIXED_LINE_OR_MOBILE || type == PhoneNumberType.FIXED_LINE;
            if (right) valid.add(x);
        }
        if (valid.isEmpty()) throw new IllegalStateException("libphonenumber has no valid exchange in area code " + npa);
        return Space.heads(7, 3, valid.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Each geographic area code's main locality and its state or province. */
    static Map<String, Block.Place> places(List<AreaCode> codes, Map<String, GeocoderData> geocoder, Map<String, String> overlays) {
        Map<String, Block.Place> direct = new HashMap<>();
        for (AreaCode c : codes) {
            if (c.tollFree()) continue;
            Optional<String> city = Optional.ofNullable(geocoder.get(c.npa())).flatMap(g -> mainCity(c.npa(), g));
            city.ifPresent(v -> direct.put(c.npa(), cityPlace(v)));
        }
        Map<String, Block.Place> places = new LinkedHashMap<>();
        for (AreaCode c : codes) {
            if (c.tollFree()) continue;
            Block.Place p = resolve(c.npa(), direct, overlays, 0);
            if (p == null) {
                throw new IllegalStateException("area code " + c.npa() + " has no city in the geocoder and no line in " + OVERLAYS);
            }
            places.put(c.npa(), p);
        }
        return places;
    }

    private static Block.Place resolve(String npa, Map<String, Block.Place> direct, Map<String, String> overlays, int depth) {
        if (direct.containsKey(npa)) return direct.get(npa);
        String target = overlays.get(npa);
        if (target == null || depth > 3) return null;
        if (target.matches("\\d{3}")) return resolve(target, direct, overlays, depth + 1);
        return cityPlace(target);
    }

    /** {@code San Francisco, CA} as locality San Francisco, region CA. */
    private static Block.Place cityPlace(String description) {
        int comma = description.lastIndexOf(", ");
        return Block.Place.of(description.substring(0, comma), description.substring(comma + 2));
    }

    /** The {@code City, ST} the geocoder gives most exchanges of the area code (ties: the first alphabetically). */
    static Optional<String> mainCity(String npa, GeocoderData g) {
        Map<String, Integer> count = new TreeMap<>();
        for (int x = 200; x <= 999; x++) {
            g.describe("1" + npa + x).filter(NanpCatalog::isCity).ifPresent(d -> count.merge(d, 1, Integer::sum));
        }
        String best = null;
        for (Map.Entry<String, Integer> e : count.entrySet()) {
            if (best == null || e.getValue() > count.get(best)) best = e.getKey();
        }
        return Optional.ofNullable(best);
    }

    static boolean isCity(String description) { return description.matches(".+, [A-Z]{2}"); }

    /** {@code nanp-overlays.txt}: area code → the area code it overlays, or {@code City, ST}. */
    static Map<String, String> overlays() {
        Map<String, String> overlays = new LinkedHashMap<>();
        try (InputStream in = NanpCatalog.class.getResourceAsStream(OVERLAYS)) {
            if (in == null) throw new IllegalStateException(OVERLAYS + " is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.replaceAll("#.*", "").trim();
                if (l.isEmpty()) continue;
                String[] parts = l.split("\\s+", 2);
                overlays.put(parts[0], parts[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return overlays;
    }
}
