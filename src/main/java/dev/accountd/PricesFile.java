package dev.accountd;

import dev.accountd.config.Config;
import dev.accountd.domain.Money;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceTable;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.json.Json;
import dev.accountd.service.PriceSheet;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads prices files: the built-in table ({@code dev/accountd/prices.json}) and the operator's
 * ({@code --prices} / {@code ACCOUNTD_PRICES}), which has the same shape and is laid over it (docs/behaviour.md, Billing &gt;
 * Prices). A file that cannot be read, is not such JSON, or breaks a rule stops start-up with one line naming the
 * file and the problem.
 */
final class PricesFile {
    static final String BUILT_IN = "/dev/accountd/prices.json";
    private static final Set<String> ROOT_FIELDS = Set.of("currency", "countries", "notes");
    private static final Set<String> ROUTE_FIELDS = Set.of("friendly_name", "prefixes", "price");
    /** No price of a minute, a segment or a month comes near this; a larger one is a typo. */
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    private PricesFile() {}

    /**
     * The price table accountd runs with: the built-in one, with the operator's file over it. Its currency must be
     * the configured one: the built-in table is in USD, so another ACCOUNTD_CURRENCY needs a file in that currency
     * (which then replaces the built-in table instead of extending it).
     */
    static PriceTable table(Config config) {
        PriceTable table = builtIn();
        if (config.pricesFile().isPresent()) {
            Path file = config.pricesFile().get();
            PriceSheet sheet = read(file);
            if (!sheet.currency().equals(config.currency())) {
                throw invalid(file, "its currency is " + sheet.currency() + " but ACCOUNTD_CURRENCY is " + config.currency()
                        + " (set \"currency\": \"" + config.currency() + "\" and prices in it)");
            }
            try {
                table = sheet.over(table);
            } catch (IllegalArgumentException e) {
                throw invalid(file, e.getMessage());
            }
        } else if (!table.currency().equals(config.currency())) {
            throw new Config.InvalidConfig("ACCOUNTD_CURRENCY is " + config.currency() + " but the built-in price table is in "
                    + table.currency() + ": give --prices / ACCOUNTD_PRICES a file whose \"currency\" is " + config.currency());
        }
        return table;
    }

