package dev.accountd.api.console;

import dev.accountd.domain.DayTotals;
import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageCategory;
import dev.accountd.domain.UsageTotals;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.SpendingLimitService;
import dev.accountd.service.UsageTriggerService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Usage of the account shown: this month by category, its usage triggers, and its spending limit. */
final class UsagePages {
    private final Services s;

    UsagePages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/usage", c -> c.usage::show);
        r.action("/console/usage/triggers", c -> c.usage::createTrigger);
        r.action("/console/usage/triggers/{sid}/delete", c -> c.usage::deleteTrigger);
        r.action("/console/usage/limit", c -> c.usage::setLimit);
        r.action("/console/usage/limit/delete", c -> c.usage::deleteLimit);
    }

    private Outcome show(Request r) {
        String account = r.acting().sid();
        LocalDate today = s.usage().today();
        LocalDate from = today.withDayOfMonth(1);
        boolean family = r.acting().isMain();
        Map<String, UsageTotals> byCategory = new TreeMap<>();
        for (DayTotals d : s.usage().daily(r.caller(), account, from, today, family)) {
            byCategory.merge(d.category(), d.totals(), UsageTotals::plus);
        }
        Html usageRows = Html.each(List.copyOf(byCategory.entrySet()), e -> {
            UsageCategory c = UsageCategory.find(e.getKey()).orElseThrow();
            return Html.of("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} {}</td><td class=\"num\">{}</td></tr>",
                    c.name(), c.description(), e.getValue().count(), e.getValue().usage(), c.usageUnit(), Fmt.money(e.getValue().priceMicros(), s.currency()));
        });
        Html usage = byCategory.isEmpty() ? Html.of("<p class=\"muted\">Nothing used since {}.</p>", from.toString()) : Html.of("""
                <div class="scroll"><table id="usage-this-month"><caption>{} to {}{}</caption>
                <thead><tr><th scope="col">Category</th><th scope="col">Description</th><th scope="col" class="num">Count</th>
                <th scope="col" class="num">Usage</th><th scope="col" class="num">Price</th></tr></thead><tbody>{}</tbody></table></div>""",
                from.toString(), today.toString(), family ? ", whole family" : "", usageRows);

        Slice<UsageTrigger> triggers = s.triggers().list(r.caller(), account, Optional.empty(), Optional.empty(), Optional.empty(), r.page());
        Html triggerRows = Html.each(triggers.items(), t -> Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td><td class="actions">
                <form method="post" action="/console/usage/triggers/{}/delete" class="inline">{}<button type="submit" class="small danger">Delete</button></form></td></tr>""",
                t.friendlyName(), t.usageCategory(), t.triggerBy().wire(), t.triggerValue().stripTrailingZeros().toPlainString(),
                s.triggers().currentValue(t).stripTrailingZeros().toPlainString(), t.recurring().wire(), Fmt.instant(t.dateFired()), t.sid(), Layout.csrfField(r)));
        Html triggerTable = triggers.items().isEmpty() ? Html.of("<p class=\"muted\">No usage triggers.</p>") : Html.of("""
                <div class="scroll"><table id="triggers"><thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col">By</th>
                <th scope="col" class="num">Fires at</th><th scope="col" class="num">Now</th><th scope="col">Recurring</th><th scope="col">Last fired</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>{}</tbody></table></div>{}""",
                triggerRows, Pager.links("/console/usage", triggers));
        Html categories = Html.each(UsageCategory.all(), c -> c.name().equals("totalprice")
                ? Html.of("<option value=\"{}\" selected>{}</option>", c.name(), c.name()) : Html.of("<option value=\"{}\">{}</option>", c.name(), c.name()));
        Html triggerForm = Html.of("""
                <form method="post" action="/console/usage/triggers" class="row">{}
                  <label for="t-name">Name</label><input id="t-name" name="FriendlyName" maxlength="64" size="12">
                  <label for="t-category">Category</label><select id="t-category" name="UsageCategory">{}</select>
                  <label for="t-by">By</label><select id="t-by" name="TriggerBy">{}</select>
                  <label for="t-value">Value</label><input id="t-value" name="TriggerValue" required size="7" inputmode="decimal">
                  <label for="t-recurring">Recurring</label><select id="t-recurring" name="Recurring">{}</select>
                  <label for="t-url">Callback URL</label><input id="t-url" name="CallbackUrl" type="url" required size="28" placeholder="https://…">
                  <button type="submit" class="primary">Create trigger</button>
                </form>""", Layout.csrfField(r), categories, Fmt.options(Optional.of("price"), List.of("count", "usage", "price")),
                Fmt.options(Optional.of("monthly"), List.of("", "daily", "monthly", "yearly", "alltime")));

        Html body = Html.of("""
                <section class="card" aria-labelledby="u-h"><h2 id="u-h">This month</h2>{}</section>
                <section class="card" aria-labelledby="t-h"><h2 id="t-h">Usage triggers</h2>{}{}</section>
                <section class="card" aria-labelledby="l-h"><h2 id="l-h">Spending limit</h2>{}</section>""",
                usage, triggerTable, triggerForm, limit(r, account));
        return new View(Section.USAGE, "Usage", body);
    }

    private Html limit(Request r, String account) {
        Optional<SpendingLimitService.Status> status = s.limits().find(r.caller(), account);
        Html current = status.map(st -> Html.of("""
                <p>{} per {} period, action <strong>{}</strong>: spent {}, {} left.</p>
                <form method="post" action="/console/usage/limit/delete" class="inline">{}<button type="submit" class="small danger">Remove limit</button></form>""",
                Fmt.money(st.limit().amount()), st.limit().period().wire(), st.limit().action().wire(), Fmt.money(st.spent()), Fmt.money(st.remaining()),
                Layout.csrfField(r))).orElse(Html.of("<p class=\"muted\">No spending limit.</p>"));
        Html form = Html.when(r.isMain(), Html.of("""
                <form method="post" action="/console/usage/limit" class="row">{}
                  <label for="l-amount">Amount ({})</label><input id="l-amount" name="Amount" required size="7" inputmode="decimal">
                  <label for="l-period">Period</label><select id="l-period" name="Period">{}</select>
                  <label for="l-action">When reached</label><select id="l-action" name="Action">{}</select>
                  <button type="submit">Set limit</button>
                </form>""", Layout.csrfField(r), s.currency(), Fmt.options(Optional.of("monthly"), List.of("daily", "monthly", "alltime")),
                Fmt.options(Optional.of("block"), List.of("block", "suspend"))));
        return Html.of("{}{}", current, form);
    }

    private Outcome createTrigger(Request r) {
        UsageTrigger t = s.triggers().create(r.caller(), r.acting().sid(), new UsageTriggerService.Create(r.param("CallbackUrl"), r.param("TriggerValue"),
                r.param("UsageCategory"), Optional.empty(), r.param("FriendlyName"), r.param("Recurring"), r.param("TriggerBy")));
        return Redirect.to("/console/usage", Notice.TRIGGER_CREATED, t.sid());
    }

    private Outcome deleteTrigger(Request r) {
        String sid = r.pathParam("sid");
        s.triggers().delete(r.caller(), r.acting().sid(), sid);
        return Redirect.to("/console/usage", Notice.TRIGGER_DELETED, sid);
    }

    private Outcome setLimit(Request r) {
        if (r.param("Amount").isEmpty()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "Amount");
        s.limits().set(r.caller(), r.acting().sid(), r.param("Amount"), r.param("Period"), r.param("Action"));
        return Redirect.to("/console/usage", Notice.LIMIT_SET, r.acting().sid());
    }

    private Outcome deleteLimit(Request r) {
        s.limits().delete(r.caller(), r.acting().sid());
        return Redirect.to("/console/usage", Notice.LIMIT_REMOVED, r.acting().sid());
    }
}
