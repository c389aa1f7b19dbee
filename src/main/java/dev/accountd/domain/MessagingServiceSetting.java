package dev.accountd.domain;

import java.util.List;

/**
 * The settings of a Messaging Service, in the order of the spec's fields. Each is a form parameter of create and
 * update and a field of the response; an empty value resets one to its default. An {@link NumberSetting.Kind#INTEGER}
 * setting's allowed values are its least and greatest.
 */
public enum MessagingServiceSetting {
    INBOUND_REQUEST_URL("InboundRequestUrl", "inbound_request_url", NumberSetting.Kind.URL, null, List.of()),
    INBOUND_METHOD("InboundMethod", "inbound_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    FALLBACK_URL("FallbackUrl", "fallback_url", NumberSetting.Kind.URL, null, List.of()),
    FALLBACK_METHOD("FallbackMethod", "fallback_method", NumberSetting.Kind.METHOD, "POST", List.of()),
    STATUS_CALLBACK("StatusCallback", "status_callback", NumberSetting.Kind.URL, null, List.of()),
    STICKY_SENDER("StickySender", "sticky_sender", NumberSetting.Kind.BOOLEAN, "true", List.of()),
    MMS_CONVERTER("MmsConverter", "mms_converter", NumberSetting.Kind.BOOLEAN, "true", List.of()),
    SMART_ENCODING("SmartEncoding", "smart_encoding", NumberSetting.Kind.BOOLEAN, "true", List.of()),
    SCAN_MESSAGE_CONTENT("ScanMessageContent", "scan_message_content", NumberSetting.Kind.CHOICE, "inherit",
            List.of("inherit", "enable", "disable")),
    FALLBACK_TO_LONG_CODE("FallbackToLongCode", "fallback_to_long_code", NumberSetting.Kind.BOOLEAN, "true", List.of()),
    AREA_CODE_GEOMATCH("AreaCodeGeomatch", "area_code_geomatch", NumberSetting.Kind.BOOLEAN, "true", List.of()),
    SYNCHRONOUS_VALIDATION("SynchronousValidation", "synchronous_validation", NumberSetting.Kind.BOOLEAN, "false", List.of()),
    VALIDITY_PERIOD("ValidityPeriod", "validity_period", NumberSetting.Kind.INTEGER, "36000", List.of("1", "36000")),
    USECASE("Usecase", "usecase", NumberSetting.Kind.CHOICE, "undeclared",
            List.of("notifications", "marketing", "verification", "discussion", "poll", "undeclared")),
    USE_INBOUND_WEBHOOK_ON_NUMBER("UseInboundWebhookOnNumber", "use_inbound_webhook_on_number", NumberSetting.Kind.BOOLEAN, "false",
            List.of());

    private final String param;
    private final String field;
    private final NumberSetting.Kind kind;
    private final String defaultValue;
    private final List<String> allowed;

    MessagingServiceSetting(String param, String field, NumberSetting.Kind kind, String defaultValue, List<String> allowed) {
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
