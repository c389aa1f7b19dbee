package dev.accountd;

import dev.accountd.config.Config;
import dev.accountd.json.Json;
import dev.accountd.service.inventory.Block;
import dev.accountd.service.inventory.OperatorBlock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the operator's inventory file ({@code ACCOUNTD_INVENTORY_FILE}): {@code {"blocks": [{…}, …]}}, each block
 * with the fields docs/behaviour.md lists. A file that cannot be read, is not such JSON, or has a block the inventory
 * refuses stops start-up with one line naming the file and the problem.
 */
final class InventoryFile {
    private static final Set<String> FIELDS = Set.of("country", "type", "prefix", "digits", "first", "last", "locality", "region",
            "postal_code", "rate_center", "lata", "latitude", "longitude", "address_requirements", "capabilities");
    private static final Set<String> CAPABILITIES = Set.of("voice", "sms", "mms", "fax");

    private InventoryFile() {}

    static List<OperatorBlock> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw invalid(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Map<String, Object> root;
        try {
            root = Json.readObject(text);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
        if (!(root.get("blocks") instanceof List<?> blocks) || root.size() != 1) {
            throw invalid(file, "expected {\"blocks\": [ … ]} and nothing else");
        }
        List<OperatorBlock> read = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String label = "block " + (i + 1);
            if (!(blocks.get(i) instanceof Map<?, ?> b)) throw invalid(file, label + " is not a JSON object");
            try {
                read.add(block(label, b));
            } catch (IllegalArgumentException e) {
                throw invalid(file, e.getMessage());
            }
        }
        return read;
    }

    private static OperatorBlock block(String label, Map<?, ?> b) {
        for (Object key : b.keySet()) {
            if (!FIELDS.contains(key)) throw new IllegalArgumentException(label + ": unknown field '" + key + "'; the fields are " + FIELDS);
        }
        Object digits = b.get("digits");
        if (!(digits instanceof Integer d)) throw new IllegalArgumentException(label + ": digits must be a whole number");
        return new OperatorBlock(string(label, b, "country").orElse(null), string(label, b, "type").orElse(null),
                string(label, b, "prefix").orElse(null), d, string(label, b, "first"), string(label, b, "last"),
                string(label, b, "locality"), string(label, b, "region"), string(label, b, "postal_code"),
                string(label, b, "rate_center"), string(label, b, "lata"), decimal(label, b, "latitude"), decimal(label, b, "longitude"),
                string(label, b, "address_requirements"), capabilities(label, b.get("capabilities")));
    }

    private static Optional<String> string(String label, Map<?, ?> b, String field) {
        Object v = b.get(field);
        if (v == null) return Optional.empty();
        if (!(v instanceof String s)) throw new IllegalArgumentException(label + ": " + field + " must be a string");
        return Optional.of(s);
    }

    private static Optional<BigDecimal> decimal(String label, Map<?, ?> b, String field) {
        Object v = b.get(field);
        if (v == null) return Optional.empty();
        if (!(v instanceof Number) && !(v instanceof String)) throw new IllegalArgumentException(label + ": " + field + " must be a number");
        try {
            return Optional.of(new BigDecimal(v.toString()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ": " + field + " must be a number");
        }
    }

    private static Optional<Block.Capabilities> capabilities(String label, Object v) {
        if (v == null) return Optional.empty();
        if (!(v instanceof Map<?, ?> m) || !CAPABILITIES.containsAll(m.keySet()) || !m.values().stream().allMatch(Boolean.class::isInstance)) {
            throw new IllegalArgumentException(label + ": capabilities must be an object of voice, sms, mms and fax, each true or false");
        }
        return Optional.of(new Block.Capabilities(flag(m, "voice"), flag(m, "sms"), flag(m, "mms"), flag(m, "fax")));
    }

    private static boolean flag(Map<?, ?> m, String key) { return Boolean.TRUE.equals(m.get(key)); }

    static Config.InvalidConfig invalid(Path file, String problem) {
        return new Config.InvalidConfig("invalid ACCOUNTD_INVENTORY_FILE " + file + ": " + problem);
    }
}
