package dev.accountd.service.inventory;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * What accountd asks Google's libphonenumber: whether a number is valid, its national format, the calling code of
 * a country. The one place (with the inventory's loaders) that knows the library.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {}

    static PhoneNumberUtil util() { return PhoneNumberUtil.getInstance(); }

    /** The number an E.164 string names, if libphonenumber can read it. */
    public static Optional<Phonenumber.PhoneNumber> parse(String e164) {
        try {
            return Optional.of(util().parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the number is valid (assignable) in the country its calling code names. */
    public static boolean isValid(String e164) { return parse(e164).map(n -> util().isValidNumber(n)).orElse(false); }

    /** A number written any way a person would (E.164, or national for {@code country}), if it is valid. */
    public static boolean isValidFor(String number, String country) {
        try {
            return util().isValidNumber(util().parse(number, country));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /**
     * Twilio's friendly_name for a number: the national format in North America ({@code (415) 555-0123}), the E.164
     * form elsewhere.
     */
    public static String friendlyName(String e164) {
        if (!e164.startsWith("+1")) return e164;
        return parse(e164).map(n -> util().format(n, PhoneNumberFormat.NATIONAL)).orElse(e164);
    }

    /**
     * The ISO country of an E.164 number: libphonenumber's region for a valid number, otherwise the main country of
     * its calling code (US for +1, GB for +44), as a number that is not valid still has a country code.
     */
    public static Optional<String> country(String e164) {
        return parse(e164).map(n -> {
            String region = util().getRegionCodeForNumber(n);
            return region != null && !region.equals("ZZ") && !region.equals("001") ? region : util().getRegionCodeForCountryCode(n.getCountryCode());
        }).filter(r -> !r.equals("ZZ") && !r.equals("001"));
    }

    /** The calling code of an ISO country, 0 when libphonenumber knows none. */
    public static int callingCode(String country) { return util().getCountryCodeForRegion(country); }
}
