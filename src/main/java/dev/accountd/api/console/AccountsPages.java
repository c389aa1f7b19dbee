package dev.accountd.api.console;

import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.AccountService.ListFilter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts: the family with status, cost this month and last activity; create, rename, suspend, reactivate, close, switch to. */
final class AccountsPages {
    private final Services s;

    AccountsPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/accounts", c -> c.accounts::list);
        r.action("/console/accounts", c -> c.accounts::create);
        r.page("/console/accounts/{sid}", c -> c.accounts::detail);
        r.action("/console/accounts/{sid}", c -> c.accounts::update);
        r.page("/console/accounts/{sid}/close", c -> c.accounts::confirmClose);
        r.action("/console/accounts/{sid}/close", c -> c.accounts::close);
    }

    private Outcome list(Request r) {
        Optional<String> name = r.param("FriendlyName");
        Optional<String> statusParam = r.param("Status");
        Optional<AccountStatus> status = statusParam.flatMap(AccountStatus::fromWire);
        Slice<Account> page = s.accounts().list(r.caller(), new ListFilter(name, status), r.page());
        LocalDate today = s.usage().today();
        Map<String, LocalDate> active = s.controls().lastActivity(r.caller(), page.items());
        Map<String, Long> spent = s.usage().spentThisMonth(r.caller(), page.items());
        Html rows = Html.each(page.items(), a -> row(r, a, spent.getOrDefault(a.sid(), 0L), Optional.ofNullable(active.get(a.sid()))));
        Html create = Html.when(r.isMain(), Html.of("""
                <section class="card" aria-labelledby="create-h">
                  <h2 id="create-h">Create a subaccount</h2>
                  <form method="post" action="/console/accounts" class="row">{}
                    <label for="new-name">Friendly name</label>
                    <input id="new-name" name="FriendlyName" maxlength="64" required>
                    <button type="submit" class="primary">Create subaccount</button>
                  </form>
                </section>""", Layout.csrfField(r)));
        Html filter = Html.of("""
                <form method="get" action="/console/accounts" class="row filters" role="search">
                  <label for="f-name">Friendly name (exact)</label>
                  <input id="f-name" name="FriendlyName" value="{}">
                  <label for="f-status">Status</label>
                  <select id="f-status" name="Status">{}</select>
                  <button type="submit">Filter</button>
                  <a href="/console/accounts">Clear</a>
                </form>""", name, Fmt.options(statusParam, List.of("", "active", "suspended", "closed")));
        Html body = Html.of("""
                {}
                {}
                <div class="scroll"><table>
                  <caption>Accounts, oldest first; cost and activity of each account itself ({} so far this month)</caption>
                  <thead><tr><th scope="col">Name</th><th scope="col">SID</th><th scope="col">Status</th>
                  <th scope="col" class="num">Cost this month</th><th scope="col">Last activity</th><th scope="col">Created</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                  <tbody>{}</tbody>
                </table></div>
                {}""", create, filter, today.withDayOfMonth(1) + " to " + today, rows,
                Pager.links("/console/accounts", page, "FriendlyName", name.orElse(""), "Status", statusParam.orElse("")));
        return new View(Section.ACCOUNTS, r.isMain() ? "Accounts" : "Your account", body);
    }

    private Html row(Request r, Account a, long spentMicros, Optional<LocalDate> lastActivity) {
        boolean switchable = r.isMain() && !a.sid().equals(r.acting().sid()) && a.status() != AccountStatus.CLOSED;
        Html switchTo = Html.when(switchable, Html.of("""
                <form method="post" action="/console/switch" class="inline">{}<input type="hidden" name="AccountSid" value="{}">
                <button type="submit" class="small">Switch to</button></form>""", Layout.csrfField(r), a.sid()));
        return Html.of("""
                <tr><td><a href="/console/accounts/{}">{}</a>{}</td><td><code>{}</code></td><td>{}</td><td class="num">{}</td><td>{}</td>
                <td>{}</td><td class="actions">{}</td></tr>""",
                a.sid(), a.friendlyName(), Html.when(a.isMain(), Html.of(" <span class=\"tag\">main</span>")), a.sid(), Fmt.status(a.status()),
                Fmt.money(spentMicros, s.currency()), Fmt.day(lastActivity), Fmt.instant(a.dateCreated()), switchTo);
    }

    private Outcome create(Request r) {
        Account created = s.accounts().createSubaccount(r.caller(), r.param("FriendlyName"));
        return Redirect.to("/console/accounts/" + created.sid(), Notice.SUBACCOUNT_CREATED, created.friendlyName() + " (" + created.sid() + ")");
    }

    private Outcome detail(Request r) {
        Account a = s.accounts().fetch(r.caller(), r.pathParam("sid"));
        boolean manage = r.isMain() && !a.isMain() && a.status() != AccountStatus.CLOSED;
        Html lifecycle = Html.when(manage, Html.of("""
                <section class="card" aria-labelledby="life-h">
                  <h2 id="life-h">Status</h2>
                  <form method="post" action="/console/accounts/{}" class="row">{}
                    <input type="hidden" name="Status" value="{}">
                    <button type="submit">{}</button>
                  </form>
                  <p><a class="danger" href="/console/accounts/{}/close">Close this subaccount…</a></p>
                </section>""", a.sid(), Layout.csrfField(r), a.status() == AccountStatus.ACTIVE ? "suspended" : "active",
                a.status() == AccountStatus.ACTIVE ? "Suspend" : "Reactivate", a.sid()));
        Html rename = Html.when(a.status() != AccountStatus.CLOSED && !r.caller().isApiKey(), Html.of("""
                <section class="card" aria-labelledby="rename-h">
                  <h2 id="rename-h">Rename</h2>
                  <form method="post" action="/console/accounts/{}" class="row">{}
                    <label for="rename">Friendly name</label>
                    <input id="rename" name="FriendlyName" maxlength="64" required value="{}">
                    <button type="submit">Rename</button>
                  </form>
                </section>""", a.sid(), Layout.csrfField(r), a.friendlyName()));
        Html switchTo = Html.when(r.isMain() && !a.sid().equals(r.acting().sid()) && a.status() != AccountStatus.CLOSED, Html.of("""
                <form method="post" action="/console/switch" class="inline">{}<input type="hidden" name="AccountSid" value="{}">
                <button type="submit" class="primary">Switch to this account</button></form>""", Layout.csrfField(r), a.sid()));
        Html body = Html.of("""
                <dl class="facts">
                  <dt>SID</dt><dd><code>{}</code></dd>
                  <dt>Status</dt><dd>{}</dd>
                  <dt>Type</dt><dd>{}</dd>
                  <dt>Main account</dt><dd><code>{}</code></dd>
                  <dt>Created</dt><dd>{}</dd>
                  <dt>Updated</dt><dd>{}</dd>
                  <dt>Closed</dt><dd>{}</dd>
                </dl>
                <p>{}</p>
                {}
                {}""", a.sid(), Fmt.status(a.status()), a.type().wire(), a.mainSid(), Fmt.instant(a.dateCreated()), Fmt.instant(a.dateUpdated()),
                Fmt.instant(a.dateClosed()), switchTo, rename, lifecycle);
        return new View(Section.ACCOUNTS, a.friendlyName(), body);
    }

    private Outcome update(Request r) {
        String sid = r.pathParam("sid");
        Optional<String> status = r.param("Status");
        if (status.filter(v -> v.equals("closed")).isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "close a subaccount from its Close page, which asks for a confirmation");
        }
        Optional<AccountStatus> wanted = status.map(v -> AccountStatus.fromWire(v).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_STATUS)));
        Account a = s.accounts().update(r.caller(), sid, new AccountChange(r.param("FriendlyName"), wanted));
        Notice notice = wanted.isEmpty() ? Notice.ACCOUNT_RENAMED
                : wanted.get() == AccountStatus.SUSPENDED ? Notice.ACCOUNT_SUSPENDED : Notice.ACCOUNT_REACTIVATED;
        return Redirect.to("/console/accounts/" + a.sid(), notice, a.friendlyName() + " (" + a.sid() + ")");
    }

    private Outcome confirmClose(Request r) {
        Account a = s.accounts().fetch(r.caller(), r.pathParam("sid"));
        Html body = Html.of("""
                <div class="card warning" role="alert">
                  <p><strong>Closing {} (<code>{}</code>) is permanent.</strong> A closed subaccount cannot be reactivated: its credentials
                  stop working at once, its phone numbers are released, and it is deleted 30 days later. Its calls, messages and
                  charges stay readable until then.</p>
                  <form method="post" action="/console/accounts/{}/close" class="stack">{}
                    <label class="check"><input type="checkbox" name="confirm" value="permanent" required> I understand that closing is permanent</label>
                    <div class="row"><button type="submit" class="danger">Close subaccount permanently</button>
                    <a href="/console/accounts/{}">Cancel</a></div>
                  </form>
                </div>""", a.friendlyName(), a.sid(), a.sid(), Layout.csrfField(r), a.sid());
        return new View(Section.ACCOUNTS, "Close " + a.friendlyName() + "?", body);
    }

    private Outcome close(Request r) {
        if (!r.param("confirm").filter("permanent"::equals).isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "tick the confirmation: closing a subaccount is permanent");
        }
        Account a = s.accounts().update(r.caller(), r.pathParam("sid"), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)));
        return Redirect.to("/console/accounts", Notice.ACCOUNT_CLOSED, a.friendlyName() + " (" + a.sid() + ")");
    }
}
