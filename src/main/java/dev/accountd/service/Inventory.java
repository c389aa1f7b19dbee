package dev.accountd.service;

import dev.accountd.domain.AvailableNumber;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * accountd's simulated number inventory: the same numbers on every start, in the countries and kinds the
 * seeds name. US and CA: local numbers by area code, toll-free 8xx, no address needed. GB: London and Manchester
 * local and 7xxx mobile numbers, an address of any country required. DE: local numbers needing an address in
 * Germany. AU: Sydney and Melbourne local and mobile numbers, any address. And one block for each type the seeds do
 * not name: GB National (03) and Voip (056), DE SharedCost (0180), NL MachineToMachine (097). GB local, mobile and
 * national numbers use Ofcom's ranges for fiction (020 7946 0xxx, 0161 496 0xxx, 07700 900xxx, 0306 999 0xxx) so
 * none of them rings a real phone.
 */
public final class Inventory {
    /** A block of numbers sharing a prefix and its place. */
    private record Block(String country, String type, String prefix, int digits, String locality, String region,
                         String postalCode, String rateCenter, String lata, String latitude, String longitude,
                         String addressRequirements, boolean voice, boolean sms, boolean mms, boolean fax) {}

    /** ISO country, name and the types offered there, in the order the countries list shows them. */
    public record Country(String code, String name, List<String> types) {}

    private static final int PER_BLOCK = 60;
    private final Map<String, Country> countries = new LinkedHashMap<>();
    private final List<AvailableNumber> numbers = new ArrayList<>();
    private final Map<String, AvailableNumber> byNumber = new java.util.HashMap<>();

    public Inventory() {
        List<Block> blocks = List.of(
                local("US", "+1415", 7, "San Francisco", "CA", "94103", "SNFC CA", "722", "37.773972", "-122.431297", "none"),
                local("US", "+1212", 7, "New York", "NY", "10001", "NWYRCYZN01", "132", "40.750742", "-73.996803", "none"),
                local("US", "+1312", 7, "Chicago", "IL", "60601", "CHCG ZN 01", "358", "41.885310", "-87.621361", "none"),
                local("US", "+1206", 7, "Seattle", "WA", "98101", "SEATTLE", "674", "47.610378", "-122.333530", "none"),
                local("US", "+1512", 7, "Austin", "TX", "78701", "AUSTIN", "558", "30.271129", "-97.743699", "none"),
                local("CA", "+1416", 7, "Toronto", "ON", "M5H", "TORONTO", null, "43.653225", "-79.383186", "none"),
                local("CA", "+1604", 7, "Vancouver", "BC", "V6B", "VANCOUVER", null, "49.282730", "-123.120735", "none"),
                tollFree("US", "+1800"), tollFree("US", "+1833"), tollFree("US", "+1844"), tollFree("US", "+1855"),
                tollFree("US", "+1866"), tollFree("US", "+1877"), tollFree("US", "+1888"),
                tollFree("CA", "+1844"), tollFree("CA", "+1877"),
                local("GB", "+442079460", 3, "London", null, null, null, null, "51.507351", "-0.127758", "any"),
                local("GB", "+441614960", 3, "Manchester", null, null, null, null, "53.480759", "-2.242631", "any"),
                new Block("GB", "Mobile", "+447700900", 3, null, null, null, null, null, null, null, "any", true, true, true, false),
                local("DE", "+4930", 8, "Berlin", "Berlin", "10115", null, null, "52.520008", "13.404954", "local"),
                local("DE", "+4989", 8, "München", "Bayern", "80331", null, null, "48.135124", "11.581981", "local"),
                local("AU", "+6128", 7, "Sydney", "NSW", "2000", null, null, "-33.868820", "151.209290", "any"),
                local("AU", "+6139", 7, "Melbourne", "VIC", "3000", null, null, "-37.813629", "144.963058", "any"),
                new Block("AU", "Mobile", "+61491", 6, null, null, null, null, null, null, null, "any", true, true, false, false),
                // the four types the seeds do not name, one block each, so that every search list has numbers
                new Block("GB", "National", "+443069990", 3, null, null, null, null, null, null, null, "any", true, false, false, false),
                new Block("GB", "Voip", "+44560", 7, null, null, null, null, null, null, null, "any", true, true, false, false),
                new Block("DE", "SharedCost", "+491806", 6, null, null, null, null, null, null, null, "any", true, false, false, false),
                new Block("NL", "MachineToMachine", "+319700", 7, null, null, null, null, null, null, null, "none", false, true, false, false));
        country("AU", "Australia");
        country("CA", "Canada");
        country("DE", "Germany");
        country("GB", "United Kingdom");
        country("NL", "Netherlands");
        country("US", "United States");
        for (Block b : blocks) {
            for (int i = 0; i < PER_BLOCK; i++) {
                String number = b.prefix() + digits(b, i);
                AvailableNumber n = new AvailableNumber(number, friendly(b.country(), number), b.type(), b.country(),
                        Optional.ofNullable(b.locality()), Optional.ofNullable(b.region()), Optional.ofNullable(b.postalCode()),
                        Optional.ofNullable(b.rateCenter()), Optional.ofNullable(b.lata()),
                        Optional.ofNullable(b.latitude()).map(BigDecimal::new), Optional.ofNullable(b.longitude()).map(BigDecimal::new),
                        b.addressRequirements(), b.voice(), b.sms(), b.mms(), b.fax());
                // a number is bought by its E.164 form, so it must be in one block only
                if (byNumber.putIfAbsent(number, n) != null) throw new IllegalStateException("inventory has " + number + " twice");
                numbers.add(n);
            }
            Country c = countries.get(b.country());
            if (!c.types().contains(b.type())) c.types().add(b.type());
        }
    }

