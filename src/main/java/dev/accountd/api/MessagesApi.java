package dev.accountd.api;

import dev.accountd.domain.Media;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageFilter;
import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.Slice;
import dev.accountd.service.MessageService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages: send (create), list, fetch, update (redact), delete; and their Media: list, fetch, delete. */
public final class MessagesApi {
    private final MessageService messages;

    public MessagesApi(MessageService messages) { this.messages = messages; }

    void create(Context ctx) {
        Form f = Requests.form(ctx);
        Message m = messages.send(Requests.caller(ctx), ctx.pathParam("accountSid"), new MessageService.Sending(f.first("To"), f.first("From"),
                f.first("MessagingServiceSid"), f.first("Body"), f.all("MediaUrl"), f.first("ContentSid"), f.first("StatusCallback"),
                f.first("ScheduleType"), f.first("SendAt"), f.first("ApplicationSid")));
        Responses.json(ctx.status(201), view(m));
    }

    void list(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        MessageFilter filter = filter(q);
        Paging paging = Paging.from(q);
        Slice<Message> slice = messages.list(Requests.caller(ctx), account, filter, paging.request());
        List<Map.Entry<String, Optional<String>>> filters = new ArrayList<>();
        for (String name : List.of("To", "From", "DateSent", "DateSent<", "DateSent>")) filters.add(Map.entry(name, q.first(name)));
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Messages.json", filters, "messages", slice,
                slice.items().stream().map(MessagesApi::view).toList()));
    }

    void fetch(Context ctx) {
        Responses.json(ctx, view(messages.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void update(Context ctx) {
        Form f = Requests.form(ctx);
        Responses.json(ctx, view(messages.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"), f.first("Body"),
                f.first("Status"))));
    }

    void delete(Context ctx) {
        messages.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    void listMedia(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        String message = ctx.pathParam("messageSid");
        DateWindow created = DateWindow.of(q, "DateCreated");
        Paging paging = Paging.from(q);
        Slice<Media> slice = messages.listMedia(Requests.caller(ctx), account, message, created.from(), created.before(), paging.request());
        List<Map.Entry<String, Optional<String>>> filters = new ArrayList<>();
        for (String name : List.of("DateCreated", "DateCreated<", "DateCreated>")) filters.add(Map.entry(name, q.first(name)));
        Responses.json(ctx, paging.envelope(mediaListUri(account, message), filters, "media_list", slice,
                slice.items().stream().map(MessagesApi::mediaView).toList()));
    }

    void fetchMedia(Context ctx) {
        Responses.json(ctx, mediaView(messages.fetchMedia(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("messageSid"),
                ctx.pathParam("sid"))));
    }

    void deleteMedia(Context ctx) {
        messages.deleteMedia(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("messageSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static String mediaListUri(String account, String message) {
        return "/2010-04-01/Accounts/" + account + "/Messages/" + message + "/Media.json";
    }

    /** The Media fields, in the order of Twilio's responses. */
    static Map<String, Object> mediaView(Media f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", f.accountSid());
        v.put("content_type", f.contentType());
        v.put("date_created", Rfc2822.format(f.dateCreated()));
        v.put("date_updated", Rfc2822.format(f.dateUpdated()));
        v.put("parent_sid", f.messageSid());
        v.put("sid", f.sid());
        v.put("uri", "/2010-04-01/Accounts/" + f.accountSid() + "/Messages/" + f.messageSid() + "/Media/" + f.sid() + ".json");
        return v;
    }

    static MessageFilter filter(Form q) {
        DateWindow sent = DateWindow.of(q, "DateSent");
        return new MessageFilter(q.first("To"), q.first("From"), sent.from(), sent.before());
    }

    /** The Message fields, in the order of Twilio's responses. */
    static Map<String, Object> view(Message m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("body", m.body());
        v.put("num_segments", Integer.toString(m.numSegments()));
        v.put("direction", m.direction().wire());
        // a message sent through a Messaging Service shows its sender once it is queued (Twilio chooses it then)
        v.put("from", m.messagingServiceSid().isPresent() && (m.status() == Message.Status.ACCEPTED || m.status() == Message.Status.SCHEDULED
                || m.status() == Message.Status.CANCELED) ? null : m.from());
        v.put("to", m.to());
        v.put("date_updated", Rfc2822.format(m.dateUpdated()));
        v.put("price", m.price().map(MessagesApi::price).orElse(null));
        v.put("error_message", m.errorCode().map(MessagesApi::errorMessage).orElse(null));
        v.put("uri", "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid() + ".json");
        v.put("account_sid", m.accountSid());
        v.put("num_media", Integer.toString(m.numMedia()));
        v.put("status", m.status().wire());
        v.put("messaging_service_sid", m.messagingServiceSid().orElse(null));
        v.put("sid", m.sid());
        v.put("date_sent", m.dateSent().map(Rfc2822::format).orElse(null));
        v.put("date_created", Rfc2822.format(m.dateCreated()));
        v.put("error_code", m.errorCode().orElse(null));
        v.put("price_unit", m.segmentPrice().currency());
        v.put("api_version", "2010-04-01");
        // Feedback is not served by accountd, so it is not advertised
        v.put("subresource_uris", Map.of("media", mediaListUri(m.accountSid(), m.sid())));
        return v;
    }

    /** Five decimals, as Twilio writes prices ("-0.00790"), or more where a price override has them. */
    static String price(dev.accountd.domain.Money p) {
        return p.amount().stripTrailingZeros().scale() > 5 ? p.plain() : p.plain(5);
    }

    private static String errorMessage(int code) {
        return switch (code) {
            case 30002 -> "Account suspended";
            case 30003 -> "Unreachable destination handset";
            case 21703 -> "The Messaging Service does not have a phone number available to send a message";
            case 20005 -> "Spending limit reached";
            default -> "Unknown error";
        };
    }
}
