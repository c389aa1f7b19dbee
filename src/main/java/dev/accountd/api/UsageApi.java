package dev.accountd.api;

import dev.accountd.domain.Money;
import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageRecord;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.service.UsageService;
import dev.accountd.service.UsageTriggerService;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Usage Records (the nine paths) and Usage Triggers (five operations). */
public final class UsageApi {
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private final UsageService usage;
    private final UsageTriggerService triggers;
    private final String priceUnit;

    public UsageApi(UsageService usage, UsageTriggerService triggers, String currency) {
        this.usage = usage;
        this.triggers = triggers;
        this.priceUnit = currency.toLowerCase(Locale.ROOT);
    }

    void listRecords(Context ctx, UsageService.Records path) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Paging paging = Paging.from(q);
        String base = "/2010-04-01/Accounts/" + account + "/Usage/Records" + path.path() + ".json";
        boolean dates = UsageService.takesDates(path);
        Optional<String> start = dates ? q.first("StartDate") : Optional.empty();
        Optional<String> end = dates ? q.first("EndDate") : Optional.empty();
        Slice<UsageRecord> slice = usage.records(Requests.caller(ctx), account, path, q.first("Category"), start, end,
                Requests.boolParam(q, "IncludeSubaccounts"), paging.request(), base);
        String asOf = AS_OF.format(usage.now());
        Responses.json(ctx, paging.envelope(base, List.of(Map.entry("Category", q.first("Category")), Map.entry("StartDate", start),
                        Map.entry("EndDate", end), Map.entry("IncludeSubaccounts", q.first("IncludeSubaccounts"))), "usage_records", slice,
                slice.items().stream().map(r -> view(r, path, base, asOf)).toList()));
    }

    /** A Usage Record, in the spec's order: positive prices in lower-case currency, as Twilio writes them (research §2.3). */
    private Map<String, Object> view(UsageRecord r, UsageService.Records path, String base, String asOf) {
        Map<String, Object> v = new LinkedHashMap<>();
        String price = decimal(r.totals().priceMicros());
        boolean counted = r.category().hasCount();
        v.put("account_sid", r.accountSid());
        v.put("api_version", "2010-04-01");
        v.put("as_of", asOf);
        v.put("category", r.category().name());
        v.put("count", counted ? Long.toString(r.totals().count()) : null);
        v.put("count_unit", r.category().countUnit());
        v.put("description", r.category().description());
        v.put("end_date", r.endDate().toString());
        v.put("price", price);
        v.put("price_unit", priceUnit);
        v.put("start_date", r.startDate().toString());
        v.put("subresource_uris", UsageService.listsSubresources(path) ? subresources(r.accountSid(), r.category().name()) : null);
        v.put("uri", base + "?Category=" + r.category().name() + "&StartDate=" + r.startDate() + "&EndDate=" + r.endDate());
        v.put("usage", counted ? Long.toString(r.totals().usage()) : price);
        v.put("usage_unit", r.category().usageUnit());
        return v;
    }

    /** The eight subresources, each for the record's category (CONTRACT.md §8: {@code …/Usage/Records/<X>.json?Category=<cat>}). */
    private static Map<String, String> subresources(String account, String category) {
        Map<String, String> uris = new LinkedHashMap<>();
        String root = "/2010-04-01/Accounts/" + account + "/Usage/Records";
        for (Map.Entry<String, String> e : List.of(Map.entry("all_time", "AllTime"), Map.entry("today", "Today"), Map.entry("yesterday", "Yesterday"),
                Map.entry("this_month", "ThisMonth"), Map.entry("last_month", "LastMonth"), Map.entry("daily", "Daily"),
                Map.entry("monthly", "Monthly"), Map.entry("yearly", "Yearly"))) {
            uris.put(e.getKey(), root + "/" + e.getValue() + ".json?Category=" + category);
        }
        return uris;
    }

    private static String decimal(long micros) {
        return BigDecimal.valueOf(micros, Money.SCALE).stripTrailingZeros().toPlainString();
    }

    // ---- triggers ----

    void listTriggers(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Paging paging = Paging.from(q);
        Slice<UsageTrigger> slice = triggers.list(Requests.caller(ctx), account, q.first("Recurring"), q.first("TriggerBy"), q.first("UsageCategory"),
                paging.request());
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Usage/Triggers.json",
                List.of(Map.entry("Recurring", q.first("Recurring")), Map.entry("TriggerBy", q.first("TriggerBy")),
                        Map.entry("UsageCategory", q.first("UsageCategory"))), "usage_triggers", slice,
                slice.items().stream().map(this::view).toList()));
    }

    void createTrigger(Context ctx) {
        Form f = Requests.form(ctx);
        UsageTrigger t = triggers.create(Requests.caller(ctx), ctx.pathParam("accountSid"), new UsageTriggerService.Create(f.first("CallbackUrl"),
                f.first("TriggerValue"), f.first("UsageCategory"), f.first("CallbackMethod"), f.first("FriendlyName"), f.first("Recurring"),
                f.first("TriggerBy")));
        Responses.json(ctx.status(201), view(t));
    }

    void fetchTrigger(Context ctx) {
        Responses.json(ctx, view(triggers.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void updateTrigger(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx, view(triggers.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"),
                f.first("CallbackUrl"), f.first("CallbackMethod"), f.first("FriendlyName"))));
    }

    void deleteTrigger(Context ctx) {
        triggers.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    /** A Usage Trigger, in the spec's order; trigger_value with six decimals, as Twilio shows it. */
    private Map<String, Object> view(UsageTrigger t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", t.accountSid());
        v.put("api_version", "2010-04-01");
        v.put("callback_method", t.callbackMethod());
        v.put("callback_url", t.callbackUrl());
        v.put("current_value", triggers.currentValue(t).toPlainString());
        v.put("date_created", Rfc2822.format(t.dateCreated()));
        v.put("date_fired", t.dateFired().map(Rfc2822::format).orElse(null));
        v.put("date_updated", Rfc2822.format(t.dateUpdated()));
        v.put("friendly_name", t.friendlyName());
        v.put("recurring", t.recurring().wire());
        v.put("sid", t.sid());
        v.put("trigger_by", t.triggerBy().wire());
        v.put("trigger_value", t.triggerValue().setScale(Money.SCALE).toPlainString());
        v.put("uri", "/2010-04-01/Accounts/" + t.accountSid() + "/Usage/Triggers/" + t.sid() + ".json");
        v.put("usage_category", t.usageCategory());
        v.put("usage_record_uri", t.usageRecordUri());
        return v;
    }
}