    /** The built-in table; a broken one is a bug of this build, not an operator's mistake. */
    static PriceTable builtIn() {
        try (InputStream in = PricesFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IllegalStateException("the built-in price table " + BUILT_IN + " is missing from the build");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).over(PriceSheet.empty("USD"));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the built-in price table " + BUILT_IN + " is broken: " + e.getMessage(), e);
        }
    }

    static PriceSheet read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw invalid(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
    }

    static Config.InvalidConfig invalid(Path file, String problem) {
        return new Config.InvalidConfig("invalid --prices / ACCOUNTD_PRICES " + file + ": " + problem);
    }

    /** @throws IllegalArgumentException naming the first field that is not as docs/behaviour.md describes */
    static PriceSheet parse(String text) {
        Map<String, Object> root = Json.readObject(text);
        for (String key : root.keySet()) {
            if (!ROOT_FIELDS.contains(key)) throw new IllegalArgumentException("unknown field '" + key + "'; the fields are currency, countries and notes");
        }
        String currency = currency(root.getOrDefault("currency", "USD"));
        if (!(root.get("countries") instanceof Map<?, ?> countries)) {
            throw new IllegalArgumentException("expected \"countries\": {\"US\": {…}, …}");
        }
        Map<String, Optional<PriceSheet.Country>> parsed = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : countries.entrySet()) {
            String code = (String) e.getKey();
            String label = "countries." + code;
            if (e.getValue() == null) {
                parsed.put(code, Optional.empty());
            } else if (e.getValue() instanceof Map<?, ?> c) {
                parsed.put(code, Optional.of(country(label, c, currency)));
            } else {
                throw new IllegalArgumentException(label + " must be an object of prices, or null to remove the country");
            }
        }
        return new PriceSheet(currency, parsed);
    }

    private static String currency(Object value) {
        if (value instanceof String s && s.matches("[A-Z]{3}")) {
            try {
                java.util.Currency.getInstance(s);
                return s;
            } catch (IllegalArgumentException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("currency must be an upper-case ISO 4217 code such as USD, not " + Json.write(value));
    }

    private static PriceSheet.Country country(String label, Map<?, ?> c, String currency) {
        Optional<String> name = Optional.empty();
        List<PriceSheet.Route> routes = new ArrayList<>();
        Map<PriceKind, Map<PricedNumberType, Optional<Money>>> byType = new EnumMap<>(PriceKind.class);
        for (Map.Entry<?, ?> e : c.entrySet()) {
            String field = (String) e.getKey();
            String where = label + "." + field;
            if (field.equals("notes")) continue;
            if (field.equals("name")) {
                if (!(e.getValue() instanceof String n) || n.isBlank()) throw new IllegalArgumentException(where + " must be a non-empty string");
                name = Optional.of(n);
                continue;
            }
            PriceKind kind = PriceKind.fromField(field).orElseThrow(() -> new IllegalArgumentException("unknown field '" + where
                    + "'; a country's fields are name, notes, " + Arrays.stream(PriceKind.values()).map(PriceKind::field).collect(Collectors.joining(", "))));
            if (kind.byPrefix()) {
                if (!(e.getValue() instanceof List<?> list)) throw new IllegalArgumentException(where + " must be a list of {friendly_name, prefixes, price}");
                for (int i = 0; i < list.size(); i++) routes.add(route(where + "[" + i + "]", list.get(i), currency));
            } else {
                byType.put(kind, byType(where, e.getValue(), currency));
            }
        }
        return new PriceSheet.Country(name, routes, byType);
    }

    private static PriceSheet.Route route(String label, Object value, String currency) {
        if (!(value instanceof Map<?, ?> r)) throw new IllegalArgumentException(label + " must be an object {friendly_name, prefixes, price}");
        for (Object key : r.keySet()) {
            if (!ROUTE_FIELDS.contains(key)) throw new IllegalArgumentException(label + ": unknown field '" + key + "'; the fields are friendly_name, prefixes and price");
        }
        Optional<String> friendlyName = Optional.empty();
        if (r.get("friendly_name") != null) {
            if (!(r.get("friendly_name") instanceof String n) || n.isBlank()) throw new IllegalArgumentException(label + ".friendly_name must be a non-empty string");
            friendlyName = Optional.of(n);
        }
        if (!(r.get("prefixes") instanceof List<?> prefixes) || !prefixes.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(label + ".prefixes must be a list of strings of digits, such as [\"447\"]");
        }
        if (!r.containsKey("price")) throw new IllegalArgumentException(label + ".price is missing (null removes the prefixes)");
        Optional<Money> price = r.get("price") == null ? Optional.empty() : Optional.of(price(label + ".price", r.get("price"), currency));
        return new PriceSheet.Route(label, friendlyName, prefixes.stream().map(String.class::cast).toList(), price);
    }

    private static Map<PricedNumberType, Optional<Money>> byType(String label, Object value, String currency) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(label + " must be an object of prices by number type, such as {\"local\": \"1.15\"}");
        }
        Map<PricedNumberType, Optional<Money>> prices = new EnumMap<>(PricedNumberType.class);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String type = (String) e.getKey();
            PricedNumberType t = Arrays.stream(PricedNumberType.values()).filter(x -> x.wire().equals(type)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(label + ": unknown number type '" + type + "'; the types are "
                            + Arrays.stream(PricedNumberType.values()).map(PricedNumberType::wire).collect(Collectors.joining(", "))));
            prices.put(t, e.getValue() == null ? Optional.empty() : Optional.of(price(label + "." + type, e.getValue(), currency)));
        }
        return prices;
    }

    /**
     * A price written as a string ("0.0085", preferred) or a JSON number: at least 0, below a million, and exact in
     * millionths, in the file's currency.
     */
    private static Money price(String label, Object value, String currency) {
        if (value instanceof String || value instanceof Number) {
            try {
                BigDecimal amount = new BigDecimal(value.toString().trim());
                if (amount.signum() >= 0 && amount.compareTo(MAX_PRICE) < 0) return Money.of(amount, currency);
            } catch (IllegalArgumentException e) { // NumberFormatException, or more than six decimals
                throw new IllegalArgumentException(label + ": " + Json.write(value) + " is not a price such as \"0.0085\" (at most six decimal places)");
            }
        }
        throw new IllegalArgumentException(label + ": " + Json.write(value) + " is not a price such as \"0.0085\" (at least 0, below 1000000)");
    }
}
