package dev.accountd.api;

import dev.accountd.domain.DormantSubaccount;
import dev.accountd.domain.Slice;
import dev.accountd.domain.SpendingLimit;
import dev.accountd.service.SpendingLimitService;
import dev.accountd.service.SubaccountControlService;
import dev.accountd.json.BulkViews;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controls Twilio lacks, under {@code /_accountd/v1/Accounts/{Sid}/}: SpendingLimit, DormantSubaccounts and the
 * bulk lifecycle changes {@code Subaccounts/Suspend|Reactivate|Close}.
 */
public final class ControlsApi {
    private final SpendingLimitService limits;
    private final SubaccountControlService subaccounts;
    private final boolean trustProxy;

    public ControlsApi(SpendingLimitService limits, SubaccountControlService subaccounts, boolean trustProxy) {
        this.limits = limits;
        this.subaccounts = subaccounts;
        this.trustProxy = trustProxy;
    }

    void setSpendingLimit(Context ctx) {
        Form f = Requests.form(ctx);
        SpendingLimitService.Status s = limits.set(Requests.caller(ctx), ctx.pathParam("sid"), f.first("Amount"), f.first("Period"), f.first("Action"));
        Responses.json(ctx, view(s, Requests.baseUrl(ctx, trustProxy)));
    }

    void fetchSpendingLimit(Context ctx) {
        Responses.json(ctx, view(limits.fetch(Requests.caller(ctx), ctx.pathParam("sid")), Requests.baseUrl(ctx, trustProxy)));
    }

    void deleteSpendingLimit(Context ctx) {
        limits.delete(Requests.caller(ctx), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static Map<String, Object> view(SpendingLimitService.Status s, String base) {
        SpendingLimit l = s.limit();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", l.accountSid());
        v.put("amount", l.amount().plain(2));
        v.put("currency", l.amount().currency());
        v.put("period", l.period().wire());
        v.put("action", l.action().wire());
        v.put("scope", l.watchesFamily() ? "family" : "account");
        v.put("spent", s.spent().plain());
        v.put("remaining", s.remaining().plain());
        v.put("date_created", Iso8601.format(l.dateCreated()));
        v.put("date_updated", Iso8601.format(l.dateUpdated()));
        v.put("url", base + "/_accountd/v1/Accounts/" + l.accountSid() + "/SpendingLimit");
        return v;
    }

    void listDormant(Context ctx) {
        Form q = Requests.query(ctx);
        String main = ctx.pathParam("sid");
        Paging paging = Paging.from(q);
        Slice<DormantSubaccount> slice = subaccounts.dormant(Requests.caller(ctx), main, q.first("InactiveDays"), paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        Responses.json(ctx, paging.v1Envelope(base, "/_accountd/v1/Accounts/" + main + "/DormantSubaccounts",
                List.of(Map.entry("InactiveDays", q.first("InactiveDays"))), "accounts", slice,
                slice.items().stream().map(d -> view(d)).toList()));
    }

    private static Map<String, Object> view(DormantSubaccount d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", d.sid());
        v.put("owner_account_sid", d.mainSid());
        v.put("friendly_name", d.friendlyName());
        v.put("status", "active");
        v.put("date_created", Iso8601.format(d.dateCreated()));
        v.put("last_activity_date", d.lastActivity().map(Object::toString).orElse(null));
        v.put("quiet_since", d.quietSince().toString());
        v.put("uri", "/2010-04-01/Accounts/" + d.sid() + ".json");
        return v;
    }

    void bulk(Context ctx, SubaccountControlService.BulkAction action) {
        Form f = Requests.form(ctx);
        Responses.json(ctx, BulkViews.view(subaccounts.bulk(Requests.caller(ctx), ctx.pathParam("sid"), action, f.all("AccountSid"),
                f.first("DormantDays"))));
    }
}
