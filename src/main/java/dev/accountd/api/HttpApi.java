package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.domain.KeyKind;
import dev.accountd.service.AccountService;
import dev.accountd.service.Authenticator;
import dev.accountd.service.EventService;
import dev.accountd.service.KeyService;
import dev.accountd.service.TokenService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: every route in one block, authentication in one step, and one mapping from failures to
 * Twilio-shaped error bodies, so no other shape ever leaves the server.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Javalin app;

    /** The services the HTTP edge calls. */
    public record Services(Authenticator authenticator, AccountService accounts, KeyService keys, TokenService tokens,
                           EventService events) {}

    public HttpApi(Services services, boolean trustProxy, BooleanSupplier ready) {
        AccountsApi accounts = new AccountsApi(services.accounts());
        KeysApi keys = new KeysApi(services.keys(), KeyKind.STANDARD);
        KeysApi signingKeys = new KeysApi(services.keys(), KeyKind.SIGNING);
        AuthTokensApi tokens = new AuthTokensApi(services.tokens(), trustProxy);
        EventsApi events = new EventsApi(services.events(), trustProxy);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.http.generateEtags = false;
            config.router.ignoreTrailingSlashes = false;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                // Lets in-flight requests finish when the server stops (SIGTERM).
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new JettyErrorHandler());
            });

            var routes = config.routes;
            routes.beforeMatched(ctx -> authenticate(ctx, services.authenticator(), trustProxy));

            routes.get("/healthz", ctx -> healthz(ctx, ready), Access.PUBLIC);

            routes.get("/2010-04-01/Accounts.json", accounts::listAccount, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts.json", accounts::createAccount, Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{sid}.json", accounts::fetchAccount, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{sid}.json", accounts::updateAccount, Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Keys.json", keys::list, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys.json", keys::create, Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", keys::fetch, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", keys::update, Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", keys::delete, Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", signingKeys::list, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", signingKeys::create, Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", signingKeys::fetch, Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", signingKeys::update, Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", signingKeys::delete, Access.ACCOUNT);

            routes.post("/v1/AuthTokens/Secondary", tokens::createSecondaryAuthToken, Access.ACCOUNT);
            routes.delete("/v1/AuthTokens/Secondary", tokens::deleteSecondaryAuthToken, Access.ACCOUNT);
            routes.post("/v1/AuthTokens/Promote", tokens::updateAuthTokenPromotion, Access.ACCOUNT);

            routes.get("/v1/Events", events::listEvent, Access.ACCOUNT);
            routes.get("/v1/Events/{sid}", events::fetchEvent, Access.ACCOUNT);

            // accountd's own extensions, never under Twilio's paths
            routes.post("/_accountd/v1/AuthTokens/RotateSubaccounts", tokens::rotateSubaccounts, Access.ACCOUNT);

            routes.exception(TwilioException.class, (e, ctx) -> Responses.error(ctx, e));
            routes.exception(HttpResponseException.class, HttpApi::renderFrameworkError);
            routes.exception(Exception.class, HttpApi::renderUnexpected);
        });
    }

    private static void authenticate(Context ctx, Authenticator authenticator, boolean trustProxy) {
        if (!ctx.routeRoles().contains(Access.ACCOUNT)) return;
        String ip = Requests.sourceIp(ctx, trustProxy);
        BasicAuth credentials = BasicAuth.parse(ctx.header("Authorization"))
                .orElseThrow(() -> authenticator.missingCredentials(ip));
        ctx.attribute(Requests.CALLER, authenticator.authenticate(credentials.username(), credentials.password(), ip));
    }

    private static void healthz(Context ctx, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            Responses.json(ctx, Map.of("status", "ok"));
        } else {
            ctx.status(503);
            Responses.json(ctx, Map.of("status", "starting"));
        }
    }

    private static void renderFrameworkError(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> Responses.error(ctx, ErrorCode.NOT_FOUND, String.format(ErrorCode.NOT_FOUND.template(), ctx.path()));
            case 405 -> Responses.error(ctx, ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED.template());
            case 413 -> Responses.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE, String.format(ErrorCode.PAYLOAD_TOO_LARGE.template(), MAX_BODY_BYTES));
            default -> {
                if (e.getStatus() >= 500) {
                    renderUnexpected(e, ctx);
                } else {
                    Responses.error(ctx, ErrorCode.INVALID_PARAMETER, "The request could not be processed (" + e.getStatus() + ")");
                }
            }
        }
    }

    private static void renderUnexpected(Exception e, Context ctx) {
        String id = UUID.randomUUID().toString();
        log.error("unexpected failure {} on {} {}", id, ctx.method(), ctx.path(), e);
        Responses.error(ctx, ErrorCode.INTERNAL, String.format(ErrorCode.INTERNAL.template(), id));
    }

    public HttpApi start(int port) {
        app.start(port);
        return this;
    }

    public int port() { return app.port(); }

    public void stop() { app.stop(); }
}
