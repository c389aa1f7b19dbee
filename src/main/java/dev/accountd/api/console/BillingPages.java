package dev.accountd.api.console;

import dev.accountd.domain.DayTotals;
import dev.accountd.domain.Spender;
import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.BillingService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Billing: the shared balance and its recharges, the daily cost chart, the top subaccounts this month, the ledger. */
final class BillingPages {
    private static final List<String> RANGES = List.of("7", "30", "90");
    private final Services s;

    BillingPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/billing", c -> c.billing::show);
        r.action("/console/billing/recharge", c -> c.billing::recharge);
        r.action("/console/billing/auto-recharge", c -> c.billing::autoRecharge);
        r.page("/console/ledger", c -> c.billing::ledger);
    }

    private Outcome show(Request r) {
        boolean familyView = r.isMain() && !r.signed().actingAsOther();
        boolean family = familyView && !r.param("scope").filter("account"::equals).isPresent();
        int days = Integer.parseInt(r.param("days").filter(RANGES::contains).orElse("30"));
        LocalDate today = s.usage().today();
        LocalDate from = today.minusDays(days - 1);
        BillingService.AccountBalance balance = s.billing().balance(r.caller(), r.acting().sid());
        List<DayTotals> counters = s.usage().daily(r.caller(), r.acting().sid(), from, today, family);

        Html scopes = Html.when(familyView, Html.of("""
                <p class="row">Showing: {} · {}</p>""",
                family ? Html.of("<strong>whole family</strong>") : Html.of("<a href=\"{}\">whole family</a>", Html.url("/console/billing", "days", Integer.toString(days))),
                family ? Html.of("<a href=\"{}\">this account only</a>", Html.url("/console/billing", "scope", "account", "days", Integer.toString(days)))
                        : Html.of("<strong>this account only</strong>")));
        Html ranges = Html.each(RANGES, d -> d.equals(Integer.toString(days)) ? Html.of("<strong>{} days</strong> ", d)
                : Html.of("<a href=\"{}\">{} days</a> ", Html.url("/console/billing", "days", d, "scope", family || !familyView ? "" : "account"), d));
        Html balanceCard = Html.of("""
                <section class="card" aria-labelledby="bal-h"><h2 id="bal-h">Balance</h2>
                <p class="big num" id="balance">{}</p>
                <p class="muted">One balance for the main account and all its subaccounts.{}</p>{}</section>""",
                Fmt.money(balance.balance()), Html.when(r.isMain(), Html.of(" <a href=\"/console/ledger\">Ledger</a>")), rechargeForms(r));
        Html top = familyView ? topSubaccounts(r, today) : Html.EMPTY;
        Html body = Html.of("""
                <div class="grid">{}{}</div>
                <section class="card" aria-labelledby="chart-h"><h2 id="chart-h">Daily cost by category</h2>
                {}<p class="row">Range: {}</p>{}</section>""",
                balanceCard, top, scopes, ranges, CostChart.render(counters, from, today, s.currency()));
        return new View(Section.BILLING, "Billing", body);
    }

    private Html rechargeForms(Request r) {
        if (!r.isMain()) return Html.EMPTY;
        Balance details = s.billing().details(r.caller(), r.caller().mainSid());
        Html auto = details.autoRecharge().map(a -> Html.of("<p>Auto-recharge: {} when the balance falls below {}.</p>", Fmt.money(a.amount()), Fmt.money(a.below())))
                .orElse(Html.of("<p class=\"muted\">Auto-recharge is off.</p>"));
        return Html.of("""
                <form method="post" action="/console/billing/recharge" class="row">{}
                  <input type="hidden" name="once" value="{}">
                  <label for="amount">Amount ({})</label><input id="amount" name="Amount" required inputmode="decimal" size="8" pattern="[0-9]+(\\.[0-9]{1,2})?">
                  <label for="reference">Reference</label><input id="reference" name="Reference" maxlength="64" size="12">
                  <button type="submit" class="primary">Recharge</button>
                </form>
                {}
                <details><summary>Auto-recharge settings</summary>
                <form method="post" action="/console/billing/auto-recharge" class="row">{}
                  <label for="below">Below</label><input id="below" name="Below" inputmode="decimal" size="7">
                  <label for="auto-amount">Recharge</label><input id="auto-amount" name="Amount" inputmode="decimal" size="7">
                  <button type="submit">Save</button> <span class="muted">(both empty: off)</span>
                </form></details>""", Layout.csrfField(r), s.sessions().token(), s.currency(), auto, Layout.csrfField(r));
    }

    private Html topSubaccounts(Request r, LocalDate today) {
        List<Spender> top = s.usage().topSubaccounts(r.caller(), r.caller().mainSid(), java.time.YearMonth.from(today), 10);
        Html rows = Html.each(top, t -> Html.of("<tr><td><a href=\"/console/accounts/{}\">{}</a></td><td><code>{}</code></td><td class=\"num\">{}</td></tr>",
                t.accountSid(), t.friendlyName(), t.accountSid(), Fmt.money(t.priceMicros(), s.currency())));
        Html table = top.isEmpty() ? Html.of("<p class=\"muted\">No subaccount has used anything this month.</p>") : Html.of("""
                <div class="scroll"><table id="top-subaccounts"><caption>Since {}</caption><thead><tr><th scope="col">Subaccount</th><th scope="col">SID</th>
                <th scope="col" class="num">Cost</th></tr></thead><tbody>{}</tbody></table></div>""", today.withDayOfMonth(1).toString(), rows);
        return Html.of("<section class=\"card\" aria-labelledby=\"top-h\"><h2 id=\"top-h\">Top subaccounts this month</h2>{}</section>", table);
    }

    private Outcome recharge(Request r) {
        String amount = r.param("Amount").orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Amount"));
        // A form posted twice (a double click, a resent POST) carries the same reference: the recharge is made once.
        Optional<String> reference = r.param("Reference").or(() -> r.param("once").map(t -> "console-" + t.substring(0, Math.min(24, t.length()))));
        BillingService.Recharge done = s.billing().recharge(r.caller(), r.caller().mainSid(), amount, reference);
        return Redirect.to("/console/billing", Notice.RECHARGED, done.entry().balanceAfter().toString());
    }

    private Outcome autoRecharge(Request r) {
        s.billing().setAutoRecharge(r.caller(), r.caller().mainSid(), r.param("Below"), r.param("Amount"));
        return new Redirect("/console/billing");
    }

    private Outcome ledger(Request r) {
        Optional<String> account = r.param("AccountSid");
        Optional<String> category = r.param("Category");
        Optional<Instant> from = r.param("From").map(v -> date("From", v));
        Optional<Instant> to = r.param("To").map(v -> date("To", v).plusSeconds(86_400));
        Slice<LedgerEntry> page = s.billing().ledger(r.caller(), r.acting().sid(), new LedgerFilter(account, category, from, to), r.page(), true);
        Html rows = Html.each(page.items(), e -> Html.of("""
                <tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>""",
                Fmt.instant(e.date()), e.accountSid(), e.category(), Fmt.optional(e.resourceSid()), Fmt.money(e.amount()), Fmt.money(e.balanceAfter()),
                Fmt.optional(e.reference())));
        Html filter = Html.of("""
                <form method="get" action="/console/ledger" class="row filters" role="search">
                  <label for="l-account">Account SID</label><input id="l-account" name="AccountSid" size="20" value="{}">
                  <label for="l-category">Category</label><input id="l-category" name="Category" size="14" value="{}">
                  <label for="l-from">From</label><input id="l-from" name="From" type="date" value="{}">
                  <label for="l-to">To</label><input id="l-to" name="To" type="date" value="{}">
                  <button type="submit">Filter</button> <a href="/console/ledger">Clear</a>
                </form>""", account, category, r.param("From"), r.param("To"));
        Html body = Html.of("""
                {}<div class="scroll"><table id="ledger"><caption>Every change of the balance, newest first</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Account</th><th scope="col">Category</th><th scope="col">For</th>
                <th scope="col" class="num">Amount</th><th scope="col" class="num">Balance after</th><th scope="col">Reference</th></tr></thead>
                <tbody>{}</tbody></table></div>{}""", filter, rows, Pager.links("/console/ledger", page, "AccountSid", account.orElse(""),
                "Category", category.orElse(""), "From", r.param("From").orElse(""), "To", r.param("To").orElse("")));
        return new View(Section.BILLING, "Ledger", body);
    }

    private static Instant date(String name, String v) {
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, name + " must be a date such as 2026-12-01");
        }
    }
}
