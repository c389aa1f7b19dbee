package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.Application;
import dev.accountd.domain.ApplicationSetting;
import dev.accountd.domain.Slice;
import dev.accountd.service.ApplicationService;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TwiML Applications: list, create, fetch, update, delete. */
public final class ApplicationsApi {
    private final ApplicationService applications;

    public ApplicationsApi(ApplicationService applications) { this.applications = applications; }

    void list(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Paging paging = Paging.from(q);
        Slice<Application> slice = applications.list(Requests.caller(ctx), account, q.first("FriendlyName"), paging.request());
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Applications.json",
                List.of(Map.entry("FriendlyName", q.first("FriendlyName"))), "applications", slice,
                slice.items().stream().map(ApplicationsApi::view).toList()));
    }

    void create(Context ctx) {
        Form f = Requests.form(ctx);
        Application a = applications.create(Requests.caller(ctx), ctx.pathParam("accountSid"), f.first("FriendlyName"), settings(f));
        Responses.json(ctx.status(201), view(a));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(applications.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void update(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx, view(applications.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"),
                f.first("FriendlyName"), settings(f))));
    }

    void delete(Context ctx) {
        applications.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static Map<ApplicationSetting, String> settings(Form f) {
        Map<ApplicationSetting, String> sent = new EnumMap<>(ApplicationSetting.class);
        for (ApplicationSetting s : ApplicationSetting.values()) f.first(s.param()).ifPresent(v -> sent.put(s, v));
        return sent;
    }

    /** The Application fields, in the spec's order. */
    static Map<String, Object> view(Application a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", a.accountSid());
        v.put("api_version", a.setting(ApplicationSetting.API_VERSION).orElse(null));
        v.put("date_created", Rfc2822.format(a.dateCreated()));
        v.put("date_updated", Rfc2822.format(a.dateUpdated()));
        v.put("friendly_name", a.friendlyName());
        for (ApplicationSetting s : List.of(ApplicationSetting.MESSAGE_STATUS_CALLBACK)) v.put(s.field(), a.setting(s).orElse(null));
        v.put("sid", a.sid());
        for (ApplicationSetting s : List.of(ApplicationSetting.SMS_FALLBACK_METHOD, ApplicationSetting.SMS_FALLBACK_URL,
                ApplicationSetting.SMS_METHOD, ApplicationSetting.SMS_STATUS_CALLBACK, ApplicationSetting.SMS_URL,
                ApplicationSetting.STATUS_CALLBACK, ApplicationSetting.STATUS_CALLBACK_METHOD)) {
            v.put(s.field(), a.setting(s).orElse(null));
        }
        v.put("uri", "/2010-04-01/Accounts/" + a.accountSid() + "/Applications/" + a.sid() + ".json");
        v.put("voice_caller_id_lookup", Boolean.parseBoolean(a.setting(ApplicationSetting.VOICE_CALLER_ID_LOOKUP).orElse("false")));
        for (ApplicationSetting s : List.of(ApplicationSetting.VOICE_FALLBACK_METHOD, ApplicationSetting.VOICE_FALLBACK_URL,
                ApplicationSetting.VOICE_METHOD, ApplicationSetting.VOICE_URL)) {
            v.put(s.field(), a.setting(s).orElse(null));
        }
        v.put("public_application_connect_enabled",
                Boolean.parseBoolean(a.setting(ApplicationSetting.PUBLIC_APPLICATION_CONNECT_ENABLED).orElse("false")));
        return v;
    }
}
