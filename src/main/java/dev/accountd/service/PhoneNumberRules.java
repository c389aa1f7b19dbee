package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.Event;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rules a phone number's purchase, configuration and transfer share: the settings' values, the
 * address-requirement messages, and what its audit events show.
 */
final class PhoneNumberRules {
    private PhoneNumberRules() {}

    /** "+4930… needs an Address in DE": what a number's address requirement asks of its owner. */
    static String needs(String phoneNumber, AddressRequirement requirement, String isoCountry) {
        return phoneNumber + " needs " + requirement.describe(isoCountry);
    }

    static String needs(PhoneNumber n) { return needs(n.phoneNumber(), n.addressRequirements(), n.isoCountry()); }

    /**
     * A number's VoiceApplicationSid and SmsApplicationSid must name an Application of its owner (400 / 21218), as
     * Twilio requires; a transfer's new owner is checked against the number's settings by the same rule.
     */
    static void checkApplications(dev.accountd.store.ApplicationStore applications, String ownerSid, Map<NumberSetting, String> settings) {
        for (NumberSetting s : java.util.List.of(NumberSetting.VOICE_APPLICATION_SID, NumberSetting.SMS_APPLICATION_SID)) {
            String sid = settings.get(s);
            if (sid != null && !sid.isEmpty()) ApplicationService.requireOf(applications, ownerSid, s.param(), sid);
        }
    }

    static void checkAddressSid(String param, String sid) {
        if (!Sid.isValid(sid, AddressService.SID_PREFIX)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + param + " '" + sid + "': expected an Address SID (AD…)");
        }
    }

    /**
     * Checks and applies the sent settings: an empty value resets a setting to its default. A number routes calls
     * to a trunk or to an application, not both: setting one clears the other (the spec's TrunkSid rule).
     */
    static void apply(Map<NumberSetting, String> settings, Map<NumberSetting, String> sent) {
        sent.forEach((s, raw) -> {
            if (raw.isEmpty()) {
                if (s.defaultValue() == null) settings.remove(s); else settings.put(s, s.defaultValue());
            } else {
                settings.put(s, checked(s, raw));
            }
        });
        boolean trunk = !sent.getOrDefault(NumberSetting.TRUNK_SID, "").isEmpty();
        boolean application = !sent.getOrDefault(NumberSetting.VOICE_APPLICATION_SID, "").isEmpty();
        if (trunk && application) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                    "Send TrunkSid or VoiceApplicationSid, not both: setting one clears the other");
        }
        if (trunk) settings.remove(NumberSetting.VOICE_APPLICATION_SID);
        if (application) settings.remove(NumberSetting.TRUNK_SID);
    }

    private static String checked(NumberSetting s, String raw) {
        return checkedValue(s.param(), s.kind(), s.allowed(), raw);
    }

    /**
     * A setting's value as stored, checked by its kind: URLs absolute http(s), methods GET or POST (upper case), SIDs
     * of their one prefix, booleans, and choices from their list (of numbers and Applications alike).
     */
    static String checkedValue(String param, NumberSetting.Kind kind, java.util.List<String> allowed, String raw) {
        return switch (kind) {
            case URL -> {
                if (!isWebUrl(raw)) throw invalid(param, raw, "an absolute http or https URL");
                yield raw;
            }
            case METHOD -> {
                String m = raw.toUpperCase(Locale.ROOT);
                if (!m.equals("GET") && !m.equals("POST")) throw invalid(param, raw, "GET or POST");
                yield m;
            }
            case SID -> {
                if (!Sid.isValid(raw, allowed.get(0))) throw invalid(param, raw, "a SID starting with " + allowed.get(0));
                yield raw;
            }
            case BOOLEAN -> switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> "true";
                case "false" -> "false";
                default -> throw invalid(param, raw, "true or false");
            };
            case CHOICE -> allowed.stream().filter(v -> v.equalsIgnoreCase(raw)).findFirst()
                    .orElseThrow(() -> invalid(param, raw, "one of " + String.join(", ", allowed)));
            case INTEGER -> {
                long least = Long.parseLong(allowed.get(0));
                long most = Long.parseLong(allowed.get(1));
                String expected = "a whole number from " + least + " to " + most;
                if (!raw.matches("-?\\d{1,18}")) throw invalid(param, raw, expected);
                long v = Long.parseLong(raw);
                if (v < least || v > most) throw invalid(param, raw, expected);
                yield Long.toString(v);
            }
        };
    }

    /** An absolute http(s) URL with a host: what a webhook setting or parameter must be. */
    static boolean isWebUrl(String raw) {
        try {
            URI uri = new URI(raw);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** 400 / 20001 "Invalid {param} '{raw}': expected {expected}", the message every parameter check of the services gives. */
    static TwilioException invalid(String param, String raw, String expected) {
        return TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + param + " '" + raw + "': expected " + expected);
    }

    static Event event(Auditor auditor, Caller caller, Account owner, PhoneNumber n, String action, Map<String, Object> data) {
        return auditor.event(caller, "phone-number." + action, "phone-number", n.sid(), owner.sid(), owner.mainSid(), data);
    }

    /** What a number's events show: its number, name, addresses and settings, none of them secret. */
    static Map<String, Object> properties(PhoneNumber n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("phone_number", n.phoneNumber());
        p.put("friendly_name", n.friendlyName());
        p.put("address_sid", n.addressSid().orElse(null));
        p.put("emergency_address_sid", n.emergencyAddressSid().orElse(null));
        for (NumberSetting s : NumberSetting.values()) p.put(s.field(), n.settings().get(s));
        return p;
    }
}
