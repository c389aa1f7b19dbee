package dev.accountd.service.inventory;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.NumberType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in blocks outside North America: the main geographic areas of GB, DE and AU, and one block for each
 * type the others lack, so that every search list of the spec has numbers. Which areas is a choice (this table);
 * their localities come from libphonenumber's geocoder, and which numbers of a block are valid from libphonenumber.
 *
 * <p>GB local, mobile and national blocks are Ofcom's ranges for drama (1,000 numbers each), so none of them rings a
 * real phone. libphonenumber lists 0115 496 0xxx and 07700 900xxx as unassignable: Nottingham is left out, and the
 * mobile block is kept, as the only drama range for mobiles (the one built-in block libphonenumber calls invalid).
 */
final class InternationalBlocks {
    private InternationalBlocks() {}

    /** One block as this table writes it: a prefix and either a range of subscriber numbers or a number of digits. */
    record Definition(String country, NumberType type, String prefix, int digits, long first, long last, String region,
                      AddressRequirement address, Block.Capabilities capabilities) {
        boolean ranged() { return first >= 0; }
    }

    private static final Block.Capabilities VOICE_SMS_MMS = new Block.Capabilities(true, true, true, false);
    private static final Block.Capabilities VOICE_SMS = new Block.Capabilities(true, true, false, false);

    static final List<Definition> DEFINITIONS = definitions();

    private static List<Definition> definitions() {
        List<Definition> d = new ArrayList<>();
        // GB: Ofcom's drama ranges, an address in any country
        for (String p : List.of("+442079460", "+441214960", "+441134960", "+441144960", "+441164960", "+441174960", "+441184960",
                "+441314960", "+441414960", "+441514960", "+441614960", "+441914980", "+442896496", "+442920180")) {
            d.add(new Definition("GB", NumberType.LOCAL, p, 3, 0, 999, null, AddressRequirement.ANY, VOICE_SMS_MMS));
        }
        d.add(new Definition("GB", NumberType.MOBILE, "+447700900", 3, 0, 999, null, AddressRequirement.ANY, VOICE_SMS_MMS));
        d.add(new Definition("GB", NumberType.NATIONAL, "+443069990", 3, 0, 999, null, AddressRequirement.ANY,
                new Block.Capabilities(true, false, false, false)));
        d.add(new Definition("GB", NumberType.VOIP, "+44560", 7, -1, -1, null, AddressRequirement.ANY, VOICE_SMS));
        // DE: an address in Germany for local numbers
        String[][] de = {{"+4930", "Berlin"}, {"+4940", "Hamburg"}, {"+4989", "Bayern"}, {"+4969", "Hessen"},
                {"+49221", "Nordrhein-Westfalen"}, {"+49211", "Nordrhein-Westfalen"}, {"+49201", "Nordrhein-Westfalen"},
                {"+49231", "Nordrhein-Westfalen"}, {"+49711", "Baden-Württemberg"}, {"+49341", "Sachsen"}, {"+49351", "Sachsen"},
                {"+49511", "Niedersachsen"}, {"+49421", "Bremen"}, {"+49911", "Bayern"}};
        for (String[] area : de) {
            // ten-digit national numbers: the area code and the subscriber's digits
            d.add(new Definition("DE", NumberType.LOCAL, area[0], 13 - area[0].length(), -1, -1, area[1], AddressRequirement.LOCAL, VOICE_SMS));
        }
        d.add(new Definition("DE", NumberType.SHARED_COST, "+491806", 6, -1, -1, null, AddressRequirement.ANY,
                new Block.Capabilities(true, false, false, false)));
        // AU: any address; eight-digit subscriber numbers after the one-digit area code
        String[][] au = {{"+61290", "NSW"}, {"+61261", "ACT"}, {"+61390", "VIC"}, {"+613621", "TAS"}, {"+617303", "QLD"},
                {"+618700", "SA"}, {"+618611", "WA"}, {"+618894", "NT"}};
        for (String[] area : au) {
            d.add(new Definition("AU", NumberType.LOCAL, area[0], 12 - area[0].length(), -1, -1, area[1], AddressRequirement.ANY, VOICE_SMS_MMS));
        }
        d.add(new Definition("AU", NumberType.MOBILE, "+61491", 6, -1, -1, null, AddressRequirement.ANY, VOICE_SMS));
        d.add(new Definition("NL", NumberType.MACHINE_TO_MACHINE, "+319700", 7, -1, -1, null, AddressRequirement.NONE,
                new Block.Capabilities(false, true, false, false)));
        return List.copyOf(d);
    }

    /** The libphonenumber types each kind of block must have. */
    static Set<PhoneNumberType> expectedTypes(NumberType type) {
        return switch (type) {
            case LOCAL -> Set.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
            case MOBILE -> Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
            case TOLL_FREE -> Set.of(PhoneNumberType.TOLL_FREE);
            case NATIONAL -> Set.of(PhoneNumberType.UAN);
            case VOIP -> Set.of(PhoneNumberType.VOIP);
            case SHARED_COST -> Set.of(PhoneNumberType.SHARED_COST);
            // libphonenumber has no machine-to-machine type: the Dutch 097 range is "mobile" to it
            case MACHINE_TO_MACHINE -> Set.of(PhoneNumberType.MOBILE);
        };
    }

    static List<Block> blocks() {
        Map<String, GeocoderData> geocoders = new HashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (Definition d : DEFINITIONS) {
            String locality = null;
            if (d.type() == NumberType.LOCAL) {
                String cc = Integer.toString(PhoneNumbers.callingCode(d.country()));
                GeocoderData g = geocoders.computeIfAbsent(cc, c -> GeocoderData.english(c).orElseThrow());
                locality = g.describe(d.prefix().substring(1)).orElseThrow(() -> new IllegalStateException("no locality for " + d.prefix()));
            }
            Block.Place place = Block.Place.of(locality, d.region());
            blocks.add(new Block(d.country(), d.type(), d.prefix(), d.digits(), place, d.address(), d.capabilities(), false,
                    () -> d.ranged() ? Space.range(d.digits(), d.first(), d.last()) : validHeads(d)));
        }
        return blocks;
    }

    /** The first digits after the prefix that libphonenumber calls valid and of the block's type. */
    static Space validHeads(Definition d) {
        PhoneNumberUtil util = PhoneNumbers.util();
        int cc = PhoneNumbers.callingCode(d.country());
        String national = d.prefix().substring(1 + Integer.toString(cc).length());
        List<Integer> heads = new ArrayList<>();
        String sampleTail = "4567890123".substring(0, d.digits() - 1);
        for (int h = 0; h <= 9; h++) {
            PhoneNumber n = new PhoneNumber().setCountryCode(cc).setNationalNumber(Long.parseLong(national + h + sampleTail));
            if (util.isValidNumberForRegion(n, d.country()) && expectedTypes(d.type()).contains(util.getNumberType(n))) heads.add(h);
        }
        if (heads.isEmpty()) throw new IllegalStateException("libphonenumber has no valid number in " + d.prefix());
        return Space.heads(d.digits(), 1, heads.stream().mapToInt(Integer::intValue).toArray());
    }
}
