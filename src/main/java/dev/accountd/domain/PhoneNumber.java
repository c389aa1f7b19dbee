package dev.accountd.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A phone number an account owns (Twilio's IncomingPhoneNumber).
 *
 * @param settings every {@link NumberSetting} that has a value; absent ones are null on the wire
 * @param addressSid the Address that satisfies the number's address requirement
 */
public record PhoneNumber(
        String sid,
        String accountSid,
        String phoneNumber,
        String friendlyName,
        String isoCountry,
        NumberType type,
        AddressRequirement addressRequirements,
        Capabilities capabilities,
        Optional<String> addressSid,
        Optional<String> emergencyAddressSid,
        Map<NumberSetting, String> settings,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String SID_PREFIX = "PN";

    public PhoneNumber {
        EnumMap<NumberSetting, String> copy = new EnumMap<>(NumberSetting.class);
        copy.putAll(settings);
        settings = Collections.unmodifiableMap(copy);
    }

    /** What a number can do. */
    public record Capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {}

    public Optional<String> setting(NumberSetting s) { return Optional.ofNullable(settings.get(s)); }

    /**
     * The same number with another owner (a transfer) and that owner's addresses. The old emergency address cannot
     * follow the number to another account: unless the transfer names one of the new owner's, emergency calling
     * stays off until the new owner registers one. Every other setting is kept.
     */
    public PhoneNumber ownedBy(String newAccountSid, Optional<String> newAddressSid, Optional<String> newEmergencyAddressSid,
                               Instant now) {
        Map<NumberSetting, String> kept = new EnumMap<>(NumberSetting.class);
        kept.putAll(settings);
        if (emergencyAddressSid.isPresent() && newEmergencyAddressSid.isEmpty()) kept.put(NumberSetting.EMERGENCY_STATUS, "Inactive");
        return new PhoneNumber(sid, newAccountSid, phoneNumber, friendlyName, isoCountry, type, addressRequirements,
                capabilities, newAddressSid, newEmergencyAddressSid, kept, dateCreated, now);
    }
}
