package dev.accountd.api;

import dev.accountd.domain.Account;
import dev.accountd.service.Caller;
import dev.accountd.service.TokenService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * accounts v1 AuthTokens (CreateSecondaryAuthToken, DeleteSecondaryAuthToken, UpdateAuthTokenPromotion) and
 * accountd's bulk rotation under /_accountd/. The account is the one whose auth token makes the request.
 */
public final class AuthTokensApi {
    private final TokenService tokens;
    private final boolean trustProxy;

    public AuthTokensApi(TokenService tokens, boolean trustProxy) {
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

    /**
     * POST /_accountd/v1/AuthTokens/RotateSubaccounts [AccountSid=AC… …] [PageToken=…]: one step of a bulk rotation,
     * {@code {"account_sid", "rotated": [{"account_sid", "auth_token"}], "count", "next_page_token"}}. While
     * {@code next_page_token} is not null, POST again with it as {@code PageToken} to rotate the next subaccounts.
     */
    void rotateSubaccounts(Context ctx) {
        Form form = Requests.form(ctx);
        Caller caller = Requests.caller(ctx);
        Optional<Long> after = Paging.from(form.without("PageSize", "Page")).request().after();
        TokenService.RotationStep step = tokens.rotateSubaccounts(caller, caller.accountSid(), form.all("AccountSid"), after);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", caller.accountSid());
        v.put("rotated", step.rotated().stream().map(TokenService::reported).toList());
        v.put("count", step.rotated().size());
        v.put("next_page_token", step.next().map(Paging::nextPageToken).orElse(null));
        Responses.json(ctx, v);
    }
}
