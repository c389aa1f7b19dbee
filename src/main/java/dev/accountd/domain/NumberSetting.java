package dev.accountd.domain;

import java.util.List;

/**
 * The settings of an IncomingPhoneNumber that are plain values: where its calls and messages go, and the SIDs of
 * resources accountd does not model (applications, trunks, identities, bundles). Each is a form parameter of
 * create and update and a field of the response. FriendlyName, AddressSid and EmergencyAddressSid are not here:
 * they have rules of their own.
 *
 * @param param the form parameter
 * @param field the response field
 * @param defaultValue the value of a new number, or null
 */
public enum NumberSetting {
    API_VERSION("ApiVersion", "api_version", Kind.CHOICE, "2010-04-01", List.of("2010-04-01", "2008-08-01")),
    SMS_APPLICATION_SID("SmsApplicationSid", "sms_application_sid", Kind.SID, null, List.of("AP")),
    SMS_FALLBACK_METHOD("SmsFallbackMethod", "sms_fallback_method", Kind.METHOD, "POST", List.of()),
    SMS_FALLBACK_URL("SmsFallbackUrl", "sms_fallback_url", Kind.URL, null, List.of()),
    SMS_METHOD("SmsMethod", "sms_method", Kind.METHOD, "POST", List.of()),
    SMS_URL("SmsUrl", "sms_url", Kind.URL, null, List.of()),
    STATUS_CALLBACK("StatusCallback", "status_callback", Kind.URL, null, List.of()),
    STATUS_CALLBACK_METHOD("StatusCallbackMethod", "status_callback_method", Kind.METHOD, "POST", List.of()),
    TRUNK_SID("TrunkSid", "trunk_sid", Kind.SID, null, List.of("TK")),
    VOICE_APPLICATION_SID("VoiceApplicationSid", "voice_application_sid", Kind.SID, null, List.of("AP")),
    VOICE_CALLER_ID_LOOKUP("VoiceCallerIdLookup", "voice_caller_id_lookup", Kind.BOOLEAN, "false", List.of()),
    VOICE_FALLBACK_METHOD("VoiceFallbackMethod", "voice_fallback_method", Kind.METHOD, "POST", List.of()),
    VOICE_FALLBACK_URL("VoiceFallbackUrl", "voice_fallback_url", Kind.URL, null, List.of()),
    VOICE_METHOD("VoiceMethod", "voice_method", Kind.METHOD, "POST", List.of()),
    VOICE_URL("VoiceUrl", "voice_url", Kind.URL, null, List.of()),
    VOICE_RECEIVE_MODE("VoiceReceiveMode", "voice_receive_mode", Kind.CHOICE, "voice", List.of("voice", "fax")),
    EMERGENCY_STATUS("EmergencyStatus", "emergency_status", Kind.CHOICE, "Inactive", List.of("Active", "Inactive")),
    IDENTITY_SID("IdentitySid", "identity_sid", Kind.SID, null, List.of("RI")),
    BUNDLE_SID("BundleSid", "bundle_sid", Kind.SID, null, List.of("BU"));

    /** What values a setting takes. */
    public enum Kind { URL, METHOD, SID, BOOLEAN, CHOICE, INTEGER }

    private final String param;
    private final String field;
    private final Kind kind;
    private final String defaultValue;
    private final List<String> allowed;

    NumberSetting(String param, String field, Kind kind, String defaultValue, List<String> allowed) {
        this.param = param;
        this.field = field;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
    }

    public String param() { return param; }

    public String field() { return field; }

    public Kind kind() { return kind; }

    public String defaultValue() { return defaultValue; }

    /** For CHOICE, the values; for SID, the one SID prefix. */
    public List<String> allowed() { return allowed; }
}
