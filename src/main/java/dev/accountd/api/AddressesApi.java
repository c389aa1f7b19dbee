package dev.accountd.api;

import dev.accountd.domain.Rfc2822;
import dev.accountd.domain.Address;
import dev.accountd.domain.Slice;
import dev.accountd.service.AddressService;
import dev.accountd.domain.AddressFilter;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 2010-04-01 Address resource: ListAddress, CreateAddress, FetchAddress, UpdateAddress, DeleteAddress. */
public final class AddressesApi {
    private final AddressService addresses;

    public AddressesApi(AddressService addresses) { this.addresses = addresses; }

    void listAddress(Context ctx) {
        Form q = Requests.query(ctx);
        String account = ctx.pathParam("accountSid");
        AddressFilter filter = new AddressFilter(q.first("CustomerName"), q.first("FriendlyName"),
                Requests.boolParam(q, "EmergencyEnabled"), q.first("IsoCountry"));
        Paging paging = Paging.from(q);
        Slice<Address> slice = addresses.list(Requests.caller(ctx), account, filter, paging.request());
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/Addresses.json",
                List.of(Map.entry("CustomerName", filter.customerName()), Map.entry("FriendlyName", filter.friendlyName()),
                        Map.entry("EmergencyEnabled", filter.emergencyEnabled().map(String::valueOf)),
                        Map.entry("IsoCountry", filter.isoCountry())),
                "addresses", slice, slice.items().stream().map(AddressesApi::view).toList()));
    }

    void createAddress(Context ctx) {
        Address a = addresses.create(Requests.caller(ctx), ctx.pathParam("accountSid"), fields(Requests.form(ctx)));
        Responses.json(ctx.status(201), view(a));
    }

    void fetchAddress(Context ctx) {
        Responses.json(ctx, view(addresses.fetch(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"))));
    }

    void updateAddress(Context ctx) {
        Form form = Requests.form(ctx);
        Responses.json(ctx, view(addresses.update(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"), fields(form))));
    }

    void deleteAddress(Context ctx) {
        addresses.delete(Requests.caller(ctx), ctx.pathParam("accountSid"), ctx.pathParam("sid"));
        ctx.status(204);
    }

    private static AddressService.Fields fields(Form f) {
        Requests.boolParam(f, "AutoCorrectAddress"); // checked, and ignored: accountd has no postal data to correct with
        return new AddressService.Fields(f.first("CustomerName"), f.first("FriendlyName"), f.first("Street"),
                f.first("StreetSecondary"), f.first("City"), f.first("Region"), f.first("PostalCode"), f.first("IsoCountry"),
                Requests.boolParam(f, "EmergencyEnabled"));
    }

    static Map<String, Object> view(Address a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", a.accountSid());
        v.put("city", a.city());
        v.put("customer_name", a.customerName());
        v.put("date_created", Rfc2822.format(a.dateCreated()));
        v.put("date_updated", Rfc2822.format(a.dateUpdated()));
        v.put("friendly_name", a.friendlyName().orElse(null));
        v.put("iso_country", a.isoCountry());
        v.put("postal_code", a.postalCode());
        v.put("region", a.region());
        v.put("sid", a.sid());
        v.put("street", a.street());
        v.put("uri", "/2010-04-01/Accounts/" + a.accountSid() + "/Addresses/" + a.sid() + ".json");
        v.put("emergency_enabled", a.emergencyEnabled());
        v.put("validated", false);
        v.put("verified", false);
        v.put("street_secondary", a.streetSecondary().orElse(null));
        return v;
    }
}
