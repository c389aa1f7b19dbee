package dev.accountd.api;

import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.Slice;
import dev.accountd.json.LedgerViews;
import dev.accountd.service.BillingService;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Money on the wire: Twilio's Balance ({@code GET /2010-04-01/Accounts/{Sid}/Balance.json}) and accountd's
 * extensions under {@code /_accountd/v1/Accounts/{Sid}/}: Recharges, the Ledger and the Balance's settings.
 */
public final class BillingApi {
    private final BillingService billing;
    private final boolean trustProxy;

    public BillingApi(BillingService billing, boolean trustProxy) {
        this.billing = billing;
        this.trustProxy = trustProxy;
    }

    /** FetchBalance: {@code {account_sid, balance, currency}}, the balance a decimal string. */
    void fetchBalance(Context ctx) {
        BillingService.AccountBalance b = billing.balance(Requests.caller(ctx), ctx.pathParam("accountSid"));
        // written directly, as the hot path it is: a stored SID, a decimal and an ISO 4217 code need no escaping
        Responses.rawJson(ctx, "{\"account_sid\":\"" + b.accountSid() + "\",\"balance\":\"" + b.balance().plain()
                + "\",\"currency\":\"" + b.balance().currency() + "\"}");
    }

    void fetchBalanceSettings(Context ctx) {
        String main = ctx.pathParam("sid");
        Responses.json(ctx, settingsView(billing.details(Requests.caller(ctx), main), Requests.baseUrl(ctx, trustProxy)));
    }

    void updateBalanceSettings(Context ctx) {
        Form form = Requests.form(ctx);
        Balance b = billing.setAutoRecharge(Requests.caller(ctx), ctx.pathParam("sid"), form.first("AutoRechargeBelow"),
                form.first("AutoRechargeAmount"));
        Responses.json(ctx, settingsView(b, Requests.baseUrl(ctx, trustProxy)));
    }

    void createRecharge(Context ctx) {
        Form form = Requests.form(ctx);
        String amount = form.first("Amount").orElseThrow(() -> dev.accountd.error.TwilioException.of(
                dev.accountd.error.ErrorCode.MISSING_PARAMETER, "Amount"));
        BillingService.Recharge r = billing.recharge(Requests.caller(ctx), ctx.pathParam("sid"), amount, form.first("Reference"));
        // a replay (the same Reference) answers what the first request answered
        Responses.json(ctx.status(201), rechargeView(r.entry(), Requests.baseUrl(ctx, trustProxy)));
    }

    void listRecharges(Context ctx) {
        Form q = Requests.query(ctx);
        Paging paging = Paging.from(q);
        String main = ctx.pathParam("sid");
        Slice<LedgerEntry> slice = billing.recharges(Requests.caller(ctx), main, paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        List<Map<String, Object>> records = slice.items().stream().map(e -> rechargeView(e, base)).toList();
        Responses.json(ctx, paging.v1Envelope(base, "/_accountd/v1/Accounts/" + main + "/Recharges", List.of(), "recharges", slice, records));
    }

    void fetchRecharge(Context ctx) {
        LedgerEntry e = billing.fetchRecharge(Requests.caller(ctx), ctx.pathParam("sid"), ctx.pathParam("rechargeSid"));
        Responses.json(ctx, rechargeView(e, Requests.baseUrl(ctx, trustProxy)));
    }

    /** The ledger, oldest first, filtered by AccountSid, Category, StartDate and EndDate (both inclusive). */
    void listLedger(Context ctx) {
        Form q = Requests.query(ctx);
        Optional<String> start = q.first("StartDate");
        Optional<String> end = q.first("EndDate");
        Optional<Instant> from = start.map(v -> Iso8601.parse("StartDate", v, false));
        Optional<Instant> before = end.map(v -> Iso8601.parse("EndDate", v, true).plusMillis(1));
        LedgerFilter filter = new LedgerFilter(q.first("AccountSid"), q.first("Category"), from, before);
        Paging paging = Paging.from(q);
        String sid = ctx.pathParam("sid");
        Slice<LedgerEntry> slice = billing.ledger(Requests.caller(ctx), sid, filter, paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        List<Map<String, Object>> records = slice.items().stream().map(LedgerViews::entry).toList();
        Responses.json(ctx, paging.v1Envelope(base, "/_accountd/v1/Accounts/" + sid + "/Ledger", List.of(
                Map.entry("AccountSid", q.first("AccountSid")), Map.entry("Category", q.first("Category")),
                Map.entry("StartDate", start), Map.entry("EndDate", end)), "entries", slice, records));
    }

    static Map<String, Object> rechargeView(LedgerEntry e, String base) {
        Map<String, Object> v = LedgerViews.recharge(e);
        v.put("url", base + "/_accountd/v1/Accounts/" + e.mainSid() + "/Recharges/" + e.sid());
        return v;
    }

    private static Map<String, Object> settingsView(Balance b, String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", b.mainSid());
        v.put("balance", b.current().plain());
        v.put("currency", b.current().currency());
        v.put("opening_balance", b.opening().plain());
        v.put("auto_recharge_below", b.autoRecharge().map(a -> a.below().plain()).orElse(null));
        v.put("auto_recharge_amount", b.autoRecharge().map(a -> a.amount().plain()).orElse(null));
        v.put("url", base + "/_accountd/v1/Accounts/" + b.mainSid() + "/Balance");
        return v;
    }
}
