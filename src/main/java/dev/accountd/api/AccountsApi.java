package dev.accountd.api;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Slice;
import dev.accountd.service.AccountService;
import dev.accountd.service.AccountService.ListFilter;
import dev.accountd.store.AccountStore.Change;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The 2010-04-01 Account resource: ListAccount, CreateAccount, FetchAccount, UpdateAccount. */
final class AccountsApi {
    private static final String LIST_PATH = "/2010-04-01/Accounts.json";
    private static final Set<String> STATUSES = new LinkedHashSet<>(List.of("active", "suspended", "closed"));

    /** The subresource_uris keys of the spec's Account example, in its order, with their path suffixes. */
    private static final List<Map.Entry<String, String>> SUBRESOURCES = List.of(
            Map.entry("available_phone_numbers", "/AvailablePhoneNumbers.json"),
            Map.entry("calls", "/Calls.json"),
            Map.entry("conferences", "/Conferences.json"),
            Map.entry("incoming_phone_numbers", "/IncomingPhoneNumbers.json"),
            Map.entry("notifications", "/Notifications.json"),
            Map.entry("outgoing_caller_ids", "/OutgoingCallerIds.json"),
            Map.entry("recordings", "/Recordings.json"),
            Map.entry("transcriptions", "/Transcriptions.json"),
            Map.entry("addresses", "/Addresses.json"),
            Map.entry("signing_keys", "/SigningKeys.json"),
            Map.entry("connect_apps", "/ConnectApps.json"),
            Map.entry("sip", "/SIP.json"),
            Map.entry("authorized_connect_apps", "/AuthorizedConnectApps.json"),
            Map.entry("usage", "/Usage.json"),
            Map.entry("keys", "/Keys.json"),
            Map.entry("applications", "/Applications.json"),
            Map.entry("short_codes", "/SMS/ShortCodes.json"),
            Map.entry("queues", "/Queues.json"),
            Map.entry("messages", "/Messages.json"),
            Map.entry("balance", "/Balance.json"));

    private final AccountService accounts;

    AccountsApi(AccountService accounts) { this.accounts = accounts; }

    void listAccount(Context ctx) {
        Form query = Requests.query(ctx);
        Optional<String> friendlyName = query.first("FriendlyName");
        Optional<AccountStatus> status = Requests.enumParam(query, "Status", AccountStatus::fromWire, STATUSES);
        Paging paging = Paging.from(query);
        Slice<Account> slice = accounts.list(Requests.caller(ctx), new ListFilter(friendlyName, status), paging.request());
        List<Map<String, Object>> records = slice.items().stream().map(AccountsApi::view).toList();
        Responses.json(ctx, paging.envelope(LIST_PATH,
                List.of(Map.entry("FriendlyName", friendlyName), Map.entry("Status", status.map(AccountStatus::wire))),
                "accounts", slice, records));
    }

    void createAccount(Context ctx) {
        Form form = Requests.form(ctx);
        Account created = accounts.createSubaccount(Requests.caller(ctx), form.first("FriendlyName"));
        Responses.json(ctx.status(201), view(created));
    }

    void fetchAccount(Context ctx) {
        Responses.json(ctx, view(accounts.fetch(Requests.caller(ctx), ctx.pathParam("sid"))));
    }

    void updateAccount(Context ctx) {
        Form form = Requests.form(ctx);
        Optional<AccountStatus> status = Requests.enumParam(form, "Status", AccountStatus::fromWire, STATUSES);
        Change change = new Change(form.first("FriendlyName"), status);
        Responses.json(ctx, view(accounts.update(Requests.caller(ctx), ctx.pathParam("sid"), change)));
    }

    static Map<String, Object> view(Account a) {
        String base = "/2010-04-01/Accounts/" + a.sid();
        Map<String, String> subresources = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : SUBRESOURCES) subresources.put(s.getKey(), base + s.getValue());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("auth_token", a.authToken().value());
        v.put("date_created", Rfc2822.format(a.dateCreated()));
        v.put("date_updated", Rfc2822.format(a.dateUpdated()));
        v.put("friendly_name", a.friendlyName());
        v.put("owner_account_sid", a.mainSid());
        v.put("sid", a.sid());
        v.put("status", a.status().wire());
        v.put("subresource_uris", subresources);
        v.put("type", a.type().wire());
        v.put("uri", base + ".json");
        return v;
    }
}
