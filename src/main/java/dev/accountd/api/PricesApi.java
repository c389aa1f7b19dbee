package dev.accountd.api;

import dev.accountd.service.PriceOverrideService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * accountd's custom pricing per customer: {@code /_accountd/v1/Accounts/{MainSid}/Prices}, the prices a family pays
 * instead of the list prices (docs/behaviour.md, Billing &gt; Prices). GET lists them, POST sets one price for one or more number
 * types or prefixes, DELETE removes a country's overrides or some of them.
 */
public final class PricesApi {
    private final PriceOverrideService overrides;
    private final boolean trustProxy;

    public PricesApi(PriceOverrideService overrides, boolean trustProxy) {
        this.overrides = overrides;
        this.trustProxy = trustProxy;
    }

    void fetchPrices(Context ctx) {
        Requests.query(ctx);
        Responses.json(ctx, view(ctx, overrides.list(Requests.caller(ctx), ctx.pathParam("mainSid"))));
    }

    void updatePrices(Context ctx) {
        Form f = Requests.form(ctx);
        PriceOverrideService.Change change = new PriceOverrideService.Change(f.first("IsoCountry"), f.first("Kind"),
                f.all("NumberType"), f.all("Prefix"), f.first("Price"));
        Responses.json(ctx, view(ctx, overrides.set(Requests.caller(ctx), ctx.pathParam("mainSid"), change)));
    }

    /** The parameters are in the query string, where the SDKs send a DELETE's. */
    void deletePrices(Context ctx) {
        Form q = Requests.query(ctx);
        overrides.delete(Requests.caller(ctx), ctx.pathParam("mainSid"),
                new PriceOverrideService.Deletion(q.first("IsoCountry"), q.first("Kind"), q.all("NumberType"), q.all("Prefix")));
        ctx.status(204);
    }

    private Map<String, Object> view(Context ctx, PriceOverrideService.Family family) {
        List<Map<String, Object>> prices = new ArrayList<>();
        for (PriceOverrideService.Entry e : family.entries()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("iso_country", e.override().isoCountry());
            v.put("kind", e.override().kind().wire());
            v.put("number_type", e.override().numberType().map(t -> t.wire()).orElse(null));
            v.put("prefix", e.override().prefix().orElse(null));
            v.put("base_price", e.listPrice().map(m -> m.plain()).orElse(null));
            v.put("current_price", e.override().price().plain());
            v.put("price_unit", e.override().price().currency());
            v.put("date_updated", Iso8601.format(e.override().dateUpdated()));
            prices.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_sid", family.mainSid());
        body.put("price_unit", family.currency());
        body.put("prices", prices);
        body.put("url", Requests.baseUrl(ctx, trustProxy) + "/_accountd/v1/Accounts/" + family.mainSid() + "/Prices");
        return body;
    }
}
