package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.domain.NumberType;
import dev.accountd.service.Authenticator;
import dev.accountd.service.SubaccountControlService;
import dev.accountd.service.UsageService;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.router.Endpoint;
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
    private final List<Route> table = new ArrayList<>();
    /** Set once the store is open; until then every route but /healthz answers 503. */
    private volatile Handlers handlers;

    /** The handlers of the routes, one per Twilio resource, and the authentication step they all share. */
    public record Handlers(Authenticator authenticator, AccountsApi accounts, KeysApi keys, KeysApi signingKeys,
                           AuthTokensApi tokens, EventsApi events, AddressesApi addresses, AvailableNumbersApi availableNumbers,
                           IncomingPhoneNumbersApi phoneNumbers, ClockApi clock, BillingApi billing, SandboxApi sandbox,
                           PricingApi pricing, PricesApi prices, MessagesApi messages, MessagingServicesApi messagingServices, CallsApi calls,
                           SimulationApi simulation, ApplicationsApi applications, OutgoingCallerIdsApi callerIds,
                           TestCredentialsApi testCredentials, UsageApi usage, ControlsApi controls,
                           WebhooksApi webhooks, dev.accountd.api.console.ConsoleApi console) {}

    /**
     * The server, not yet serving: it can start listening while the store opens (start-up time), and answers
     * 503 until {@link #serve} hands it the services.
     */
    private final PrometheusMeterRegistry metrics;

    public HttpApi(boolean trustProxy) { this(trustProxy, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Optional.empty(), false); }

    /**
     * @param metrics where requests are timed, and what /metrics shows
     * @param metricsToken the bearer token /metrics asks for; without one, only loopback peers may scrape
     * @param accessLog whether each request is logged (a line with its request id, route, status and duration)
     */
    public HttpApi(boolean trustProxy, PrometheusMeterRegistry metrics, Optional<String> metricsToken, boolean accessLog) {
        this.metrics = metrics;
        this.app = Javalin.create(config -> {
            configureStack(config);
            RouteTable routes = new RouteTable(config.routes, table, ctx -> authenticate(ctx, trustProxy));
            // every answer names its request, as Twilio's Twilio-Request-Id does; the access log line carries it too
            config.routes.before(ctx -> ctx.header(REQUEST_ID_HEADER, RequestIds.next()));
            config.requestLogger.http((ctx, ms) -> observe(ctx, ms, accessLog));

            routes.get("/healthz", this::healthz, Role.PUBLIC);
            routes.get("/metrics", ctx -> scrape(ctx, metricsToken, trustProxy), Role.PUBLIC);

            routes.get("/2010-04-01/Accounts.json", ctx -> h().accounts().listAccount(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts.json", ctx -> h().accounts().createAccount(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{sid}.json", ctx -> h().accounts().fetchAccount(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{sid}.json", ctx -> h().accounts().updateAccount(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Keys.json", ctx -> h().keys().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys.json", ctx -> h().keys().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Keys/{sid}.json", ctx -> h().keys().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", ctx -> h().signingKeys().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys.json", ctx -> h().signingKeys().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/SigningKeys/{sid}.json", ctx -> h().signingKeys().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses.json", ctx -> h().addresses().listAddress(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Addresses.json", ctx -> h().addresses().createAddress(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().fetchAddress(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().updateAddress(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}.json", ctx -> h().addresses().deleteAddress(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Addresses/{sid}/DependentPhoneNumbers.json", ctx -> h().phoneNumbers().listDependents(ctx), Role.ACCOUNT);

            // the typed lists come before {sid}.json so that Local.json is never read as a SID
            for (NumberType type : NumberType.values()) {
                if (!type.typedIncomingList()) continue;
                String typed = "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/" + type.path() + ".json";
                routes.get(typed, ctx -> h().phoneNumbers().list(ctx, Optional.of(type)), Role.ACCOUNT);
                routes.post(typed, ctx -> h().phoneNumbers().create(ctx, Optional.of(type)), Role.ACCOUNT);
            }
            routes.get("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", ctx -> h().phoneNumbers().list(ctx, Optional.empty()), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json", ctx -> h().phoneNumbers().create(ctx, Optional.empty()), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/{sid}.json", ctx -> h().phoneNumbers().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers.json", ctx -> h().availableNumbers().listCountries(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}.json", ctx -> h().availableNumbers().fetchCountry(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}/{type}.json", ctx -> h().availableNumbers().search(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Messages.json", ctx -> h().messages().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Messages.json", ctx -> h().messages().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", ctx -> h().messages().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", ctx -> h().messages().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json", ctx -> h().messages().delete(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media.json", ctx -> h().messages().listMedia(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{sid}.json", ctx -> h().messages().fetchMedia(ctx),
                    Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{sid}.json", ctx -> h().messages().deleteMedia(ctx),
                    Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Calls.json", ctx -> h().calls().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Calls.json", ctx -> h().calls().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Calls/{sid}.json", ctx -> h().calls().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Calls/{sid}.json", ctx -> h().calls().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Calls/{sid}.json", ctx -> h().calls().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Applications.json", ctx -> h().applications().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Applications.json", ctx -> h().applications().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Applications/{sid}.json", ctx -> h().applications().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Applications/{sid}.json", ctx -> h().applications().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Applications/{sid}.json", ctx -> h().applications().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/OutgoingCallerIds.json", ctx -> h().callerIds().list(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/OutgoingCallerIds.json", ctx -> h().callerIds().create(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{sid}.json", ctx -> h().callerIds().fetch(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{sid}.json", ctx -> h().callerIds().update(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/OutgoingCallerIds/{sid}.json", ctx -> h().callerIds().delete(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Balance.json", ctx -> h().billing().fetchBalance(ctx), Role.ACCOUNT);

            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.ROOT), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/AllTime.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.ALL_TIME), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/Daily.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.DAILY), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/Monthly.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.MONTHLY), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/Yearly.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.YEARLY), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/Today.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.TODAY), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/Yesterday.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.YESTERDAY), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/ThisMonth.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.THIS_MONTH), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Records/LastMonth.json", ctx -> h().usage().listRecords(ctx, UsageService.Records.LAST_MONTH), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Triggers.json", ctx -> h().usage().listTriggers(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Usage/Triggers.json", ctx -> h().usage().createTrigger(ctx), Role.ACCOUNT);
            routes.get("/2010-04-01/Accounts/{accountSid}/Usage/Triggers/{sid}.json", ctx -> h().usage().fetchTrigger(ctx), Role.ACCOUNT);
            routes.post("/2010-04-01/Accounts/{accountSid}/Usage/Triggers/{sid}.json", ctx -> h().usage().updateTrigger(ctx), Role.ACCOUNT);
            routes.delete("/2010-04-01/Accounts/{accountSid}/Usage/Triggers/{sid}.json", ctx -> h().usage().deleteTrigger(ctx), Role.ACCOUNT);

            routes.post("/v1/AuthTokens/Secondary", ctx -> h().tokens().createSecondaryAuthToken(ctx), Role.ACCOUNT);
            routes.delete("/v1/AuthTokens/Secondary", ctx -> h().tokens().deleteSecondaryAuthToken(ctx), Role.ACCOUNT);
            routes.post("/v1/AuthTokens/Promote", ctx -> h().tokens().updateAuthTokenPromotion(ctx), Role.ACCOUNT);

            routes.get("/v1/Events", ctx -> h().events().listEvent(ctx), Role.ACCOUNT);
            routes.get("/v1/Events/{sid}", ctx -> h().events().fetchEvent(ctx), Role.ACCOUNT);

            // Messaging Services: the caller's own account's
            routes.get("/v1/Services", ctx -> h().messagingServices().listService(ctx), Role.ACCOUNT);
            routes.post("/v1/Services", ctx -> h().messagingServices().createService(ctx), Role.ACCOUNT);
            routes.get("/v1/Services/{sid}", ctx -> h().messagingServices().fetchService(ctx), Role.ACCOUNT);
            routes.post("/v1/Services/{sid}", ctx -> h().messagingServices().updateService(ctx), Role.ACCOUNT);
            routes.delete("/v1/Services/{sid}", ctx -> h().messagingServices().deleteService(ctx), Role.ACCOUNT);
            routes.get("/v1/Services/{serviceSid}/PhoneNumbers", ctx -> h().messagingServices().listPhoneNumber(ctx), Role.ACCOUNT);
            routes.post("/v1/Services/{serviceSid}/PhoneNumbers", ctx -> h().messagingServices().createPhoneNumber(ctx), Role.ACCOUNT);
            routes.get("/v1/Services/{serviceSid}/PhoneNumbers/{sid}", ctx -> h().messagingServices().fetchPhoneNumber(ctx), Role.ACCOUNT);
            routes.delete("/v1/Services/{serviceSid}/PhoneNumbers/{sid}", ctx -> h().messagingServices().deletePhoneNumber(ctx), Role.ACCOUNT);

            // Pricing: any account's credentials read it; current prices are the caller's family's
            routes.get("/v1/Voice/Countries", ctx -> h().pricing().listVoiceCountry(ctx, PricingApi.Version.V1), Role.ACCOUNT);
            routes.get("/v1/Voice/Countries/{isoCountry}", ctx -> h().pricing().fetchVoiceCountry(ctx, PricingApi.Version.V1), Role.ACCOUNT);
            routes.get("/v1/Voice/Numbers/{number}", ctx -> h().pricing().fetchVoiceNumber(ctx, PricingApi.Version.V1), Role.ACCOUNT);
            routes.get("/v1/Messaging/Countries", ctx -> h().pricing().listMessagingCountry(ctx), Role.ACCOUNT);
            routes.get("/v1/Messaging/Countries/{isoCountry}", ctx -> h().pricing().fetchMessagingCountry(ctx), Role.ACCOUNT);
            routes.get("/v1/PhoneNumbers/Countries", ctx -> h().pricing().listPhoneNumberCountry(ctx), Role.ACCOUNT);
            routes.get("/v1/PhoneNumbers/Countries/{isoCountry}", ctx -> h().pricing().fetchPhoneNumberCountry(ctx), Role.ACCOUNT);
            routes.get("/v2/Voice/Countries", ctx -> h().pricing().listVoiceCountry(ctx, PricingApi.Version.V2), Role.ACCOUNT);
            routes.get("/v2/Voice/Countries/{isoCountry}", ctx -> h().pricing().fetchVoiceCountry(ctx, PricingApi.Version.V2), Role.ACCOUNT);
            routes.get("/v2/Voice/Numbers/{destinationNumber}", ctx -> h().pricing().fetchVoiceNumber(ctx, PricingApi.Version.V2), Role.ACCOUNT);

            // accountd's own extensions, never under Twilio's paths
            routes.post("/_accountd/v1/AuthTokens/RotateSubaccounts", ctx -> h().tokens().rotateSubaccounts(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Clock", ctx -> h().clock().fetch(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Clock", ctx -> h().clock().update(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/Balance", ctx -> h().billing().fetchBalanceSettings(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/Balance", ctx -> h().billing().updateBalanceSettings(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/Recharges", ctx -> h().billing().listRecharges(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/Recharges", ctx -> h().billing().createRecharge(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/Recharges/{rechargeSid}", ctx -> h().billing().fetchRecharge(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/Ledger", ctx -> h().billing().listLedger(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Webhooks", ctx -> h().webhooks().create(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Webhooks", ctx -> h().webhooks().list(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Webhooks/{sid}", ctx -> h().webhooks().fetch(ctx), Role.ACCOUNT);
            routes.delete("/_accountd/v1/Webhooks/{sid}", ctx -> h().webhooks().delete(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/SpendingLimit", ctx -> h().controls().fetchSpendingLimit(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/SpendingLimit", ctx -> h().controls().setSpendingLimit(ctx), Role.ACCOUNT);
            routes.delete("/_accountd/v1/Accounts/{sid}/SpendingLimit", ctx -> h().controls().deleteSpendingLimit(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/DormantSubaccounts", ctx -> h().controls().listDormant(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/Subaccounts/Suspend",
                    ctx -> h().controls().bulk(ctx, SubaccountControlService.BulkAction.SUSPEND), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/Subaccounts/Reactivate",
                    ctx -> h().controls().bulk(ctx, SubaccountControlService.BulkAction.REACTIVATE), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{sid}/Subaccounts/Close",
                    ctx -> h().controls().bulk(ctx, SubaccountControlService.BulkAction.CLOSE), Role.ACCOUNT);
            routes.get("/_accountd/v1/Simulation/Destinations/{number}", ctx -> h().simulation().fetchDestination(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Simulation/Destinations/{number}", ctx -> h().simulation().updateDestination(ctx), Role.ACCOUNT);
            routes.delete("/_accountd/v1/Simulation/Destinations/{number}", ctx -> h().simulation().deleteDestination(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Simulation/InboundMessages", ctx -> h().simulation().createInboundMessage(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Simulation/InboundCalls", ctx -> h().simulation().createInboundCall(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{sid}/TestCredentials", ctx -> h().testCredentials().fetch(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Reset", ctx -> h().sandbox().reset(ctx), Role.ACCOUNT);
            routes.get("/_accountd/v1/Accounts/{mainSid}/Prices", ctx -> h().prices().fetchPrices(ctx), Role.ACCOUNT);
            routes.post("/_accountd/v1/Accounts/{mainSid}/Prices", ctx -> h().prices().updatePrices(ctx), Role.ACCOUNT);
            routes.delete("/_accountd/v1/Accounts/{mainSid}/Prices", ctx -> h().prices().deletePrices(ctx), Role.ACCOUNT);

            // the web console: HTML pages of its own (not Twilio routes), on the same services
            dev.accountd.api.console.ConsoleApi.register(config.routes, () -> h().console());

            config.routes.exception(TwilioException.class, (e, ctx) -> Responses.error(ctx, e));
            config.routes.exception(HttpResponseException.class, HttpApi::renderFrameworkError);
            config.routes.exception(Exception.class, HttpApi::renderUnexpected);
        });
    }

    /** The requests test credentials may make, as Twilio's: buy a number, send a message, place a call. */
    private static final java.util.Set<String> TEST_CREDENTIAL_ROUTES = java.util.Set.of(
            "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers.json",
            "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/Local.json",
            "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/Mobile.json",
            "/2010-04-01/Accounts/{accountSid}/IncomingPhoneNumbers/TollFree.json",
            "/2010-04-01/Accounts/{accountSid}/Messages.json",
            "/2010-04-01/Accounts/{accountSid}/Calls.json");

    /** A route the server answers: its method and its path pattern ({@code {sid}} for a path parameter). */
    public record Route(String method, String path) {}

    /** Every route, in the order the block registers them (HEAD, which each GET also answers, left out). */
    public List<Route> routes() { return List.copyOf(table); }

    /**
     * The HTTP stack every accountd server runs on, routes aside: limits, compression, the Jetty handlers for
     * graceful stops and Twilio-shaped errors. Public so that the load benchmark's storage-free baseline runs on
     * exactly the same stack.
     */
    public static void configureStack(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.http.generateEtags = false;
        config.router.ignoreTrailingSlashes = false;
        // Every body accountd writes is JSON: no list of media types to exclude from gzip has to be searched on
        // each response (that search was a tenth of an authenticated fetch).
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
        gzip.setExcludedMimeTypes(List.of());
        config.http.compressionStrategy = gzip;
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(10_000);
            // Lets in-flight requests finish when the server stops (SIGTERM).
            server.insertHandler(new GracefulHandler());
            server.setErrorHandler(new JettyErrorHandler());
        });
    }

    /**
     * Registers routes and records them. A route for callers with credentials authenticates first, inside its own
     * handler: a {@code beforeMatched} step would cost a second route match and a second extraction of the path's
     * parameters on every request. Every GET is also a HEAD that runs the same handler, authentication included,
     * and sends no body (Jetty drops it), so HEAD answers exactly what GET would.
     */
    private record RouteTable(RoutesConfig routes, List<Route> table, Handler authenticate) {
        void get(String path, Handler handler, Role role) {
            Handler h = guarded(handler, role, false);
            routes.get(path, h, role);
            routes.head(path, h, role);
            table.add(new Route("GET", path));
        }

        void post(String path, Handler handler, Role role) {
            routes.post(path, guarded(handler, role, TEST_CREDENTIAL_ROUTES.contains(path)), role);
            table.add(new Route("POST", path));
        }

        void delete(String path, Handler handler, Role role) {
            routes.delete(path, guarded(handler, role, false), role);
            table.add(new Route("DELETE", path));
        }

        /** @param testable whether test credentials may make this request (Twilio: 403 for all but three) */
        private Handler guarded(Handler handler, Role role, boolean testable) {
            if (role == Role.PUBLIC) return handler;
            return ctx -> {
                authenticate.handle(ctx);
                if (!testable && Requests.caller(ctx).isTest()) throw TwilioException.of(ErrorCode.TEST_CREDENTIALS_FORBIDDEN);
                handler.handle(ctx);
            };
        }
    }

    /** Starts serving requests with these handlers; until now, every route but /healthz answered 503. */
    public void serve(Handlers handlers) {
        this.handlers = handlers;
    }

    private Handlers h() {
        Handlers h = handlers;
        if (h == null) throw TwilioException.of(ErrorCode.STARTING);
        return h;
    }

    private void authenticate(Context ctx, boolean trustProxy) {
        Authenticator authenticator = h().authenticator();
        String ip = Requests.sourceIp(ctx, trustProxy);
        BasicAuth credentials = BasicAuth.parse(ctx.header("Authorization"))
                .orElseThrow(() -> authenticator.missingCredentials(ip));
        ctx.attribute(Requests.CALLER, authenticator.authenticate(credentials.username(), credentials.password(), ip));
        // The query string is checked on every route, read or not: a malformed one (bad percent-encoding or UTF-8,
        // a NUL) is a 400 wherever it is sent, not only where a handler happens to read a parameter.
        Requests.query(ctx);
    }

    static final String REQUEST_ID_HEADER = "Twilio-Request-Id";
    private static final Logger access = LoggerFactory.getLogger("accountd.access");

    /**
     * Times the request under its route template (never a SID: {@code /2010-04-01/Accounts/{accountSid}.json}), method
     * and status, and logs it when the access log is on.
     */
    private void observe(Context ctx, float ms, boolean accessLog) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        String status = Integer.toString(ctx.statusCode());
        Timer.builder("accountd.http.requests").description("HTTP requests by route template, method and status")
                .tag("route", route).tag("method", ctx.method().name()).tag("status", status)
                .register(metrics).record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
        if (accessLog) {
            access.atInfo().addKeyValue("request_id", ctx.res().getHeader(REQUEST_ID_HEADER)).addKeyValue("method", ctx.method().name())
                    .addKeyValue("route", route).addKeyValue("status", ctx.statusCode()).addKeyValue("duration_ms", Math.round(ms * 1000) / 1000.0)
                    .log("{} {} {}", ctx.method().name(), route, status);
        }
    }

    /**
     * /metrics in Prometheus's text format: with ACCOUNTD_METRICS_TOKEN set, for {@code Authorization: Bearer <token>};
     * without it, for loopback peers only (a scraper on the same host or through a sidecar).
     */
    private void scrape(Context ctx, Optional<String> token, boolean trustProxy) {
        boolean allowed = token.isPresent()
                ? java.security.MessageDigest.isEqual(("Bearer " + token.get()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        String.valueOf(ctx.header("Authorization")).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : isLoopback(ctx.req().getRemoteAddr());
        if (!allowed) {
            throw TwilioException.of(ErrorCode.FORBIDDEN, token.isPresent() ? "/metrics needs Authorization: Bearer <ACCOUNTD_METRICS_TOKEN>"
                    : "/metrics answers loopback peers only; set ACCOUNTD_METRICS_TOKEN to scrape from elsewhere");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
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
            case 404 -> {
                if (ctx.path().startsWith("/console/")) {
                    dev.accountd.api.console.ConsoleApi.notFound(ctx); // a person typed it: a page, not JSON
                } else {
                    Responses.error(ctx, ErrorCode.NOT_FOUND, Responses.notFoundMessage(ctx));
                }
            }
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
