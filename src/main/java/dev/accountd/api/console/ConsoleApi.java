package dev.accountd.api.console;

import dev.accountd.api.Form;
import dev.accountd.api.Requests;
import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Page;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.AccountService;
import dev.accountd.service.AddressService;
import dev.accountd.service.AvailableNumberService;
import dev.accountd.service.BillingService;
import dev.accountd.service.CallService;
import dev.accountd.service.ClockService;
import dev.accountd.service.ConsoleSessionService;
import dev.accountd.service.ConsoleSessionService.Signed;
import dev.accountd.service.EventService;
import dev.accountd.service.KeyService;
import dev.accountd.service.MessageService;
import dev.accountd.service.NumberPurchaseService;
import dev.accountd.service.PhoneNumberService;
import dev.accountd.service.SandboxService;
import dev.accountd.service.SpendingLimitService;
import dev.accountd.service.SubaccountControlService;
import dev.accountd.service.TokenService;
import dev.accountd.service.UsageService;
import dev.accountd.service.UsageTriggerService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The web console at /console: server-rendered pages over the same services as the REST API, for the same
 * credentials, with the same rules and errors. No script runs in it (the policy forbids all), every value it shows
 * is escaped ({@link Html}), every form carries the session's anti-forgery token, and the session cookie is
 * HttpOnly and SameSite=Strict.
 */
public final class ConsoleApi {
    static final String SESSION_COOKIE = "accountd_console";
    static final String SIGN_IN_COOKIE = "accountd_signin";
    /** No scripts, no frames, no other origins: styles and images from this server, forms posted only to it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /** Everything the console's pages use. */
    public record Services(ConsoleSessionService sessions, AccountService accounts, TokenService tokens, KeyService keys,
                           PhoneNumberService numbers, NumberPurchaseService purchases, AvailableNumberService available,
                           AddressService addresses, BillingService billing, UsageService usage, UsageTriggerService triggers,
                           SpendingLimitService limits, SubaccountControlService controls, CallService calls, MessageService messages,
                           EventService events, ClockService clock, SandboxService sandbox, String currency, boolean sandboxEnabled,
                           boolean manualClock, boolean trustProxy) {}

    private final Services s;
    final AccountsPages accounts;
    final CredentialsPages credentials;
    final NumbersPages numbers;
    final BillingPages billing;
    final UsagePages usage;
    final TrafficPages traffic;
    final ControlsPages controls;

    public ConsoleApi(Services services) {
        this.s = services;
        this.accounts = new AccountsPages(services);
        this.credentials = new CredentialsPages(services);
        this.numbers = new NumbersPages(services);
        this.billing = new BillingPages(services);
        this.usage = new UsagePages(services);
        this.traffic = new TrafficPages(services);
        this.controls = new ControlsPages(services);
    }

    /** The console's routes, bound late: the server registers them before the services exist. */
    public static void register(RoutesConfig config, Supplier<ConsoleApi> console) {
        Routes routes = new Routes(config, console);
        config.get("/console", ctx -> ctx.redirect("/console/accounts", io.javalin.http.HttpStatus.SEE_OTHER));
        config.get(Layout.STYLESHEET, ctx -> asset(ctx, "console.css", "text/css; charset=utf-8"));
        config.get(Layout.ICON, ctx -> asset(ctx, "favicon.svg", "image/svg+xml"));
        config.get("/console/signin", ctx -> console.get().signInForm(ctx));
        config.post("/console/signin", ctx -> console.get().signIn(ctx));
        routes.action("/console/signout", c -> c::signOut);
        routes.action("/console/switch", c -> c::switchAccount);
        AccountsPages.routes(routes);
        CredentialsPages.routes(routes);
        NumbersPages.routes(routes);
        BillingPages.routes(routes);
        UsagePages.routes(routes);
        TrafficPages.routes(routes);
        ControlsPages.routes(routes);
    }

    /** Registers a console page (GET, signed in) or action (POST, signed in, with the form token). */
    record Routes(RoutesConfig config, Supplier<ConsoleApi> console) {
        void page(String path, Function<ConsoleApi, Page> page) {
            config.get(path, ctx -> {
                ConsoleApi c = console.get();
                c.serve(ctx, page.apply(c), false);
            });
        }

        void action(String path, Function<ConsoleApi, Page> page) {
            config.post(path, ctx -> {
                ConsoleApi c = console.get();
                c.serve(ctx, page.apply(c), true);
            });
        }
    }

