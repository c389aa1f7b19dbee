package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.Call;
import dev.accountd.domain.CallFilter;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.CallService;
import dev.accountd.service.inventory.PhoneNumbers;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls: place (create), list, fetch, update (hang up, cancel, redirect), delete. */
public final class CallsApi {
    private static final List<String> FILTERS = List.of("To", "From", "ParentCallSid", "Status", "StartTime", "StartTime<", "StartTime>",
            "EndTime", "EndTime<", "EndTime>");

    private final CallService calls;

    public CallsApi(CallService calls) { this.calls = calls; }

    void create(Context ctx) {
        Form f = Requests.form(ctx);
        Call c = calls.place(Requests.caller(ctx), ctx.pathParam("accountSid"), new CallService.Placing(f.first("To"), f.first("From"),
                f.first("Url"), f.first("Twiml"), f.first("ApplicationSid"), f.first("Method"), f.first("StatusCallback"),
                f.first("StatusCallbackMethod"), f.all("StatusCallbackEvent"), f.first("Timeout"), f.first("TimeLimit")));
        Responses.json(ctx.status(201), view(c));
    }

    void list(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        Optional<Call.Status> status = q.first("Status").map(s -> Call.Status.fromWire(s.trim()).orElseThrow(() -> TwilioException.of(
                ErrorCode.INVALID_PARAMETER, "Invalid Status '" + s + "': expected queued, ringing, in-progress, canceled, completed, failed,"
                        + " busy or no-answer")));
        DateWindow start = DateWindow.of(q, "StartTime");
        DateWindow end = DateWindow.of(q, "EndTime");
        CallFilter filter = new CallFilter(q.first("To"), q.first("From"), q.first("ParentCallSid"), status, start.from(), start.before(),
                end.from(), end.before());
        Paging paging = Paging.from(q);
        Slice<Call> slice = calls.list(Requests.caller(ctx), account, filter, paging.request());
        List<Map.Entry<String, Optional<String>>> filters = new ArrayList<>();
        for (String name : FILTERS) filters.add(Map.entry(name, q.first(name)));
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Calls.json", filters, "calls", slice,
                slice.items().stream().map(CallsApi::view).toList()));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(calls.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void update(Context ctx) {
        Form f = Requests.form(ctx);
        Call c = calls.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"), new CallService.Changing(
                f.first("Status"), f.first("Url"), f.first("Twiml"), f.first("Method"), f.first("TimeLimit"), f.first("StatusCallback")));
        Responses.json(ctx, view(c));
    }

    void delete(Context ctx) {
        calls.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    /** The Call fields, in the order of Twilio's responses. */
    static Map<String, Object> view(Call c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", c.sid());
        v.put("date_created", Rfc2822.format(c.dateCreated()));
        v.put("date_updated", Rfc2822.format(c.dateUpdated()));
        v.put("parent_call_sid", c.parentCallSid().orElse(null));
        v.put("account_sid", c.accountSid());
        v.put("to", c.to());
        v.put("to_formatted", PhoneNumbers.friendlyName(c.to()));
        v.put("from", c.from());
        v.put("from_formatted", PhoneNumbers.friendlyName(c.from()));
        v.put("phone_number_sid", c.phoneNumberSid().orElse(null));
        v.put("status", c.status().wire());
        v.put("start_time", c.startTime().map(Rfc2822::format).orElse(null));
        v.put("end_time", c.endTime().map(Rfc2822::format).orElse(null));
        v.put("duration", c.duration().map(String::valueOf).orElse(null));
        v.put("price", c.price().map(MessagesApi::price).orElse(null));
        v.put("price_unit", c.minutePrice().currency());
        v.put("direction", c.direction().wire());
        v.put("answered_by", null);
        v.put("api_version", "2010-04-01");
        v.put("forwarded_from", null);
        v.put("group_sid", null);
        v.put("caller_name", null);
        v.put("queue_time", "0");
        v.put("trunk_sid", null);
        v.put("uri", "/2010-04-01/Accounts/" + c.accountSid() + "/Calls/" + c.sid() + ".json");
        // Recordings, Notifications and the other subresources are not served by accountd, so they are not advertised
        v.put("subresource_uris", Map.of());
        return v;
    }
}
