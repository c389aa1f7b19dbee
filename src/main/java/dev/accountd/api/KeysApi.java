package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.ApiKey;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.Slice;
import dev.accountd.service.KeyService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2010-04-01 Key and SigningKey resources (ListKey, CreateNewKey, FetchKey, UpdateKey, DeleteKey, and the
 * same five for SigningKeys): one handler set, told apart by {@link KeyKind}.
 */
public final class KeysApi {
    private final KeyService keys;
    private final KeyKind kind;

    public KeysApi(KeyService keys, KeyKind kind) {
        this.keys = keys;
        this.kind = kind;
    }

    void list(Context ctx) {
        Form query = Requests.query(ctx);
        Paging paging = Paging.from(query);
        String account = ctx.pathParam("accountSid");
        Slice<ApiKey> slice = keys.list(Requests.caller(ctx), account, kind, paging.request());
        List<Map<String, Object>> records = slice.items().stream().map(KeysApi::view).toList();
        String key = kind == KeyKind.STANDARD ? "keys" : "signing_keys";
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/" + kind.collection() + ".json",
                List.of(), key, slice, records));
    }

    void create(Context ctx) {
        Form form = Requests.form(ctx);
        KeyService.NewKey created = keys.create(Requests.caller(ctx), ctx.pathParam("accountSid"), kind, form.first("FriendlyName"));
        Map<String, Object> v = view(created.key());
        v.put("secret", created.secret().value());
        Responses.json(ctx.status(201), v);
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(keys.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), kind, ctx.pathParam("sid"))));
    }

    void update(Context ctx) {
        Form form = Requests.form(ctx);
        Responses.json(ctx, view(keys.update(Requests.caller(ctx), ctx.pathParam("accountSid"), kind, ctx.pathParam("sid"),
                form.first("FriendlyName"))));
    }

    void delete(Context ctx) {
        keys.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), kind, ctx.pathParam("sid"));
        ctx.status(204);
    }

    /** Key and SigningKey: the spec's four fields; a secret is never part of them. */
    static Map<String, Object> view(ApiKey k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", k.sid());
        v.put("friendly_name", k.friendlyName().orElse(null));
        v.put("date_created", Rfc2822.format(k.dateCreated()));
        v.put("date_updated", Rfc2822.format(k.dateUpdated()));
        return v;
    }

}
