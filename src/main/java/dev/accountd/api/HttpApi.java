package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.NumberType;
import dev.accountd.service.AccountService;
import dev.accountd.service.AddressService;
import dev.accountd.service.AvailableNumberService;
import dev.accountd.service.Authenticator;
import dev.accountd.service.EventService;
import dev.accountd.service.KeyService;
import dev.accountd.service.PhoneNumberService;
import dev.accountd.service.TokenService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    /** Set once the store is open; until then every route but /healthz answers 503. */
    private volatile Handlers handlers;

    /** The services the HTTP edge calls. */
    public record Services(Authenticator authenticator, AccountService accounts, KeyService keys, TokenService tokens,
                           EventService events, AddressService addresses, AvailableNumberService availableNumbers,
                           PhoneNumberService phoneNumbers) {}

    private record Handlers(Authenticator authenticator, AccountsApi accounts, KeysApi keys, KeysApi signingKeys,
                            AuthTokensApi tokens, EventsApi events, AddressesApi addresses, AvailableNumbersApi availableNumbers,
                            IncomingPhoneNumbersApi phoneNumbers) {}

    /**
     * The server, not yet serving: it can start listening while the store opens (start-up time), and answers
     * 503 until {@link #serve} hands it the services.
     */
    public HttpApi(boolean trustProxy) {
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
            routes.beforeMatched(ctx -> authenticate(ctx, trustProxy));

            routes.get("/healthz", this::healthz, Access.PUBLIC);

            routes.get("/2010-04-01/Accounts.json", ctx -> h().accounts().listAccount(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts.json", ctx -> h().accounts().createAccount(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{sid}.json", ctx -> h().accounts().fetchAccount(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{sid}.json", ctx -> h().accounts().updateAccount(ctx), Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Keys.json", ctx -> h().keys().list(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys.json", ctx -> h().keys().create(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().fetch(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().update(ctx), Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().delete(ctx), Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", ctx -> h().signingKeys().list(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", ctx -> h().signingKeys().create(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().fetch(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().update(ctx), Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().delete(ctx), Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses.json", ctx -> h().addresses().listAddress(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Addresses.json", ctx -> h().addresses().createAddress(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().fetchAddress(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().updateAddress(ctx), Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().deleteAddress(ctx), Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}/DependentPhoneNumbers.json", ctx -> h().phoneNumbers().listDependents(ctx), Access.ACCOUNT);

            // the typed lists come before {sid}.json so that Local.json is never read as a SID
            for (NumberType type : NumberType.values()) {
                if (!type.typedIncomingList()) continue;
                String typed = "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/" + type.path() + ".json";
                routes.get(typed, ctx -> h().phoneNumbers().list(ctx, Optional.of(type)), Access.ACCOUNT);
                routes.post(typed, ctx -> h().phoneNumbers().create(ctx, Optional.of(type)), Access.ACCOUNT);
            }
            routes.get("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", ctx -> h().phoneNumbers().list(ctx, Optional.empty()), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", ctx -> h().phoneNumbers().create(ctx, Optional.empty()), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().fetch(ctx), Access.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().update(ctx), Access.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().delete(ctx), Access.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers.json", ctx -> h().availableNumbers().listCountries(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}.json", ctx -> h().availableNumbers().fetchCountry(ctx), Access.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}/{type}.json", ctx -> h().availableNumbers().search(ctx), Access.ACCOUNT);

            routes.post("/v1/AuthTokens/Secondary", ctx -> h().tokens().createSecondaryAuthToken(ctx), Access.ACCOUNT);
            routes.delete("/v1/AuthTokens/Secondary", ctx -> h().tokens().deleteSecondaryAuthToken(ctx), Access.ACCOUNT);
            routes.post("/v1/AuthTokens/Promote", ctx -> h().tokens().updateAuthTokenPromotion(ctx), Access.ACCOUNT);

            routes.get("/v1/Events", ctx -> h().events().listEvent(ctx), Access.ACCOUNT);
            routes.get("/v1/Events/{sid}", ctx -> h().events().fetchEvent(ctx), Access.ACCOUNT);

            // accountd's own extensions, never under Twilio's paths
            routes.post("/_accountd/v1/AuthTokens/RotateSubaccounts", ctx -> h().tokens().rotateSubaccounts(ctx), Access.ACCOUNT);

            routes.exception(TwilioException.class, (e, ctx) -> Responses.error(ctx, e));
            routes.exception(HttpResponseException.class, HttpApi::renderFrameworkError);
            routes.exception(Exception.class, HttpApi::renderUnexpected);
        });
    }

    /** Starts serving requests with these services; until now, every route but /healthz answered 503. */
    public void serve(Services services, boolean trustProxy) {
        handlers = new Handlers(services.authenticator(), new AccountsApi(services.accounts()),
                new KeysApi(services.keys(), KeyKind.STANDARD), new KeysApi(services.keys(), KeyKind.SIGNING),
                new AuthTokensApi(services.tokens(), trustProxy), new EventsApi(services.events(), trustProxy),
                new AddressesApi(services.addresses()), new AvailableNumbersApi(services.availableNumbers()),
                new IncomingPhoneNumbersApi(services.phoneNumbers()));
    }

    private Handlers h() {
        Handlers h = handlers;
        if (h == null) throw TwilioException.of(ErrorCode.STARTING);
        return h;
    }

    private void authenticate(Context ctx, boolean trustProxy) {
        if (!ctx.routeRoles().contains(Access.ACCOUNT)) return;
        Authenticator authenticator = h().authenticator();
        String ip = Requests.sourceIp(ctx, trustProxy);
        BasicAuth credentials = BasicAuth.parse(ctx.header("Authorization"))
                .orElseThrow(() -> authenticator.missingCredentials(ip));
        ctx.attribute(Requests.CALLER, authenticator.authenticate(credentials.username(), credentials.password(), ip));
        // The query string is checked on every route, read or not: a malformed one (bad percent-encoding or UTF-8,
        // a NUL) is a 400 wherever it is sent, not only where a handler happens to read a parameter.
        Requests.query(ctx);
    }

    private void healthz(Context ctx) {
        if (handlers != null) {
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
