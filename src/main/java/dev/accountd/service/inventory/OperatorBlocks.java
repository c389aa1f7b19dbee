package dev.accountd.service.inventory;

import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.NumberType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the operator's blocks: each well formed, in its country's calling code, and overlapping neither
 * accountd's own blocks nor another of the file. A block that fails is refused with a line naming it and the rule.
 */
public final class OperatorBlocks {
    private OperatorBlocks() {}

    /** The number range a block claims: numbers of {@code length} digits (country code included) from low to high. */
    record Claim(String label, int length, long low, long high) {
        boolean overlaps(Claim o) { return length == o.length && low <= o.high && o.low <= high; }
    }

    /** The checked blocks, in the file's order. */
    public static List<Block> check(List<OperatorBlock> blocks) {
        List<Block> checked = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        if (!blocks.isEmpty()) {
            for (InternationalBlocks.Definition d : InternationalBlocks.DEFINITIONS) {
                claims.add(claim("accountd's " + d.country() + " " + d.type().path() + " block " + d.prefix(), d.prefix(), d.digits(),
                        d.ranged() ? d.first() : 0, d.ranged() ? d.last() : Space.pow10(d.digits()) - 1));
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            OperatorBlock b = blocks.get(i);
            String label = "block " + (i + 1) + " (" + b.prefix() + ")";
            Checked c = check(label, b);
            for (Claim other : claims) {
                if (other.overlaps(c.claim())) throw new IllegalArgumentException(label + " overlaps " + other.label());
            }
            claims.add(c.claim());
            checked.add(c.block());
        }
        return checked;
    }

    private record Checked(Block block, Claim claim) {}

    private static Checked check(String label, OperatorBlock b) {
        if (b.country() == null || !b.country().matches("[A-Z]{2}") || PhoneNumbers.callingCode(b.country()) == 0) {
            throw new IllegalArgumentException(label + ": country must be an ISO country code such as US or GB, not '" + b.country() + "'");
        }
        NumberType type = NumberType.fromPath(b.type() == null ? "" : b.type()).orElseThrow(() -> new IllegalArgumentException(label
                + ": type must be one of " + Arrays.stream(NumberType.values()).map(NumberType::path).collect(Collectors.joining(", "))));
        String cc = Integer.toString(PhoneNumbers.callingCode(b.country()));
        if (b.prefix() == null || !b.prefix().matches("\\+[1-9]\\d*") || !b.prefix().startsWith("+" + cc)) {
            throw new IllegalArgumentException(label + ": prefix must be an E.164 prefix starting with +" + cc + " (" + b.country() + ")");
        }
        int prefixDigits = b.prefix().length() - 1;
        if (b.digits() < 1 || prefixDigits + b.digits() > 15) {
            throw new IllegalArgumentException(label + ": digits must be from 1 to " + (15 - prefixDigits) + " (E.164 numbers have at most 15 digits)");
        }
        if (cc.equals("1")) checkNorthAmerican(label, b, type, prefixDigits);
        long first = subscriber(label, "first", b.first(), b.digits(), 0);
        long last = subscriber(label, "last", b.last(), b.digits(), Space.pow10(b.digits()) - 1);
        if (first > last) throw new IllegalArgumentException(label + ": first is after last");
        AddressRequirement address = b.addressRequirements().map(v -> AddressRequirement.fromWire(v).orElseThrow(
                () -> new IllegalArgumentException(label + ": address_requirements must be none, any, local or foreign"))).orElse(AddressRequirement.NONE);
        b.latitude().filter(v -> v.abs().compareTo(BigDecimal.valueOf(90)) > 0).ifPresent(v -> {
            throw new IllegalArgumentException(label + ": latitude must be from -90 to 90");
        });
        b.longitude().filter(v -> v.abs().compareTo(BigDecimal.valueOf(180)) > 0).ifPresent(v -> {
            throw new IllegalArgumentException(label + ": longitude must be from -180 to 180");
        });
        Block.Place place = new Block.Place(b.locality(), b.region(), b.postalCode(), b.rateCenter(), b.lata(), b.latitude(), b.longitude());
        Block block = new Block(b.country(), type, b.prefix(), b.digits(), place, address,
                b.capabilities().orElse(new Block.Capabilities(true, true, true, false)), true, () -> Space.range(b.digits(), first, last));
        return new Checked(block, claim(label, b.prefix(), b.digits(), first, last));
    }

    /** North American blocks hold ten-digit numbers in an area code that accountd's own blocks do not cover. */
    private static void checkNorthAmerican(String label, OperatorBlock b, NumberType type, int prefixDigits) {
        if (prefixDigits + b.digits() != 11 || !b.prefix().matches("\\+1[2-9]\\d{2}\\d*")) {
            throw new IllegalArgumentException(label + ": a North American prefix is +1, a three-digit area code (2-9 first) and"
                    + " digits make ten digits after the +1");
        }
        String npa = b.prefix().substring(2, 5);
        Optional<NanpCatalog.AreaCode> builtIn = NanpCatalog.kind(npa);
        if (builtIn.isPresent()) {
            throw new IllegalArgumentException(label + " overlaps accountd's own block for area code " + npa + " ("
                    + (builtIn.get().tollFree() ? "toll-free" : builtIn.get().country() + " Local") + ")");
        }
        if (type == NumberType.TOLL_FREE && !npa.startsWith("8")) {
            throw new IllegalArgumentException(label + ": North American toll-free numbers start with +18");
        }
    }

    private static long subscriber(String label, String field, Optional<String> value, int digits, long fallback) {
        if (value.isEmpty()) return fallback;
        if (!value.get().matches("\\d{" + digits + "}")) {
            throw new IllegalArgumentException(label + ": " + field + " must be " + digits + " digits, as many as digits says");
        }
        return Long.parseLong(value.get());
    }

    private static Claim claim(String label, String prefix, int digits, long first, long last) {
        long base = Long.parseLong(prefix.substring(1)) * Space.pow10(digits);
        return new Claim(label, prefix.length() - 1 + digits, base + first, base + last);
    }
}
