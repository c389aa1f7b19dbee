package dev.accountd.api;

import dev.accountd.service.SandboxService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /_accountd/v1/Reset}: the sandbox back to its first main account. */
public final class SandboxApi {
    private final SandboxService sandbox;

    public SandboxApi(SandboxService sandbox) { this.sandbox = sandbox; }

    void reset(Context ctx) {
        Requests.form(ctx); // a body, if any, is read and checked like every other
        SandboxService.Reset r = sandbox.reset(Requests.caller(ctx));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", r.accountSid());
        v.put("deleted_accounts", r.deletedAccounts());
        v.put("balance", r.balance().plain());
        v.put("currency", r.balance().currency());
        Responses.json(ctx, v);
    }
}
