package dev.accountd.api.console;

import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Account;
import dev.accountd.domain.ApiKey;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.Slice;
import dev.accountd.service.KeyService;
import dev.accountd.service.TokenService;
import java.util.List;
import java.util.Optional;

/**
 * Credentials of the account shown: its auth tokens (secondary, promote, delete), its API keys (a secret is shown once,
 * on the page that creates it), and for a main account the rotation of every subaccount's auth token in steps.
 */
final class CredentialsPages {
    private final Services s;

    CredentialsPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/credentials", c -> c.credentials::show);
        r.action("/console/credentials/secondary", c -> c.credentials::createSecondary);
        r.action("/console/credentials/secondary/delete", c -> c.credentials::deleteSecondary);
        r.action("/console/credentials/promote", c -> c.credentials::promote);
        r.action("/console/credentials/rotate", c -> c.credentials::rotateSubaccount);
        r.action("/console/credentials/rotate-subaccounts", c -> c.credentials::rotateSubaccounts);
        r.action("/console/keys", c -> c.credentials::createKey);
        r.action("/console/keys/{sid}/delete", c -> c.credentials::deleteKey);
    }

    private Outcome show(Request r) {
        Account a = r.acting();
        // as on the REST API, an API key cannot list or make API keys: say so rather than fail the page
        Html keys = r.caller().isApiKey()
                ? Html.of("<section class=\"card\"><h2>API keys</h2><p class=\"muted\">Signed in with an API key: API keys cannot manage API keys.</p></section>")
                : apiKeys(r, a, s.keys().list(r.caller(), a.sid(), KeyKind.STANDARD, r.page()));
        Html body = Html.of("{}{}{}", tokens(r, a), keys, bulk(r));
        return new View(Section.CREDENTIALS, "Credentials", body);
    }

    private Html tokens(Request r, Account a) {
        if (r.caller().isApiKey()) {
            return Html.of("<section class=\"card\"><h2>Auth tokens</h2><p class=\"muted\">Signed in with an API key: API keys cannot manage auth tokens.</p></section>");
        }
        if (r.signed().actingAsOther()) {
            return Html.of("""
                    <section class="card" aria-labelledby="tok-h"><h2 id="tok-h">Auth token</h2>
                    <p>Primary token created {}. Rotating gives this subaccount a new primary token and deletes its secondary one:
                    clients that use the old token stop working at once.</p>
                    <form method="post" action="/console/credentials/rotate" class="row">{}<button type="submit">Rotate this subaccount's auth token</button></form>
                    </section>""", Fmt.instant(a.authTokenCreated()), Layout.csrfField(r));
        }
        Html secondary = a.secondaryAuthToken().isPresent()
                ? Html.of("""
                    <p>Secondary token created {}. Promote it to make it the primary token (the current primary stops working), or delete it.</p>
                    <div class="row">
                      <form method="post" action="/console/credentials/promote" class="inline">{}<button type="submit">Promote secondary to primary</button></form>
                      <form method="post" action="/console/credentials/secondary/delete" class="inline">{}<button type="submit" class="danger">Delete secondary token</button></form>
                    </div>""", Fmt.instant(a.secondaryCreated()), Layout.csrfField(r), Layout.csrfField(r))
                : Html.of("""
                    <p>No secondary token. To rotate the auth token without downtime: create a secondary token, move your clients to it,
                    then promote it.</p>
                    <form method="post" action="/console/credentials/secondary" class="row">{}<button type="submit">Create secondary token</button></form>""",
                    Layout.csrfField(r));
        return Html.of("""
                <section class="card" aria-labelledby="tok-h"><h2 id="tok-h">Auth tokens</h2>
                <p>Primary token created {}. The console never shows auth tokens; the REST API does.</p>
                {}
                </section>""", Fmt.instant(a.authTokenCreated()), secondary);
    }

    private Html apiKeys(Request r, Account a, Slice<ApiKey> keys) {
        Html rows = Html.each(keys.items(), k -> Html.of("""
                <tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class="actions">
                <form method="post" action="/console/keys/{}/delete" class="inline">{}<button type="submit" class="small danger">Delete</button></form></td></tr>""",
                Fmt.optional(k.friendlyName()), k.sid(), Fmt.instant(k.dateCreated()), k.sid(), Layout.csrfField(r)));
        Html table = keys.items().isEmpty() ? Html.of("<p class=\"muted\">No API keys.</p>") : Html.of("""
                <div class="scroll"><table><caption>Standard API keys of {}</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">SID</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>{}</tbody></table></div>{}""", a.friendlyName(), rows, Pager.links("/console/credentials", keys));
        return Html.of("""
                <section class="card" aria-labelledby="keys-h"><h2 id="keys-h">API keys</h2>
                {}
                <form method="post" action="/console/keys" class="row">{}
                  <label for="key-name">Friendly name</label><input id="key-name" name="FriendlyName" maxlength="64">
                  <button type="submit" class="primary">Create API key</button>
                </form>
                </section>""", table, Layout.csrfField(r));
    }

    private Html bulk(Request r) {
        if (!r.isMain() || r.signed().actingAsOther()) return Html.EMPTY;
        return Html.of("""
                <section class="card" aria-labelledby="bulk-h"><h2 id="bulk-h">Rotate every subaccount's auth token</h2>
                <p>Gives each active or suspended subaccount a new primary token and deletes its secondary one, {} subaccounts per step.
                Clients using the old tokens stop working.</p>
                <form method="post" action="/console/credentials/rotate-subaccounts" class="stack">{}
                  <label class="check"><input type="checkbox" name="confirm" value="rotate" required> Rotate all subaccounts' auth tokens</label>
                  <div><button type="submit" class="danger">Start rotation</button></div>
                </form></section>""", TokenService.ROTATION_BATCH, Layout.csrfField(r));
    }

    private Outcome createSecondary(Request r) {
        Account a = s.tokens().createSecondary(r.caller());
        Html body = Html.of("""
                <div class="card warning" role="alert"><p><strong>Copy the secondary auth token now:</strong> the console will not show it again.</p>
                <p><code class="secret" id="new-secret">{}</code></p>
                <p>It works alongside the primary token until you promote it (then the old primary stops working) or delete it.</p>
                <p><a href="/console/credentials">Done</a></p></div>""", a.secondaryAuthToken().orElseThrow().value());
        return new View(Section.CREDENTIALS, "Secondary auth token created", body);
    }

    private Outcome deleteSecondary(Request r) {
        s.tokens().deleteSecondary(r.caller());
        return Redirect.to("/console/credentials", Notice.SECONDARY_DELETED, r.caller().accountSid());
    }

    private Outcome promote(Request r) {
        Account a = s.tokens().promote(r.caller());
        return Redirect.to("/console/credentials", Notice.TOKEN_PROMOTED, a.sid());
    }

    private Outcome rotateSubaccount(Request r) {
        TokenService.RotationStep step = s.tokens().rotateSubaccounts(r.caller(), r.caller().mainSid(), List.of(r.acting().sid()), Optional.empty());
        return Redirect.to("/console/credentials", Notice.SUBACCOUNT_TOKENS_ROTATED, Integer.toString(step.rotated().size()));
    }

    /** One step of the family's rotation; the page it answers continues with the next step until none is left. */
    private Outcome rotateSubaccounts(Request r) {
        Optional<Long> after = r.param("after").flatMap(Console::position);
        int before = r.param("rotated").flatMap(Console::position).map(Long::intValue).orElse(0);
        TokenService.RotationStep step = s.tokens().rotateSubaccounts(r.caller(), r.caller().mainSid(), List.of(), after);
        int total = before + step.rotated().size();
        if (step.next().isEmpty()) return Redirect.to("/console/credentials", Notice.SUBACCOUNT_TOKENS_ROTATED, Integer.toString(total));
        Html body = Html.of("""
                <div class="card" role="status"><p>Rotated {} subaccount auth tokens so far. More subaccounts remain.</p>
                <form method="post" action="/console/credentials/rotate-subaccounts" class="row">{}
                  <input type="hidden" name="after" value="{}"><input type="hidden" name="rotated" value="{}">
                  <button type="submit" class="primary">Rotate the next {}</button></form></div>""",
                total, Layout.csrfField(r), step.next().get(), total, TokenService.ROTATION_BATCH);
        return new View(Section.CREDENTIALS, "Rotating subaccount auth tokens", body);
    }

    private Outcome createKey(Request r) {
        KeyService.NewKey created = s.keys().create(r.caller(), r.acting().sid(), KeyKind.STANDARD, r.param("FriendlyName"));
        Html body = Html.of("""
                <div class="card warning" role="alert"><p><strong>Copy the secret now:</strong> it is shown only once, here.</p>
                <dl class="facts"><dt>API key SID</dt><dd><code id="new-key-sid">{}</code></dd>
                <dt>Secret</dt><dd><code class="secret" id="new-secret">{}</code></dd></dl>
                <p><a href="/console/credentials">Done</a></p></div>""", created.key().sid(), created.secret().value());
        return new View(Section.CREDENTIALS, "API key created", body);
    }

    private Outcome deleteKey(Request r) {
        String sid = r.pathParam("sid");
        s.keys().delete(r.caller(), r.acting().sid(), KeyKind.STANDARD, sid);
        return Redirect.to("/console/credentials", Notice.KEY_DELETED, sid);
    }
}
