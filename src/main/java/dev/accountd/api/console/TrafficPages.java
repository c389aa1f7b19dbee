package dev.accountd.api.console;

import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Call;
import dev.accountd.domain.CallFilter;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageFilter;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.util.List;
import java.util.Optional;

/** The calls and messages logs of the account shown, newest first, filtered as the REST lists are. */
final class TrafficPages {
    private static final List<String> CALL_STATUSES = List.of("", "queued", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled");
    private final Services s;

    TrafficPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/calls", c -> c.traffic::calls);
        r.page("/console/messages", c -> c.traffic::messages);
    }

    private Outcome calls(Request r) {
        Optional<String> to = r.param("To");
        Optional<String> from = r.param("From");
        Optional<String> statusParam = r.param("Status");
        Optional<Call.Status> status = statusParam.map(v -> Call.Status.fromWire(v)
                .orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER, "Status must be one of " + String.join(", ", CALL_STATUSES.subList(1, CALL_STATUSES.size())))));
        Slice<Call> page = s.calls().list(r.caller(), r.acting().sid(), new CallFilter(to, from, Optional.empty(), status, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), r.page());
        Html rows = Html.each(page.items(), c -> Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td><code>{}</code></td></tr>""",
                Fmt.instant(c.dateCreated()), c.from(), c.to(), c.direction().wire(), Fmt.badge(c.status().wire()),
                c.duration().map(d -> d + " s").orElse("—"), c.price().map(Fmt::money).orElse(Html.of("<span class=\"muted\">—</span>")), c.sid()));
        Html filter = Html.of("""
                <form method="get" action="/console/calls" class="row filters" role="search">
                  <label for="c-to">To</label><input id="c-to" name="To" size="14" value="{}">
                  <label for="c-from">From</label><input id="c-from" name="From" size="14" value="{}">
                  <label for="c-status">Status</label><select id="c-status" name="Status">{}</select>
                  <button type="submit">Filter</button> <a href="/console/calls">Clear</a>
                </form>""", to, from, Fmt.options(statusParam, CALL_STATUSES));
        Html body = Html.of("""
                {}<div class="scroll"><table id="calls"><caption>Calls of {}, newest first (To and From are exact E.164 numbers)</caption>
                <thead><tr><th scope="col">Created</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Direction</th><th scope="col">Status</th>
                <th scope="col" class="num">Duration</th><th scope="col" class="num">Price</th><th scope="col">SID</th></tr></thead>
                <tbody>{}</tbody></table></div>{}{}""", filter, r.acting().friendlyName(), rows, Fmt.emptyNote(page, "No calls."),
                Pager.links("/console/calls", page, "To", to.orElse(""), "From", from.orElse(""), "Status", statusParam.orElse("")));
        return new View(Section.CALLS, "Calls", body);
    }

    private Outcome messages(Request r) {
        Optional<String> to = r.param("To");
        Optional<String> from = r.param("From");
        Slice<Message> page = s.messages().list(r.caller(), r.acting().sid(), new MessageFilter(to, from, Optional.empty(), Optional.empty()), r.page());
        Html rows = Html.each(page.items(), m -> Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="body">{}</td></tr>""",
                Fmt.instant(m.dateCreated()), m.from(), m.to(), m.direction().wire(), Fmt.badge(m.status().wire()), m.numSegments(),
                m.price().map(Fmt::money).orElse(Html.of("<span class=\"muted\">—</span>")), m.body().length() > 80 ? m.body().substring(0, 79) + "…" : m.body()));
        Html filter = Html.of("""
                <form method="get" action="/console/messages" class="row filters" role="search">
                  <label for="m-to">To</label><input id="m-to" name="To" size="14" value="{}">
                  <label for="m-from">From</label><input id="m-from" name="From" size="14" value="{}">
                  <button type="submit">Filter</button> <a href="/console/messages">Clear</a>
                </form>""", to, from);
        Html body = Html.of("""
                {}<div class="scroll"><table id="messages"><caption>Messages of {}, newest first</caption>
                <thead><tr><th scope="col">Created</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Direction</th><th scope="col">Status</th>
                <th scope="col" class="num">Segments</th><th scope="col" class="num">Price</th><th scope="col">Body</th></tr></thead>
                <tbody>{}</tbody></table></div>{}{}""", filter, r.acting().friendlyName(), rows, Fmt.emptyNote(page, "No messages."),
                Pager.links("/console/messages", page, "To", to.orElse(""), "From", from.orElse("")));
        return new View(Section.MESSAGES, "Messages", body);
    }
}
