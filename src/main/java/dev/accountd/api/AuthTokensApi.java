package dev.accountd.api;

import dev.accountd.domain.Account;
import dev.accountd.service.TokenService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * accounts v1 AuthTokens (CreateSecondaryAuthToken, DeleteSecondaryAuthToken, UpdateAuthTokenPromotion) and
 * accountd's bulk rotation under /_accountd/. The account is the one whose auth token makes the request.
 */
final class AuthTokensApi {
    private final TokenService tokens;
    private final boolean trustProxy;

    AuthTokensApi(TokenService tokens, boolean trustProxy) {
        this.tokens = tokens;
        this.trustProxy = trustProxy;
    }

    void createSecondaryAuthToken(Context ctx) {
        Requests.form(ctx); // no parameters, but a malformed or oversized body is still refused
        Account a = tokens.createSecondary(Requests.caller(ctx));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", a.sid());
        v.put("date_created", Iso8601.format(a.secondaryCreated().orElseThrow()));
        v.put("date_updated", Iso8601.format(a.secondaryCreated().orElseThrow()));
        v.put("secondary_auth_token", a.secondaryAuthToken().orElseThrow().value());
        v.put("url", Requests.baseUrl(ctx, trustProxy) + "/v1/AuthTokens/Secondary");
        Responses.json(ctx.status(201), v);
    }

    void deleteSecondaryAuthToken(Context ctx) {
        tokens.deleteSecondary(Requests.caller(ctx));
        ctx.status(204);
    }

    void updateAuthTokenPromotion(Context ctx) {
        Requests.form(ctx);
        Account a = tokens.promote(Requests.caller(ctx));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", a.sid());
        v.put("auth_token", a.authToken().value());
        v.put("date_created", Iso8601.format(a.authTokenCreated()));
        v.put("date_updated", Iso8601.format(a.dateUpdated()));
        v.put("url", Requests.baseUrl(ctx, trustProxy) + "/v1/AuthTokens/Promote");
        Responses.json(ctx, v);
    }

    /** POST /_accountd/v1/AuthTokens/RotateSubaccounts [AccountSid=AC… …] */
    void rotateSubaccounts(Context ctx) {
        Form form = Requests.form(ctx);
        var caller = Requests.caller(ctx);
        List<Account> rotated = tokens.rotateSubaccounts(caller, caller.accountSid(), form.all("AccountSid"));
        Responses.json(ctx, TokenService.report(caller.accountSid(), rotated));
    }
}
