package dev.accountd.service;

import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AvailableNumber;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.Block;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.PhoneNumberStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * AvailablePhoneNumbers: searches of the simulated {@link Inventory}, with the spec's filters.
 *
 * <p>A number some account owns is never offered. Filters on a block's place, capabilities and address rule choose
 * the blocks; {@link InventorySearch} finds free numbers in them. Not like Twilio: NearNumber, NearLatLong, Distance
 * and Beta are checked and ignored.
 */
public final class AvailableNumberService {
    private final AccountStore accounts;
    private final Inventory inventory;
    private final InventorySearch finder;

    public AvailableNumberService(AccountStore accounts, PhoneNumberStore owned, Inventory inventory) {
        this.accounts = accounts;
        this.inventory = inventory;
        this.finder = new InventorySearch(owned);
    }

    /** The search filters of every AvailablePhoneNumbers type. */
    public record Search(Optional<Integer> areaCode, Optional<String> contains, Optional<Boolean> smsEnabled,
                         Optional<Boolean> mmsEnabled, Optional<Boolean> voiceEnabled, Optional<Boolean> faxEnabled,
                         boolean excludeAllAddressRequired, boolean excludeLocalAddressRequired,
                         boolean excludeForeignAddressRequired, Optional<String> inRegion, Optional<String> inPostalCode,
                         Optional<String> inLocality, Optional<String> inRateCenter, Optional<String> inLata,
                         Optional<String> nearNumber, int limit) {}

    public List<Inventory.Country> countries(Caller caller, String accountSid) {
        Access.reach(caller, accountSid, accounts);
        return inventory.countries();
    }

    public Inventory.Country country(Caller caller, String accountSid, String code) {
        Access.reach(caller, accountSid, accounts);
        return inventory.country(code).orElseThrow(TwilioException::notFound);
    }

    public List<AvailableNumber> search(Caller caller, String accountSid, String country, String type, Search s) {
        Access.reach(caller, accountSid, accounts);
        Inventory.Country c = inventory.country(country).orElseThrow(TwilioException::notFound);
        if (!c.types().contains(type)) throw TwilioException.notFound();
        if (s.areaCode().isPresent() && !country.equals("US") && !country.equals("CA")) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "AreaCode applies to US and CA numbers only");
        }
        s.nearNumber().filter(v -> !PhoneNumbers.isValidFor(v, country)).ifPresent(v -> {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid NearNumber '" + v + "': expected a phone number such as +14155550123");
        });
        Optional<ContainsPattern> pattern = s.contains().map(ContainsPattern::parse);
        List<Block> blocks = inventory.blocks(country, type).stream().filter(blockFilter(s)).toList();
        return finder.free(blocks, pattern, s.limit()).stream().map(n -> n.block().available(n.e164())).toList();
    }

    /** The filters that a block's place, capabilities and address rule decide, for all its numbers at once. */
    private static Predicate<Block> blockFilter(Search s) {
        Predicate<Block> match = b -> true;
        if (s.areaCode().isPresent()) {
            String area = String.valueOf(s.areaCode().get());
            match = match.and(b -> b.areaCode().filter(area::equals).isPresent());
        }
        match = match.and(flag(s.smsEnabled(), b -> b.capabilities().sms())).and(flag(s.mmsEnabled(), b -> b.capabilities().mms()))
                .and(flag(s.voiceEnabled(), b -> b.capabilities().voice())).and(flag(s.faxEnabled(), b -> b.capabilities().fax()));
        if (s.excludeAllAddressRequired()) match = match.and(b -> b.addressRequirements() == AddressRequirement.NONE);
        if (s.excludeLocalAddressRequired()) match = match.and(b -> b.addressRequirements() != AddressRequirement.LOCAL);
        if (s.excludeForeignAddressRequired()) match = match.and(b -> b.addressRequirements() != AddressRequirement.FOREIGN);
        return match.and(same(s.inRegion(), p -> p.region())).and(same(s.inPostalCode(), p -> p.postalCode()))
                .and(same(s.inLocality(), p -> p.locality())).and(same(s.inRateCenter(), p -> p.rateCenter()))
                .and(same(s.inLata(), p -> p.lata()));
    }

    private static Predicate<Block> flag(Optional<Boolean> wanted, Predicate<Block> has) {
        return wanted.<Predicate<Block>>map(w -> b -> has.test(b) == w).orElse(b -> true);
    }

    private static Predicate<Block> same(Optional<String> wanted, Function<Block.Place, Optional<String>> field) {
        return wanted.<Predicate<Block>>map(w -> b -> field.apply(b.place()).map(v -> v.equalsIgnoreCase(w)).orElse(false)).orElse(b -> true);
    }
}