    private static Block local(String country, String prefix, int digits, String locality, String region, String postal,
                               String rateCenter, String lata, String lat, String lon, String address) {
        return new Block(country, "Local", prefix, digits, locality, region, postal, rateCenter, lata, lat, lon, address,
                true, true, !"DE".equals(country), false);
    }

    private static Block tollFree(String country, String prefix) {
        return new Block(country, "TollFree", prefix, 7, null, null, null, null, null, null, null, "none", true, true, false, true);
    }

    private void country(String code, String name) {
        countries.put(code, new Country(code, name, new ArrayList<>()));
    }

    /** A spread of valid-looking subscriber digits: North American exchanges never start with 0 or 1. */
    private static String digits(Block b, int i) {
        long spread = (i * 7919L + Math.floorMod((b.country() + b.prefix()).hashCode(), 97) * 131L) % (long) Math.pow(10, b.digits());
        String s = String.format("%0" + b.digits() + "d", Math.abs(spread));
        if (b.prefix().startsWith("+1") && b.digits() == 7 && (s.charAt(0) == '0' || s.charAt(0) == '1')) {
            s = (char) ('2' + i % 8) + s.substring(1);
        }
        return s;
    }

    /** Twilio's friendly_name: (415) 555-0123 in North America, the international form elsewhere. */
    private static String friendly(String country, String e164) {
        if (e164.startsWith("+1")) {
            String n = e164.substring(2);
            return "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
        }
        return e164;
    }

    public List<Country> countries() { return List.copyOf(countries.values()); }

    public Optional<Country> country(String code) { return Optional.ofNullable(countries.get(code)); }

    /** A number of the inventory, owned or not, by its E.164 form. */
    public Optional<AvailableNumber> number(String e164) { return Optional.ofNullable(byNumber.get(e164)); }

    /** Every number of one country and type, in a fixed order. */
    public List<AvailableNumber> numbers(String country, String type) {
        return numbers.stream().filter(n -> n.isoCountry().equals(country) && n.type().equals(type)).toList();
    }
}
