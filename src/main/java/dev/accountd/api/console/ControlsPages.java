package dev.accountd.api.console;

import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.BulkChange;
import dev.accountd.domain.DormantSubaccount;
import dev.accountd.domain.Event;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.ClockService;
import dev.accountd.service.EventService;
import dev.accountd.service.SandboxService;
import dev.accountd.service.SubaccountControlService;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/** The audit events, dormant subaccounts with bulk suspension, and the sandbox tools (manual clock, reset). */
final class ControlsPages {
    private final Services s;

    ControlsPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/events", c -> c.controls::events);
        r.page("/console/dormant", c -> c.controls::dormant);
        r.action("/console/dormant/suspend", c -> c.controls::suspendDormant);
        r.page("/console/sandbox", c -> c.controls::sandbox);
        r.action("/console/sandbox/clock", c -> c.controls::advanceClock);
        r.action("/console/sandbox/reset", c -> c.controls::reset);
    }

    private Outcome events(Request r) {
        Optional<String> type = r.param("EventType");
        Optional<String> resource = r.param("ResourceSid");
        Optional<String> actor = r.param("ActorSid");
        Slice<Event> page = s.events().list(r.caller(), new EventService.Filter(actor, type, resource, Optional.empty(), Optional.empty(), Optional.empty()),
                r.page());
        Html rows = Html.each(page.items(), e -> Html.of("""
                <tr><td>{}</td><td>{}</td><td><code>{}</code> <span class="muted">{}</span></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>""",
                Fmt.instant(e.eventDate()), e.eventType(), e.resourceSid(), e.resourceType(), e.accountSid(), Fmt.optional(e.actorSid()),
                Fmt.optional(e.sourceIpAddress()), Fmt.optional(e.description())));
        Html filter = Html.of("""
                <form method="get" action="/console/events" class="row filters" role="search">
                  <label for="e-type">Event type</label><input id="e-type" name="EventType" size="22" value="{}" placeholder="account.updated">
                  <label for="e-resource">Resource SID</label><input id="e-resource" name="ResourceSid" size="20" value="{}">
                  <label for="e-actor">Actor SID</label><input id="e-actor" name="ActorSid" size="20" value="{}">
                  <button type="submit">Filter</button> <a href="/console/events">Clear</a>
                </form>""", type, resource, actor);
        Html body = Html.of("""
                {}<div class="scroll"><table id="events"><caption>The audit trail{}, newest first</caption>
                <thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Resource</th><th scope="col">Account</th>
                <th scope="col">Actor</th><th scope="col">Source IP</th><th scope="col">Description</th></tr></thead>
                <tbody>{}</tbody></table></div>{}{}""", filter, r.isMain() ? " of the whole family" : "", rows, Fmt.emptyNote(page, "No events."),
                Pager.links("/console/events", page, "EventType", type.orElse(""), "ResourceSid", resource.orElse(""), "ActorSid", actor.orElse("")));
        return new View(Section.EVENTS, "Events", body);
    }

    private Outcome dormant(Request r) {
        String days = r.param("InactiveDays").orElse("30");
        Slice<DormantSubaccount> page = s.controls().dormant(r.caller(), r.caller().mainSid(), Optional.of(days), r.page());
        Html rows = Html.each(page.items(), d -> Html.of("""
                <tr><td><input type="checkbox" name="AccountSid" value="{}" id="d-{}" form="suspend-selected"></td>
                <td><label for="d-{}" class="plain"><a href="/console/accounts/{}">{}</a></label></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>""",
                d.sid(), d.sid(), d.sid(), d.sid(), d.friendlyName(), d.sid(), Fmt.day(d.lastActivity()), Fmt.instant(d.dateCreated())));
        Html body = Html.of("""
                <form method="get" action="/console/dormant" class="row filters">
                  <label for="days">Quiet for at least (days)</label><input id="days" name="InactiveDays" size="4" inputmode="numeric" value="{}">
                  <button type="submit">Show</button>
                </form>
                <div class="scroll"><table id="dormant"><caption>Active subaccounts without a call or message for {} days or more, quietest first</caption>
                <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Name</th><th scope="col">SID</th>
                <th scope="col">Last activity</th><th scope="col">Created</th></tr></thead><tbody>{}</tbody></table></div>{}{}
                <form method="post" action="/console/dormant/suspend" id="suspend-selected" class="row">{}
                  <input type="hidden" name="InactiveDays" value="{}">
                  <button type="submit" name="scope" value="selected">Suspend selected</button>
                  <button type="submit" name="scope" value="all" class="danger">Suspend every subaccount quiet for {} days</button>
                </form>""", days, days, rows, Fmt.emptyNote(page, "No dormant subaccounts."),
                Pager.links("/console/dormant", page, "InactiveDays", days), Layout.csrfField(r), days, days);
        return new View(Section.DORMANT, "Dormant subaccounts", body);
    }

    private Outcome suspendDormant(Request r) {
        boolean all = r.param("scope").filter("all"::equals).isPresent();
        List<String> selected = r.params().all("AccountSid");
        if (!all && selected.isEmpty()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "select the subaccounts to suspend");
        BulkChange change = s.controls().bulk(r.caller(), r.caller().mainSid(), SubaccountControlService.BulkAction.SUSPEND,
                all ? List.of() : selected, all ? r.param("InactiveDays") : Optional.empty());
        long changed = change.outcomes().stream().filter(o -> o instanceof BulkChange.Outcome.Changed).count();
        return Redirect.to(Html.url("/console/dormant", "InactiveDays", r.param("InactiveDays").orElse("30")), Notice.DORMANT_SUSPENDED,
                changed + (change.more() ? " (more remain: suspend again)" : ""));
    }

    private Outcome sandbox(Request r) {
        Html clock = s.manualClock() ? Html.of("""
                <section class="card" aria-labelledby="clock-h"><h2 id="clock-h">Manual clock</h2>
                <p>accountd's clock reads <strong id="clock-now">{}</strong>. Moving it runs what falls due meanwhile, in order: rentals, calls, messages, triggers.</p>
                <form method="post" action="/console/sandbox/clock" class="row">{}
                  <button type="submit" name="Advance" value="P1D">Advance one day</button>
                  <button type="submit" name="Advance" value="P1M">Advance one month</button>
                </form></section>""", Fmt.instant(s.clock().read(r.caller()).now()), Layout.csrfField(r))
                : Html.of("<section class=\"card\"><h2>Clock</h2><p class=\"muted\">The server runs on the system clock (start it with --clock manual to move it).</p></section>");
        Html reset = s.sandboxEnabled() ? Html.of("""
                <section class="card warning" aria-labelledby="reset-h"><h2 id="reset-h">Reset the sandbox</h2>
                <p>Deletes every account but the first main account (whose credentials stay valid), and everything they hold: numbers, calls,
                messages, charges, events. The balance starts again from its opening amount.</p>
                <form method="post" action="/console/sandbox/reset" class="stack">{}
                  <label class="check"><input type="checkbox" name="confirm" value="reset" required> Delete everything but the first main account</label>
                  <div><button type="submit" class="danger">Reset</button></div>
                </form></section>""", Layout.csrfField(r))
                : Html.of("<section class=\"card\"><h2>Reset</h2><p class=\"muted\">Reset is available when the server runs with --sandbox.</p></section>");
        return new View(Section.SANDBOX, "Sandbox", Html.of("{}{}", clock, reset));
    }

    private Outcome advanceClock(Request r) {
        String advance = r.param("Advance").orElse("");
        ClockService.State state = switch (advance) {
            case "P1D" -> s.clock().advance(r.caller(), Period.ofDays(1), Duration.ZERO);
            case "P1M" -> s.clock().advance(r.caller(), Period.ofMonths(1), Duration.ZERO);
            default -> throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Advance must be P1D or P1M here; the REST API takes any duration");
        };
        return Redirect.to("/console/sandbox", Notice.CLOCK_MOVED, state.now().toString());
    }

    private Outcome reset(Request r) {
        if (r.param("confirm").filter("reset"::equals).isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "tick the confirmation: a reset deletes everything but the first main account");
        }
        SandboxService.Reset done = s.sandbox().reset(r.caller());
        return Redirect.to("/console/sandbox", Notice.SANDBOX_RESET, Integer.toString(done.deletedAccounts()));
    }
}
