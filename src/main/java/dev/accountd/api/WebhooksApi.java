package dev.accountd.api;

import dev.accountd.domain.EventWebhook;
import dev.accountd.domain.Slice;
import dev.accountd.service.EventWebhookService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Event webhooks: {@code /_accountd/v1/Webhooks} (create, list) and {@code /_accountd/v1/Webhooks/{Sid}} (fetch, delete). */
public final class WebhooksApi {
    private final EventWebhookService webhooks;
    private final boolean trustProxy;

    public WebhooksApi(EventWebhookService webhooks, boolean trustProxy) {
        this.webhooks = webhooks;
        this.trustProxy = trustProxy;
    }

    void create(Context ctx) {
        Form f = Requests.form(ctx);
        EventWebhook w = webhooks.create(Requests.caller(ctx), f.first("Url"), f.all("EventType"));
        Responses.json(ctx.status(201), view(w, Requests.baseUrl(ctx, trustProxy)));
    }

    void list(Context ctx) {
        Paging paging = Paging.from(Requests.query(ctx));
        Slice<EventWebhook> slice = webhooks.list(Requests.caller(ctx), paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        Responses.json(ctx, paging.v1Envelope(base, "/_accountd/v1/Webhooks", List.of(), "webhooks", slice,
                slice.items().stream().map(w -> view(w, base)).toList()));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(webhooks.fetch(Requests.caller(ctx), ctx.pathParam("sid")), Requests.baseUrl(ctx, trustProxy)));
    }

    void delete(Context ctx) {
        webhooks.delete(Requests.caller(ctx), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static Map<String, Object> view(EventWebhook w, String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", w.sid());
        v.put("account_sid", w.mainSid());
        v.put("url", w.url());
        v.put("event_types", w.eventTypes().stream().sorted().toList());
        v.put("date_created", Iso8601.format(w.dateCreated()));
        v.put("links", Map.of("self", base + "/_accountd/v1/Webhooks/" + w.sid()));
        return v;
    }
}
