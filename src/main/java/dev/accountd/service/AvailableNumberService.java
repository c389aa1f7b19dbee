package dev.accountd.service;

import dev.accountd.domain.AvailableNumber;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.PhoneNumberStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * AvailablePhoneNumbers: searches of the simulated {@link Inventory}, with the spec's filters.
 *
 * <p>A number some account owns is never offered. Not like Twilio: NearNumber, NearLatLong, Distance and Beta
 * are accepted and ignored.
 */
public final class AvailableNumberService {
    private final AccountStore accounts;
    private final PhoneNumberStore owned;
    private final Inventory inventory;

    public AvailableNumberService(AccountStore accounts, PhoneNumberStore owned, Inventory inventory) {
        this.accounts = accounts;
        this.owned = owned;
        this.inventory = inventory;
    }

    /** The search filters of every AvailablePhoneNumbers type. */
    public record Search(Optional<Integer> areaCode, Optional<String> contains, Optional<Boolean> smsEnabled,
                         Optional<Boolean> mmsEnabled, Optional<Boolean> voiceEnabled, Optional<Boolean> faxEnabled,
                         boolean excludeAllAddressRequired, boolean excludeLocalAddressRequired,
                         boolean excludeForeignAddressRequired, Optional<String> inRegion, Optional<String> inPostalCode,
                         Optional<String> inLocality, Optional<String> inRateCenter, Optional<String> inLata, int limit) {}

    public List<Inventory.Country> countries(Caller caller, String accountSid) {
        Access.reach(caller, accountSid, accounts);
        return inventory.countries();
    }

    public Inventory.Country country(Caller caller, String accountSid, String code) {
        String path = base(accountSid) + "/" + code + ".json";
        Access.reach(caller, accountSid, accounts);
        return inventory.country(code).orElseThrow(TwilioException::notFound);
    }

    public List<AvailableNumber> search(Caller caller, String accountSid, String country, String type, Search s) {
        String path = base(accountSid) + "/" + country + "/" + type + ".json";
        Access.reach(caller, accountSid, accounts);
        Inventory.Country c = inventory.country(country).orElseThrow(TwilioException::notFound);
        if (!c.types().contains(type)) throw TwilioException.notFound();
        Predicate<AvailableNumber> match = n -> true;
        if (s.areaCode().isPresent()) {
            if (!country.equals("US") && !country.equals("CA")) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "AreaCode applies to US and CA numbers only");
            }
            String prefix = "+1" + s.areaCode().get();
            match = match.and(n -> n.phoneNumber().startsWith(prefix));
        }
        if (s.contains().isPresent()) {
            Pattern p = containsPattern(s.contains().get());
            match = match.and(n -> p.matcher(n.phoneNumber().substring(1)).find());
        }
        match = match.and(flag(s.smsEnabled(), AvailableNumber::sms)).and(flag(s.mmsEnabled(), AvailableNumber::mms))
                .and(flag(s.voiceEnabled(), AvailableNumber::voice)).and(flag(s.faxEnabled(), AvailableNumber::fax));
        if (s.excludeAllAddressRequired()) match = match.and(n -> n.addressRequirements().equals("none"));
        if (s.excludeLocalAddressRequired()) match = match.and(n -> !n.addressRequirements().equals("local"));
        if (s.excludeForeignAddressRequired()) match = match.and(n -> !n.addressRequirements().equals("foreign"));
        match = match.and(same(s.inRegion(), AvailableNumber::region)).and(same(s.inPostalCode(), AvailableNumber::postalCode))
                .and(same(s.inLocality(), AvailableNumber::locality)).and(same(s.inRateCenter(), AvailableNumber::rateCenter))
                .and(same(s.inLata(), AvailableNumber::lata));
        List<AvailableNumber> matching = inventory.numbers(country, type).stream().filter(match).toList();
        Set<String> taken = owned.owned(matching.stream().map(AvailableNumber::phoneNumber).toList());
        return matching.stream().filter(n -> !taken.contains(n.phoneNumber())).limit(s.limit()).toList();
    }

    /**
     * The spec's Contains pattern, matched against the number without its {@code +}: 2 to 16 characters; digits and
     * letters (read as phone-keypad digits); {@code *} for any one digit and {@code %} for any run of digits, only
     * before or after the digits, never between them, and then with at least two digits; a leading {@code +} anchors
     * the start and a trailing {@code $} the end, neither next to a wildcard.
     */
    static Pattern containsPattern(String raw) {
        String body = raw;
        boolean anchoredStart = body.startsWith("+");
        if (anchoredStart) body = body.substring(1);
        boolean anchoredEnd = body.endsWith("$");
        if (anchoredEnd) body = body.substring(0, body.length() - 1);
        java.util.regex.Matcher parts = CONTAINS.matcher(body);
        if (raw.length() <= 16 && !parts.matches() && body.matches("[0-9A-Za-z*%]+") && body.matches(".*[0-9A-Za-z].*")) {
            throw invalidContains(raw, "* and % go before or after the digits, never between them");
        }
        if (raw.length() < 2 || raw.length() > 16 || !parts.matches()) {
            throw invalidContains(raw, "2 to 16 digits or letters, with * (any one digit) and % (any digits) only before or after them,"
                    + " a leading + or a trailing $");
        }
        String leading = parts.group(1);
        String core = parts.group(2);
        String trailing = parts.group(3);
        if (!(leading + trailing).isEmpty() && core.length() < 2) {
            throw invalidContains(raw, "a pattern with wildcards needs at least two digits or letters");
        }
        if ((anchoredStart && !leading.isEmpty()) || (anchoredEnd && !trailing.isEmpty())) {
            throw invalidContains(raw, "+ and $ cannot be next to a wildcard");
        }
        StringBuilder regex = new StringBuilder(anchoredStart ? "^" : "");
        appendWildcards(regex, leading);
        for (char ch : core.toUpperCase(Locale.ROOT).toCharArray()) regex.append(Character.isDigit(ch) ? ch : keypad(ch));
        appendWildcards(regex, trailing);
        if (anchoredEnd) regex.append('$');
        return Pattern.compile(regex.toString());
    }

    private static final Pattern CONTAINS = Pattern.compile("([*%]*)([0-9A-Za-z]+)([*%]*)");

    private static void appendWildcards(StringBuilder regex, String wildcards) {
        for (char w : wildcards.toCharArray()) regex.append(w == '*' ? "\\d" : "\\d*");
    }

    private static TwilioException invalidContains(String raw, String why) {
        return TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Contains '" + raw + "': " + why);
    }

    private static char keypad(char letter) {
        String keys = "22233344455566677778889999";
        return keys.charAt(letter - 'A');
    }

    private static Predicate<AvailableNumber> flag(Optional<Boolean> wanted, Predicate<AvailableNumber> has) {
        return wanted.<Predicate<AvailableNumber>>map(w -> n -> has.test(n) == w).orElse(n -> true);
    }

    private static Predicate<AvailableNumber> same(Optional<String> wanted, java.util.function.Function<AvailableNumber, Optional<String>> field) {
        return wanted.<Predicate<AvailableNumber>>map(w -> n -> field.apply(n).map(v -> v.equalsIgnoreCase(w)).orElse(false)).orElse(n -> true);
    }

    static String base(String accountSid) { return "/2010-04-01/Accounts/" + accountSid + "/AvailablePhoneNumbers"; }
}
