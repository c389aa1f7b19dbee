package dev.accountd.service;

import dev.accountd.domain.NumberType;
import dev.accountd.service.inventory.Block;
import dev.accountd.service.inventory.InventoryBlocks;
import dev.accountd.service.inventory.OperatorBlock;
import dev.accountd.service.inventory.OperatorBlocks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * accountd's simulated number inventory: blocks of numbers generated on demand, the same on every start (see
 * {@code service.inventory}): every geographic North American area code and toll-free prefix, the main areas of
 * GB, DE and AU, one block for each other type, and the operator's blocks. Built on first use (or by
 * {@link #warmUp()}, off the start-up path): reading libphonenumber's data takes a few hundred milliseconds.
 */
public final class Inventory {
    /** ISO country, name and the types offered there, in the order the countries list shows them. */
    public record Country(String code, String name, List<String> types) {}

    /** A number of the inventory: its block and its position in the block's order. */
    public record Located(Block block, long position) {}

    private record Catalog(List<Block> blocks, Map<String, Country> countries, Map<String, List<Block>> byCountryAndType,
                           Map<String, List<Block>> byPrefix, Map<String, List<Block>> byAreaCode) {}

    private final List<Block> operatorBlocks;
    private volatile Catalog catalog;

    /** The built-in inventory only. */
    public Inventory() { this(List.of()); }

    /**
     * The built-in inventory and the operator's blocks.
     *
     * @throws IllegalArgumentException naming the first operator block that is malformed or overlaps another
     */
    public Inventory(List<OperatorBlock> operatorBlocks) {
        this.operatorBlocks = OperatorBlocks.check(operatorBlocks);
    }

    private Catalog catalog() {
        Catalog c = catalog;
        if (c == null) {
            synchronized (this) {
                if (catalog == null) catalog = build();
                c = catalog;
            }
        }
        return c;
    }

    private Catalog build() {
        List<Block> blocks = new ArrayList<>(InventoryBlocks.builtIn());
        blocks.addAll(operatorBlocks);
        Map<String, List<Block>> byCountryAndType = new HashMap<>();
        Map<String, List<Block>> byPrefix = new HashMap<>();
        Map<String, List<Block>> byAreaCode = new HashMap<>();
        TreeMap<String, List<NumberType>> types = new TreeMap<>();
        for (Block b : blocks) {
            byCountryAndType.computeIfAbsent(b.country() + "/" + b.type().path(), k -> new ArrayList<>()).add(b);
            byPrefix.computeIfAbsent(b.prefix(), k -> new ArrayList<>()).add(b);
            if (b.type() == NumberType.LOCAL) b.areaCode().ifPresent(a -> byAreaCode.computeIfAbsent(a, k -> new ArrayList<>()).add(b));
            List<NumberType> t = types.computeIfAbsent(b.country(), k -> new ArrayList<>());
            if (!t.contains(b.type())) t.add(b.type());
        }
        Map<String, Country> countries = new LinkedHashMap<>();
        types.forEach((code, t) -> countries.put(code, new Country(code, new Locale("", code).getDisplayCountry(Locale.ENGLISH),
                t.stream().sorted(Comparator.naturalOrder()).map(NumberType::path).toList())));
        return new Catalog(List.copyOf(blocks), countries, byCountryAndType, byPrefix, byAreaCode);
    }

    /** Builds the catalog and works out every block's numbers, so that no request pays for it. */
    public void warmUp() {
        for (Block b : catalog().blocks()) b.order();
    }

    public List<Country> countries() { return List.copyOf(catalog().countries().values()); }

    public Optional<Country> country(String code) { return Optional.ofNullable(catalog().countries().get(code)); }

    /** The blocks of one country and type, in a fixed order (North American ones by area code). */
    public List<Block> blocks(String country, String type) {
        return catalog().byCountryAndType().getOrDefault(country + "/" + type, List.of());
    }

    /** The Local blocks of a North American area code (US or CA). */
    public List<Block> areaCode(String areaCode) { return catalog().byAreaCode().getOrDefault(areaCode, List.of()); }

    /** The block and position of a number of the inventory, owned or not, by its E.164 form. */
    public Optional<Located> locate(String e164) {
        Map<String, List<Block>> byPrefix = catalog().byPrefix();
        for (int len = Math.min(e164.length(), 16); len >= 2; len--) {
            for (Block b : byPrefix.getOrDefault(e164.substring(0, len), List.of())) {
                OptionalLong position = b.position(e164);
                if (position.isPresent()) return Optional.of(new Located(b, position.getAsLong()));
            }
        }
        return Optional.empty();
    }
}