    private void serve(Context ctx, Page page, boolean action) {
        secure(ctx);
        Optional<Signed> signed = s.sessions().resume(ctx.cookie(SESSION_COOKIE), Requests.sourceIp(ctx, s.trustProxy()));
        if (signed.isEmpty()) {
            ctx.redirect("/console/signin", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Outcome outcome;
        Request request = null;
        try {
            Form params = action ? Requests.form(ctx) : Requests.query(ctx);
            request = new Request(ctx, signed.get(), params);
            if (action && !(sameOrigin(ctx) && ConsoleSessionService.csrfMatches(signed.get().session(), params.first("csrf").orElse(null)))) {
                outcome = refused(ctx);
            } else {
                outcome = page.handle(request);
            }
        } catch (TwilioException e) {
            if (request == null) request = new Request(ctx, signed.get(), Form.empty());
            outcome = failure(ctx, e);
        }
        render(ctx, request, outcome);
    }

    private void render(Context ctx, Request r, Outcome outcome) {
        if (outcome instanceof Redirect redirect) {
            ctx.redirect(redirect.location(), io.javalin.http.HttpStatus.SEE_OTHER);
        } else if (outcome instanceof View view) {
            ctx.status(view.status()).html(Layout.signedIn(r, view, notice(r), sandboxTools()));
        }
    }

    boolean sandboxTools() { return s.sandboxEnabled() || s.manualClock(); }

    /** The notice an action left for the page it leads to: one of {@link Notice}'s texts, with its subject escaped. */
    private static Html notice(Request r) {
        if (!r.ctx().method().name().equals("GET")) return Html.EMPTY; // a page's parameters are its query string
        return r.param("done").flatMap(Notice::named)
                .map(n -> Html.of("<p class=\"notice\" role=\"status\">{}{}</p>", n.text, r.param("subject"))).orElse(Html.EMPTY);
    }

    /** A service's refusal, as a page: the Twilio code and message the REST API would give, and the way back. */
    private View failure(Context ctx, TwilioException e) {
        ErrorCode code = e.errorCode();
        Html body = Html.of("""
                <div class="error" role="alert"><p><strong>Error {}</strong>: {}</p>
                <p><a href="{}">Back</a> · <a href="{}" rel="noreferrer">About error {}</a></p></div>""",
                code.code(), e.getMessage(), back(ctx), code.moreInfo(), code.code());
        return new View(sectionOf(ctx.path()), "That did not work", body, code.httpStatus());
    }

    /** 403 for a form without this session's token, or posted from another origin (cross-site request forgery). */
    private View refused(Context ctx) {
        Html body = Html.of("""
                <div class="error" role="alert"><p><strong>Error 20403</strong>: this form did not come from this console session
                (its anti-forgery token is missing or stale). Nothing was changed.</p><p><a href="{}">Back</a></p></div>""", back(ctx));
        return new View(sectionOf(ctx.path()), "Request refused", body, 403);
    }

    /** Where "Back" leads: the console page the browser came from (on this server), or the section's first page. */
    private String back(Context ctx) {
        String referer = ctx.header("Referer");
        String console = Requests.baseUrl(ctx, s.trustProxy()) + "/console/";
        if (referer != null && referer.startsWith(console) && !referer.startsWith(console + "signin")) {
            return referer.substring(console.length() - "/console/".length());
        }
        return sectionOf(ctx.path()).path;
    }

    static Section sectionOf(String path) {
        for (Section s : Section.values()) if (path.startsWith(s.path)) return s;
        if (path.startsWith("/console/keys")) return Section.CREDENTIALS;
        if (path.startsWith("/console/addresses")) return Section.NUMBERS;
        if (path.startsWith("/console/ledger")) return Section.BILLING;
        return Section.ACCOUNTS;
    }

    /**
     * A form posted by a page of this server: its Origin, when the browser sends one, is this server's, and the
     * browser does not call it cross-site. (The form token decides; this refuses forgeries that carry a stolen one.)
     */
    private boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals(Requests.baseUrl(ctx, s.trustProxy()))) return false;
        String site = ctx.header("Sec-Fetch-Site");
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    /** Headers of every console answer: the content policy, no framing, no sniffing, no caching of pages with account data. */
    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    /** A console address that is no page: a page saying so, with the way back (the API's 404 is JSON). */
    public static void notFound(Context ctx) {
        secure(ctx);
        Html body = Html.of("""
                <main id="main" class="signin"><h1>No such page</h1>
                <p>There is no console page at <code>{}</code>.</p><p><a href="/console/accounts">Go to the console</a></p></main>""", ctx.path());
        ctx.status(404).html(Layout.document("Not found", body));
    }

    private void signInForm(Context ctx) {
        secure(ctx);
        if (s.sessions().resume(ctx.cookie(SESSION_COOKIE), Requests.sourceIp(ctx, s.trustProxy())).isPresent()) {
            ctx.redirect("/console/accounts", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        showSignIn(ctx, 200, Html.EMPTY, "");
    }

    /**
     * The sign-in form. Before a session exists, its forgery protection is a double-submit token: a random value in a
     * SameSite=Strict cookie that the form must repeat (so another site cannot sign a browser in to its own account).
     */
    private void showSignIn(Context ctx, int status, Html problem, String username) {
        String token = s.sessions().token();
        cookie(ctx, SIGN_IN_COOKIE, token, "/console/signin", 600);
        Html form = Html.of("""
                <main id="main" class="signin">
                  <h1><span class="brand">accountd</span> console</h1>
                  <p class="muted">Sign in with an Account SID and its auth token, or an API key SID and its secret: the credentials of
                  the REST API. A subaccount sees only itself.</p>
                  {}
                  <form method="post" action="/console/signin" class="stack">
                    <input type="hidden" name="signin_csrf" value="{}">
                    <label for="username">Account SID or API key SID</label>
                    <input id="username" name="Username" required autocomplete="username" spellcheck="false" value="{}" pattern="(AC|SK)[0-9a-f]{32}"
                      title="AC or SK followed by 32 hexadecimal digits" autofocus>
                    <label for="password">Auth token or API key secret</label>
                    <input id="password" name="Password" type="password" required autocomplete="current-password">
                    <button type="submit" class="primary">Sign in</button>
                  </form>
                </main>""", problem, token, username);
        ctx.status(status).html(Layout.document("Sign in", form));
    }

    private void signIn(Context ctx) {
        secure(ctx);
        Form form;
        try {
            form = Requests.form(ctx);
        } catch (TwilioException e) {
            showSignIn(ctx, 400, problem(e.getMessage()), "");
            return;
        }
        String expected = ctx.cookie(SIGN_IN_COOKIE);
        String posted = form.first("signin_csrf").orElse("");
        if (expected == null || !sameOrigin(ctx) || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8))) {
            showSignIn(ctx, 403, problem("This sign-in form expired or did not come from this console. Please sign in again."), "");
            return;
        }
        String username = form.first("Username").map(String::trim).orElse("");
        try {
            ConsoleSessionService.Opened opened = s.sessions().signIn(username, form.first("Password").orElse(""),
                    Requests.sourceIp(ctx, s.trustProxy()));
            cookie(ctx, SIGN_IN_COOKIE, "", "/console/signin", 0);
            cookie(ctx, SESSION_COOKIE, opened.cookie(), "/console", (int) ConsoleSessionService.LIFETIME.toSeconds());
            ctx.redirect("/console/accounts", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (TwilioException e) {
            String message = switch (e.errorCode()) {
                case AUTHENTICATE -> "Those credentials were not accepted: check the SID and the token or secret, and that the account is active.";
                case TOO_MANY_REQUESTS -> "Too many failed sign-ins: wait " + e.retryAfterSeconds() + " seconds and try again.";
                default -> e.getMessage();
            };
            showSignIn(ctx, e.errorCode().httpStatus(), problem(message), username.matches("(AC|SK)[0-9a-f]{32}") ? username : "");
        }
    }

    private static Html problem(String message) {
        return Html.of("<p class=\"error\" role=\"alert\">{}</p>", message);
    }

    private Outcome signOut(Request r) {
        s.sessions().signOut(r.signed());
        cookie(r.ctx(), SESSION_COOKIE, "", "/console", 0);
        return new Redirect("/console/signin");
    }

    private Outcome switchAccount(Request r) {
        String sid = r.param("AccountSid").orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "AccountSid"));
        var shown = s.sessions().switchTo(r.signed(), sid);
        return Redirect.to("/console/accounts", Notice.SWITCHED, shown.friendlyName() + " (" + shown.sid() + ")");
    }

    /** A cookie only this server's console reads: HttpOnly, SameSite=Strict, Secure when the browser came over HTTPS. */
    private void cookie(Context ctx, String name, String value, String path, int maxAgeSeconds) {
        boolean https = Requests.baseUrl(ctx, s.trustProxy()).startsWith("https:");
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : ""));
    }

    /** A file of the console's own (its stylesheet, its icon), from the jar. */
    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = ConsoleApi.class.getResourceAsStream("/dev/accountd/console/" + name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the build");
            ctx.header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff")
                    .contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
