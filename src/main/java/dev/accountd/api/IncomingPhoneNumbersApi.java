package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import dev.accountd.service.NumberPurchaseService;
import dev.accountd.service.PhoneNumberService;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IncomingPhoneNumbers (list, buy, fetch, update and transfer, release), its Local, Mobile and TollFree lists,
 * and an Address's DependentPhoneNumbers.
 */
public final class IncomingPhoneNumbersApi {
    private final NumberPurchaseService purchases;
    private final PhoneNumberService numbers;

    public IncomingPhoneNumbersApi(NumberPurchaseService purchases, PhoneNumberService numbers) {
        this.purchases = purchases;
        this.numbers = numbers;
    }

    void list(Context ctx, Optional<NumberType> type) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Requests.boolParam(q, "Beta"); // accepted and checked; accountd has no beta numbers
        PhoneNumberService.ListFilter filter = new PhoneNumberService.ListFilter(q.first("FriendlyName"), q.first("PhoneNumber"), q.first("Origin"));
        Paging paging = Paging.from(q);
        Slice<PhoneNumber> slice = numbers.list(Requests.caller(ctx), account, type, filter, paging.request());
        String path = "/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers" + type.map(t -> "/" + t.path()).orElse("") + ".json";
        Responses.json(ctx, paging.envelope(path,
                List.of(Map.entry("Beta", q.first("Beta")), Map.entry("FriendlyName", filter.friendlyName()),
                        Map.entry("PhoneNumber", filter.phoneNumber()), Map.entry("Origin", filter.origin())),
                "incoming_phone_numbers", slice, slice.items().stream().map(n -> view(n, type.isEmpty())).toList()));
    }

    void create(Context ctx, Optional<NumberType> type) {
        Form f = Requests.form(ctx);
        PhoneNumber n = purchases.purchase(Requests.caller(ctx), ctx.pathParam("accountSid"), type,
                new NumberPurchaseService.Wanted(f.first("PhoneNumber"), type.isPresent() ? Optional.empty() : f.first("AreaCode")), fields(f));
        Responses.json(ctx.status(201), view(n, type.isEmpty()));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(numbers.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid")), true));
    }

    void update(Context ctx) {
        Form f = Requests.form(ctx);
        PhoneNumber n = numbers.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"), f.first("AccountSid"), fields(f));
        Responses.json(ctx, view(n, true));
    }

    void delete(Context ctx) {
        numbers.release(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    void listDependents(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        String address = ctx.pathParam("sid");
        Paging paging = Paging.from(q);
        Slice<PhoneNumber> slice = numbers.dependents(Requests.caller(ctx), account, address, paging.request());
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Addresses/" + address + "/DependentPhoneNumbers.json",
                List.of(), "dependent_phone_numbers", slice, slice.items().stream().map(IncomingPhoneNumbersApi::dependentView).toList()));
    }

    private static PhoneNumberService.Fields fields(Form f) {
        Map<NumberSetting, String> settings = new EnumMap<>(NumberSetting.class);
        for (NumberSetting s : NumberSetting.values()) f.first(s.param()).ifPresent(v -> settings.put(s, v));
        return new PhoneNumberService.Fields(f.first("FriendlyName"), f.first("AddressSid"), f.first("EmergencyAddressSid"), settings);
    }

    /** The IncomingPhoneNumber fields; the Local, Mobile and TollFree schemas are the same without {@code type}. */
    static Map<String, Object> view(PhoneNumber n, boolean withType) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", n.accountSid());
        v.put("address_sid", n.addressSid().orElse(null));
        v.put("address_requirements", n.addressRequirements().wire());
        v.put("api_version", setting(n, NumberSetting.API_VERSION));
        v.put("beta", false);
        PhoneNumber.Capabilities c = n.capabilities();
        v.put("capabilities", capabilities(c.voice(), c.sms(), c.mms(), c.fax()));
        v.put("date_created", Rfc2822.format(n.dateCreated()));
        v.put("date_updated", Rfc2822.format(n.dateUpdated()));
        v.put("friendly_name", n.friendlyName());
        v.put("identity_sid", setting(n, NumberSetting.IDENTITY_SID));
        v.put("phone_number", n.phoneNumber());
        v.put("origin", "twilio");
        v.put("sid", n.sid());
        for (NumberSetting s : List.of(NumberSetting.SMS_APPLICATION_SID, NumberSetting.SMS_FALLBACK_METHOD, NumberSetting.SMS_FALLBACK_URL,
                NumberSetting.SMS_METHOD, NumberSetting.SMS_URL, NumberSetting.STATUS_CALLBACK, NumberSetting.STATUS_CALLBACK_METHOD,
                NumberSetting.TRUNK_SID)) {
            v.put(s.field(), setting(n, s));
        }
        v.put("uri", uri(n));
        v.put("voice_receive_mode", setting(n, NumberSetting.VOICE_RECEIVE_MODE));
        v.put("voice_application_sid", setting(n, NumberSetting.VOICE_APPLICATION_SID));
        v.put("voice_caller_id_lookup", Boolean.parseBoolean(setting(n, NumberSetting.VOICE_CALLER_ID_LOOKUP)));
        for (NumberSetting s : List.of(NumberSetting.VOICE_FALLBACK_METHOD, NumberSetting.VOICE_FALLBACK_URL, NumberSetting.VOICE_METHOD,
                NumberSetting.VOICE_URL)) {
            v.put(s.field(), setting(n, s));
        }
        v.put("emergency_status", setting(n, NumberSetting.EMERGENCY_STATUS));
        v.put("emergency_address_sid", n.emergencyAddressSid().orElse(null));
        // accountd registers an emergency address at once: there is no emergency network to wait for
        v.put("emergency_address_status", n.emergencyAddressSid().isPresent() ? "registered" : "unregistered");
        v.put("bundle_sid", setting(n, NumberSetting.BUNDLE_SID));
        v.put("status", "in-use");
        if (withType) v.put("type", n.type().wire());
        return v;
    }

    /** The DependentPhoneNumber schema: a subset of the IncomingPhoneNumber fields. */
    private static Map<String, Object> dependentView(PhoneNumber n) {
        Map<String, Object> full = view(n, false);
        Map<String, Object> v = new LinkedHashMap<>();
        for (String field : List.of("sid", "account_sid", "friendly_name", "phone_number", "voice_url", "voice_method",
                "voice_fallback_method", "voice_fallback_url", "voice_caller_id_lookup", "date_created", "date_updated",
                "sms_fallback_method", "sms_fallback_url", "sms_method", "sms_url", "address_requirements", "capabilities",
                "status_callback", "status_callback_method", "api_version", "sms_application_sid", "voice_application_sid",
                "trunk_sid", "emergency_status", "emergency_address_sid", "uri")) {
            v.put(field, full.get(field));
        }
        // The spec leaves this object untyped; its example has these three keys, spelt this way.
        PhoneNumber.Capabilities c = n.capabilities();
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("Voice", c.voice());
        caps.put("SMS", c.sms());
        caps.put("MMS", c.mms());
        v.put("capabilities", caps);
        return v;
    }

    /** The capabilities object of phone numbers, owned or available (lower-case keys, as in the spec's examples). */
    static Map<String, Object> capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("voice", voice);
        caps.put("sms", sms);
        caps.put("mms", mms);
        caps.put("fax", fax);
        return caps;
    }

    private static String setting(PhoneNumber n, NumberSetting s) { return n.setting(s).orElse(null); }

    private static String uri(PhoneNumber n) {
        return "/2010-04-01/Accounts/" + n.accountSid() + "/IncomingPhoneNumbers/" + n.sid() + ".json";
    }
}
