package dev.accountd.service.inventory;

import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AvailableNumber;
import dev.accountd.domain.NumberType;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A block of the simulated inventory: numbers sharing a prefix, a place and a kind, generated on demand. Position
 * {@code p} of the block's fixed order is {@code prefix + subscriber(order.natural(p))}; nothing is stored per number.
 * A built-in block works out its {@link Space} (which heads libphonenumber calls valid) the first time it is used.
 */
public final class Block {
    /** Where the block's numbers are, as AvailablePhoneNumbers shows it; empty where accountd does not know. */
    public record Place(Optional<String> locality, Optional<String> region, Optional<String> postalCode,
                        Optional<String> rateCenter, Optional<String> lata, Optional<BigDecimal> latitude,
                        Optional<BigDecimal> longitude) {
        public static Place of(String locality, String region) {
            return new Place(Optional.ofNullable(locality), Optional.ofNullable(region), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public record Capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {}

    private final String country;
    private final NumberType type;
    private final String prefix;
    private final int digits;
    private final Place place;
    private final AddressRequirement addressRequirements;
    private final Capabilities capabilities;
    private final boolean operator;
    private final Supplier<Space> spaceSupplier;
    private volatile Space space;
    private volatile Permutation order;
    private volatile String key;

    public Block(String country, NumberType type, String prefix, int digits, Place place, AddressRequirement addressRequirements,
                 Capabilities capabilities, boolean operator, Supplier<Space> space) {
        this.country = country;
        this.type = type;
        this.prefix = prefix;
        this.digits = digits;
        this.place = place;
        this.addressRequirements = addressRequirements;
        this.capabilities = capabilities;
        this.operator = operator;
        this.spaceSupplier = space;
    }

    public String country() { return country; }

    public NumberType type() { return type; }

    /** The E.164 prefix, {@code +1415}. */
    public String prefix() { return prefix; }

    /** How many digits follow the prefix. */
    public int digits() { return digits; }

    public Place place() { return place; }

    public AddressRequirement addressRequirements() { return addressRequirements; }

    public Capabilities capabilities() { return capabilities; }

    /** Whether the block comes from the operator's file rather than accountd's own inventory. */
    public boolean operator() { return operator; }

    /** The North American area code of the block's numbers, for US and CA blocks. */
    public Optional<String> areaCode() {
        return prefix.startsWith("+1") && prefix.length() >= 5 ? Optional.of(prefix.substring(2, 5)) : Optional.empty();
    }

    public Space space() {
        Space s = space;
        if (s == null) {
            synchronized (this) {
                if (space == null) space = spaceSupplier.get();
                s = space;
            }
        }
        return s;
    }

    /** The block's fixed order. */
    public Permutation order() {
        Permutation o = order;
        if (o == null) {
            // the seed is the prefix: String.hashCode is specified, so the order is the same on every start
            o = new Permutation(space().size(), (country + type.path() + prefix).hashCode() & 0x7fffffffL);
            order = o;
        }
        return o;
    }

    /**
     * The block's identity in the store (where its order stands): country, type, prefix and a fingerprint of its
     * space, so that a block whose numbers change (an operator's edit, a new libphonenumber) starts afresh.
     */
    public String key() {
        String k = key;
        if (k == null) {
            k = country + "/" + type.path() + "/" + prefix + "/" + space().fingerprint();
            key = k;
        }
        return k;
    }

    public long size() { return space().size(); }

    /** The E.164 number at this position of the block's order. */
    public String number(long position) {
        Space s = space();
        return prefix + s.format(s.value(order().natural(position)));
    }

    /** The position of this E.164 number in the block's order, if the block has it. */
    public OptionalLong position(String e164) {
        if (!e164.startsWith(prefix) || e164.length() != prefix.length() + digits) return OptionalLong.empty();
        String subscriber = e164.substring(prefix.length());
        for (int i = 0; i < subscriber.length(); i++) if (!Character.isDigit(subscriber.charAt(i))) return OptionalLong.empty();
        OptionalLong natural = space().natural(Long.parseLong(subscriber));
        return natural.isPresent() ? OptionalLong.of(order().position(natural.getAsLong())) : OptionalLong.empty();
    }

    /** The number at this position, as AvailablePhoneNumbers offers it. */
    public AvailableNumber available(long position) { return available(number(position)); }

    public AvailableNumber available(String e164) {
        return new AvailableNumber(e164, PhoneNumbers.friendlyName(e164), type.path(), country, place.locality(), place.region(),
                place.postalCode(), place.rateCenter(), place.lata(), place.latitude(), place.longitude(), addressRequirements.wire(),
                capabilities.voice(), capabilities.sms(), capabilities.mms(), capabilities.fax());
    }

    @Override
    public String toString() { return country + " " + type.path() + " " + prefix + " + " + digits + " digits"; }
}
