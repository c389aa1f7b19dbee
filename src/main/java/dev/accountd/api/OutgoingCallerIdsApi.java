package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.OutgoingCallerId;
import dev.accountd.domain.Slice;
import dev.accountd.service.CallerIdService;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outgoing caller IDs: validation requests (create), list, fetch, update, delete. */
public final class OutgoingCallerIdsApi {
    private final CallerIdService callerIds;

    public OutgoingCallerIdsApi(CallerIdService callerIds) { this.callerIds = callerIds; }

    void create(Context ctx) {
        Form f = Requests.form(ctx);
        CallerIdService.ValidationRequest r = callerIds.validate(Requests.caller(ctx), ctx.pathParam("accountSid"), new CallerIdService.Validating(
                f.first("PhoneNumber"), f.first("FriendlyName"), f.first("CallDelay"), f.first("Extension"), f.first("StatusCallback"),
                f.first("StatusCallbackMethod")));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", r.accountSid());
        v.put("call_sid", r.callSid());
        v.put("friendly_name", r.friendlyName());
        v.put("phone_number", r.phoneNumber());
        v.put("validation_code", r.validationCode());
        Responses.json(ctx, v); // 200, as Twilio's spec says
    }

    void list(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Paging paging = Paging.from(q);
        Slice<OutgoingCallerId> slice = callerIds.list(Requests.caller(ctx), account, q.first("PhoneNumber"), q.first("FriendlyName"),
                paging.request());
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/OutgoingCallerIds.json",
                List.of(Map.entry("PhoneNumber", q.first("PhoneNumber")), Map.entry("FriendlyName", q.first("FriendlyName"))),
                "outgoing_caller_ids", slice, slice.items().stream().map(OutgoingCallerIdsApi::view).toList()));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(callerIds.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void update(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx, view(callerIds.rename(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"), f.first("FriendlyName"))));
    }

    void delete(Context ctx) {
        callerIds.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    static Map<String, Object> view(OutgoingCallerId c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", c.sid());
        v.put("date_created", Rfc2822.format(c.dateCreated()));
        v.put("date_updated", Rfc2822.format(c.dateUpdated()));
        v.put("friendly_name", c.friendlyName());
        v.put("account_sid", c.accountSid());
        v.put("phone_number", c.phoneNumber());
        v.put("uri", "/2010-04-01/Accounts/" + c.accountSid() + "/OutgoingCallerIds/" + c.sid() + ".json");
        return v;
    }
}
