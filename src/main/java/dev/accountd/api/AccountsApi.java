package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.json.Json;
import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.AccountService;
import dev.accountd.service.AccountService.ListFilter;
import dev.accountd.service.Caller;
import dev.accountd.domain.AccountChange;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The 2010-04-01 Account resource: ListAccount, CreateAccount, FetchAccount, UpdateAccount. */
public final class AccountsApi {
    private static final String LIST_PATH = "/2010-04-01/Accounts.json";
    private static final Set<String> STATUSES = new LinkedHashSet<>(List.of("active", "suspended", "closed"));

    /**
     * The subresource_uris accountd serves, in the order of the spec's Account example: only what exists, so that a
     * client that follows one never meets a 404 (Conferences, Recordings, Queues, SIP, Usage and the rest are left out
     * until they are built).
     */
    private static final List<Map.Entry<String, String>> SUBRESOURCES = List.of(
            Map.entry("available_phone_numbers", "/AvailablePhoneNumbers.json"),
            Map.entry("calls", "/Calls.json"),
            Map.entry("incoming_phone_numbers", "/IncomingPhoneNumbers.json"),
            Map.entry("outgoing_caller_ids", "/OutgoingCallerIds.json"),
            Map.entry("addresses", "/Addresses.json"),
            Map.entry("signing_keys", "/SigningKeys.json"),
            Map.entry("keys", "/Keys.json"),
            Map.entry("applications", "/Applications.json"),
            Map.entry("messages", "/Messages.json"),
            Map.entry("balance", "/Balance.json"));

    private final AccountService accounts;
    /**
     * The fetch body of each account row the services hand out, by that row's identity: a cached row is the same
     * object until a change replaces it, so its bytes are rendered once, not on every fetch.
     */
    private final Cache<Account, byte[]> withToken = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();
    private final Cache<Account, byte[]> withoutToken = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    public AccountsApi(AccountService accounts) { this.accounts = accounts; }

    void listAccount(Context ctx) {
        Form query = Requests.query(ctx);
        Optional<String> friendlyName = query.first("FriendlyName");
        Optional<AccountStatus> status = Requests.enumParam(query, "Status", AccountStatus::fromWire, STATUSES);
        Paging paging = Paging.from(query);
        Slice<Account> slice = accounts.list(Requests.caller(ctx), new ListFilter(friendlyName, status), paging.request());
        boolean showToken = !Requests.caller(ctx).isApiKey();
        List<RawValue> records = slice.items().stream().map(a -> new RawValue(view(a, showToken))).toList();
        Responses.json(ctx, paging.envelope(LIST_PATH,
                List.of(Map.entry("FriendlyName", friendlyName), Map.entry("Status", status.map(AccountStatus::wire))),
                "accounts", slice, records));
    }

    void createAccount(Context ctx) {
        Form form = Requests.form(ctx);
        Account created = accounts.createSubaccount(Requests.caller(ctx), form.first("FriendlyName"));
        Responses.rawJson(ctx.status(201), view(created));
    }

    void fetchAccount(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Account a = accounts.fetch(caller, ctx.pathParam("sid"));
        boolean showToken = !caller.isApiKey();
        byte[] body = (showToken ? withToken : withoutToken).get(a, x -> view(x, showToken).getBytes(StandardCharsets.UTF_8));
        Responses.rawJson(ctx, body);
    }

    void updateAccount(Context ctx) {
        Form form = Requests.form(ctx);
        Optional<AccountStatus> status = form.first("Status").map(v -> AccountStatus.fromWire(v)
                .orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_STATUS)));
        AccountChange change = new AccountChange(form.first("FriendlyName"), status);
        Responses.rawJson(ctx, view(accounts.update(Requests.caller(ctx), ctx.pathParam("sid"), change)));
    }

    /**
     * The Account resource as JSON, fields in the spec's order. Written directly rather than through a map:
     * this is the body of every authenticated fetch, and the one place its cost is worth a few lines.
     */
    static String view(Account a) { return view(a, true); }

    /** @param showToken false for API-key callers: a key never learns its account's auth token */
    static String view(Account a, boolean showToken) {
        String base = "/2010-04-01/Accounts/" + a.sid();
        StringBuilder json = new StringBuilder(2400);
        json.append("{\"auth_token\":");
        if (showToken) Json.quote(json, a.authToken().value()); else json.append("null");
        json.append(",\"date_created\":\"").append(Rfc2822.format(a.dateCreated()))
                .append("\",\"date_updated\":\"").append(Rfc2822.format(a.dateUpdated()))
                .append("\",\"friendly_name\":");
        Json.quote(json, a.friendlyName());
        json.append(",\"owner_account_sid\":\"").append(a.mainSid())
                .append("\",\"sid\":\"").append(a.sid())
                .append("\",\"status\":\"").append(a.status().wire())
                .append("\",\"subresource_uris\":{");
        for (int i = 0; i < SUBRESOURCES.size(); i++) {
            if (i > 0) json.append(',');
            json.append('"').append(SUBRESOURCES.get(i).getKey()).append("\":\"").append(base).append(SUBRESOURCES.get(i).getValue()).append('"');
        }
        json.append("},\"type\":\"").append(a.type().wire())
                .append("\",\"uri\":\"").append(base).append(".json\"}");
        return json.toString();
    }
}
