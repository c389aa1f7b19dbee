package dev.accountd.api;

import dev.accountd.domain.MessagingService;
import dev.accountd.domain.MessagingServiceSetting;
import dev.accountd.domain.Slice;
import dev.accountd.service.MessagingServices;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messaging v1 Services and their PhoneNumbers (the sender pool): all nine operations. */
public final class MessagingServicesApi {
    private final MessagingServices services;
    private final boolean trustProxy;

    public MessagingServicesApi(MessagingServices services, boolean trustProxy) {
        this.services = services;
        this.trustProxy = trustProxy;
    }

    void listService(Context ctx) {
        Paging paging = Paging.from(Requests.query(ctx));
        Slice<MessagingService> slice = services.list(Requests.caller(ctx), paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        Responses.json(ctx, paging.v1Envelope(base, "/v1/Services", List.of(), "services", slice,
                slice.items().stream().map(s -> view(s, base)).toList()));
    }

    void createService(Context ctx) {
        Form f = Requests.form(ctx);
        MessagingService s = services.create(Requests.caller(ctx), f.first("FriendlyName"), settings(f));
        Responses.json(ctx.status(201), view(s, Requests.baseUrl(ctx, trustProxy)));
    }

    void fetchService(Context ctx) {
        Responses.json(ctx, view(services.fetch(Requests.caller(ctx), ctx.pathParam("sid")), Requests.baseUrl(ctx, trustProxy)));
    }

    void updateService(Context ctx) {
        Form f = Requests.form(ctx);
        MessagingService s = services.update(Requests.caller(ctx), ctx.pathParam("sid"), f.first("FriendlyName"), settings(f));
        Responses.json(ctx, view(s, Requests.baseUrl(ctx, trustProxy)));
    }

    void deleteService(Context ctx) {
        services.delete(Requests.caller(ctx), ctx.pathParam("sid"));
        ctx.status(204);
    }

    void listPhoneNumber(Context ctx) {
        String service = ctx.pathParam("serviceSid");
        Paging paging = Paging.from(Requests.query(ctx));
        Slice<MessagingService.Sender> slice = services.listSenders(Requests.caller(ctx), service, paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        Responses.json(ctx, paging.v1Envelope(base, "/v1/Services/" + service + "/PhoneNumbers", List.of(), "phone_numbers", slice,
                slice.items().stream().map(s -> view(s, base)).toList()));
    }

    void createPhoneNumber(Context ctx) {
        Form f = Requests.form(ctx);
        MessagingService.Sender s = services.addSender(Requests.caller(ctx), ctx.pathParam("serviceSid"), f.first("PhoneNumberSid"));
        Responses.json(ctx.status(201), view(s, Requests.baseUrl(ctx, trustProxy)));
    }

    void fetchPhoneNumber(Context ctx) {
        MessagingService.Sender s = services.fetchSender(Requests.caller(ctx), ctx.pathParam("serviceSid"), ctx.pathParam("sid"));
        Responses.json(ctx, view(s, Requests.baseUrl(ctx, trustProxy)));
    }

    void deletePhoneNumber(Context ctx) {
        services.removeSender(Requests.caller(ctx), ctx.pathParam("serviceSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static Map<MessagingServiceSetting, String> settings(Form f) {
        Map<MessagingServiceSetting, String> sent = new EnumMap<>(MessagingServiceSetting.class);
        for (MessagingServiceSetting s : MessagingServiceSetting.values()) f.first(s.param()).ifPresent(v -> sent.put(s, v));
        return sent;
    }

    /** The messaging.v1.service fields, in the spec's order. */
    static Map<String, Object> view(MessagingService s, String base) {
        String url = base + "/v1/Services/" + s.sid();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", s.sid());
        v.put("account_sid", s.accountSid());
        v.put("friendly_name", s.friendlyName());
        v.put("date_created", Iso8601.format(s.dateCreated()));
        v.put("date_updated", Iso8601.format(s.dateUpdated()));
        for (MessagingServiceSetting setting : MessagingServiceSetting.values()) {
            if (setting == MessagingServiceSetting.USECASE || setting == MessagingServiceSetting.USE_INBOUND_WEBHOOK_ON_NUMBER) continue;
            v.put(setting.field(), value(s, setting));
        }
        v.put("url", url);
        // only the sub-resources accountd serves
        v.put("links", Map.of("phone_numbers", url + "/PhoneNumbers"));
        v.put("usecase", value(s, MessagingServiceSetting.USECASE));
        v.put("us_app_to_person_registered", false);
        v.put("use_inbound_webhook_on_number", value(s, MessagingServiceSetting.USE_INBOUND_WEBHOOK_ON_NUMBER));
        return v;
    }

    private static Object value(MessagingService s, MessagingServiceSetting setting) {
        String raw = s.setting(setting).orElse(setting.defaultValue());
        if (raw == null) return null;
        return switch (setting.kind()) {
            case BOOLEAN -> Boolean.parseBoolean(raw);
            case INTEGER -> Long.parseLong(raw);
            default -> raw;
        };
    }

    /** The messaging.v1.service.phone_number fields, in the spec's order. */
    static Map<String, Object> view(MessagingService.Sender s, String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", s.sid());
        v.put("account_sid", s.accountSid());
        v.put("service_sid", s.serviceSid());
        v.put("date_created", Iso8601.format(s.dateAdded()));
        v.put("date_updated", Iso8601.format(s.dateAdded()));
        v.put("phone_number", s.phoneNumber());
        v.put("country_code", s.isoCountry());
        List<String> capabilities = new ArrayList<>();
        if (s.capabilities().voice()) capabilities.add("Voice");
        if (s.capabilities().sms()) capabilities.add("SMS");
        if (s.capabilities().mms()) capabilities.add("MMS");
        if (s.capabilities().fax()) capabilities.add("Fax");
        v.put("capabilities", capabilities);
        v.put("url", base + "/v1/Services/" + s.serviceSid() + "/PhoneNumbers/" + s.sid());
        return v;
    }
}
