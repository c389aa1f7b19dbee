package dev.accountd.api;

import dev.accountd.service.TestCredentials;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** An account's test credentials: GET /_accountd/v1/Accounts/{Sid}/TestCredentials. */
public final class TestCredentialsApi {
    private final TestCredentials testCredentials;
    private final boolean trustProxy;

    public TestCredentialsApi(TestCredentials testCredentials, boolean trustProxy) {
        this.testCredentials = testCredentials;
        this.trustProxy = trustProxy;
    }

    void fetch(Context ctx) {
        TestCredentials.Pair p = testCredentials.show(Requests.caller(ctx), ctx.pathParam("sid"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", p.accountSid());
        v.put("test_account_sid", p.testAccountSid());
        v.put("test_auth_token", p.testAuthToken());
        v.put("url", Requests.baseUrl(ctx, trustProxy) + "/_accountd/v1/Accounts/" + p.accountSid() + "/TestCredentials");
        Responses.json(ctx, v);
    }
}
