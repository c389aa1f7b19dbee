package dev.accountd.domain;

import java.util.List;

/**
 * The settings of a TwiML Application: where its calls and messages go. Each is a form parameter of create and update
 * and a field of the response; an empty value resets one to its default.
 */
public enum ApplicationSetting {
    API_VERSION("ApiVersion", "api_version", NumberSetting.Kind.CHOICE, "2010-04-01", List.of("2010-04-01", "2008-08-01")),
    MESSAGE_STATUS_CALLBACK("MessageStatusCallback", "message_status_callback", NumberSetting.Kind.URL, null, List.of()),
    SMS_FALLBACK_METHOD("SmsFallbackMethod", "sms_fallback_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    SMS_FALLBACK_URL("SmsFallbackUrl", "sms_fallback_url", NumberSetting.Kind.URL, null, List.of()),
    SMS_METHOD("SmsMethod", "sms_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    SMS_STATUS_CALLBACK("SmsStatusCallback", "sms_status_callback", NumberSetting.Kind.URL, null, List.of()),
    SMS_URL("SmsUrl", "sms_url", NumberSetting.Kind.URL, null, List.of()),
    STATUS_CALLBACK("StatusCallback", "status_callback", NumberSetting.Kind.URL, null, List.of()),
    STATUS_CALLBACK_METHOD("StatusCallbackMethod", "status_callback_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    VOICE_CALLER_ID_LOOKUP("VoiceCallerIdLookup", "voice_caller_id_lookup", NumberSetting.Kind.BOOLEAN, "false", List.of()),
    VOICE_FALLBACK_METHOD("VoiceFallbackMethod", "voice_fallback_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    VOICE_FALLBACK_URL("VoiceFallbackUrl", "voice_fallback_url", NumberSetting.Kind.URL, null, List.of()),
    VOICE_METHOD("VoiceMethod", "voice_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    VOICE_URL("VoiceUrl", "voice_url", NumberSetting.Kind.URL, null, List.of()),
    PUBLIC_APPLICATION_CONNECT_ENABLED("PublicApplicationConnectEnabled", "public_application_connect_enabled", NumberSetting.Kind.BOOLEAN,
            "false", List.of());

    private final String param;
    private final String field;
    private final NumberSetting.Kind kind;
    private final String defaultValue;
    private final List<String> allowed;

    ApplicationSetting(String param, String field, NumberSetting.Kind kind, String defaultValue, List<String> allowed) {
        this.param = param;
        this.field = field;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
    }

    public String param() { return param; }

    public String field() { return field; }

    public NumberSetting.Kind kind() { return kind; }

    public String defaultValue() { return defaultValue; }

    public List<String> allowed() { return allowed; }
}
