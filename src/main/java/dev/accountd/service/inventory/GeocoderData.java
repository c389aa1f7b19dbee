package dev.accountd.service.inventory;

import com.google.i18n.phonenumbers.prefixmapper.PhonePrefixMap;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The localities of number prefixes, read straight from the data files of libphonenumber's {@code geocoder}
 * artifact ({@code 1415_en}: {@code 1415|California}, {@code 141528|San Francisco, CA}, …). Asking
 * {@code PhoneNumberOfflineGeocoder} number by number costs about 40 µs a call; a file is a few hundred lines.
 */
final class GeocoderData {
    private static final String DATA = "/com/google/i18n/phonenumbers/geocoding/data/";

    private final TreeMap<String, String> descriptions;

    private GeocoderData(TreeMap<String, String> descriptions) { this.descriptions = descriptions; }

    /** The English descriptions of a file ({@code 1415}, {@code 44}), if the geocoder has one. */
    static Optional<GeocoderData> english(String file) {
        try (InputStream in = GeocoderData.class.getResourceAsStream(DATA + file + "_en")) {
            if (in == null) return Optional.empty();
            PhonePrefixMap map = new PhonePrefixMap();
            map.readExternal(new ObjectInputStream(new BufferedInputStream(in)));
            TreeMap<String, String> descriptions = new TreeMap<>();
            for (String line : map.toString().split("\n")) {
                int bar = line.indexOf('|');
                if (bar > 0) descriptions.put(line.substring(0, bar), line.substring(bar + 1));
            }
            return Optional.of(new GeocoderData(descriptions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the geocoder's data for " + file, e);
        }
    }

    /** The description of the longest prefix of these digits (country code first, no {@code +}). */
    Optional<String> describe(String digits) {
        for (int len = digits.length(); len > 0; len--) {
            String d = descriptions.get(digits.substring(0, len));
            if (d != null) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The description of exactly this prefix. */
    Optional<String> exactly(String digits) { return Optional.ofNullable(descriptions.get(digits)); }
}
