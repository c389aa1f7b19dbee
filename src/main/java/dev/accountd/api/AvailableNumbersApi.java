package dev.accountd.api;

import dev.accountd.domain.AvailableNumber;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.AvailableNumberService;
import dev.accountd.service.Inventory;
import dev.accountd.service.NumberPurchaseService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AvailablePhoneNumbers: the countries list, a country, and the searches by type (Local, TollFree, Mobile, …). */
public final class AvailableNumbersApi {
    private static final Map<String, String> SUBRESOURCE_KEYS = Map.of("Local", "local", "TollFree", "toll_free",
            "Mobile", "mobile", "National", "national", "Voip", "voip", "SharedCost", "shared_cost",
            "MachineToMachine", "machine_to_machine");

    /** The search parameters in the spec's order, which the page's URIs repeat as they were sent. */
    private static final List<String> SEARCH_FILTERS = List.of("AreaCode", "Contains", "SmsEnabled", "MmsEnabled", "VoiceEnabled",
            "ExcludeAllAddressRequired", "ExcludeLocalAddressRequired", "ExcludeForeignAddressRequired", "Beta", "NearNumber",
            "NearLatLong", "Distance", "InPostalCode", "InRegion", "InRateCenter", "InLata", "InLocality", "FaxEnabled");

    private final AvailableNumberService numbers;

    public AvailableNumbersApi(AvailableNumberService numbers) { this.numbers = numbers; }

    /** The countries list has no paging fields, as in the spec: {@code {"countries": [...], "uri": ...}}. */
    void listCountries(Context ctx) {
        String account = ctx.pathParam("accountSid");
        Requests.query(ctx); // validates the query string; PageSize and friends are accepted and have nothing to page
        List<Map<String, Object>> countries = new ArrayList<>();
        for (Inventory.Country c : numbers.countries(Requests.caller(ctx), account)) countries.add(view(account, c));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("countries", countries);
        body.put("uri", "/2010-04-01/Accounts/" + account + "/AvailablePhoneNumbers.json");
        Responses.json(ctx, body);
    }

    void fetchCountry(Context ctx) {
        String account = ctx.pathParam("accountSid");
        Responses.json(ctx, view(account, numbers.country(Requests.caller(ctx), account, ctx.pathParam("country"))));
    }

    void search(Context ctx) {
        String account = ctx.pathParam("accountSid");
        String country = ctx.pathParam("country");
        String type = ctx.pathParam("type");
        Form q = Requests.query(ctx);
        // A search answers one page, as Twilio's does: PageSize is how many numbers; Page and PageToken are ignored.
        Paging paging = Paging.firstPage(q);
        Optional<Integer> areaCode = q.first("AreaCode").map(NumberPurchaseService::areaCode);
        Requests.boolParam(q, "Beta"); // checked, and ignored: accountd offers no beta numbers
        checkProximity(q);
        if (q.first("InRateCenter").isPresent() && q.first("InLata").filter(v -> !v.isEmpty()).isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "InRateCenter requires InLata");
        }
        AvailableNumberService.Search search = new AvailableNumberService.Search(areaCode, q.first("Contains"),
                Requests.boolParam(q, "SmsEnabled"), Requests.boolParam(q, "MmsEnabled"), Requests.boolParam(q, "VoiceEnabled"), Requests.boolParam(q, "FaxEnabled"),
                Requests.boolParam(q, "ExcludeAllAddressRequired").orElse(false), Requests.boolParam(q, "ExcludeLocalAddressRequired").orElse(false),
                Requests.boolParam(q, "ExcludeForeignAddressRequired").orElse(false), q.first("InRegion"), q.first("InPostalCode"),
                q.first("InLocality"), q.first("InRateCenter"), q.first("InLata"), q.first("NearNumber"), paging.request().pageSize());
        List<AvailableNumber> found = numbers.search(Requests.caller(ctx), account, country, type, search);
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) positions.add((long) i);
        Slice<AvailableNumber> slice = new Slice<>(found, positions, false, false);
        List<Map.Entry<String, Optional<String>>> filters = new ArrayList<>();
        for (String name : SEARCH_FILTERS) filters.add(Map.entry(name, q.first(name)));
        Responses.json(ctx, paging.envelope("/2010-04-01/Accounts/" + account + "/AvailablePhoneNumbers/" + country + "/" + type + ".json",
                filters, "available_phone_numbers", slice, found.stream().map(AvailableNumbersApi::view).toList()));
    }

    /**
     * NearLatLong and Distance are ignored (the inventory has no geography to search by distance), but a malformed
     * value is still a 400, as it would be at Twilio. NearNumber is checked by the service (libphonenumber).
     */
    private static void checkProximity(Form q) {
        q.first("Distance").ifPresent(v -> {
            if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 500) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Distance '" + v + "': expected miles from 0 to 500");
            }
        });
        q.first("NearLatLong").ifPresent(v -> {
            if (!v.matches("-?\\d{1,2}(\\.\\d+)?,\\s*-?\\d{1,3}(\\.\\d+)?")) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "Invalid NearLatLong '" + v + "': expected latitude,longitude such as 37.840575,-122.519915");
            }
        });
    }

    private static Map<String, Object> view(String account, Inventory.Country c) {
        String base = "/2010-04-01/Accounts/" + account + "/AvailablePhoneNumbers/" + c.code();
        Map<String, Object> subresources = new LinkedHashMap<>();
        for (String type : c.types()) subresources.put(SUBRESOURCE_KEYS.get(type), base + "/" + type + ".json");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("country_code", c.code());
        v.put("country", c.name());
        v.put("uri", base + ".json");
        v.put("beta", false);
        v.put("subresource_uris", subresources);
        return v;
    }

    static Map<String, Object> view(AvailableNumber n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("friendly_name", n.friendlyName());
        v.put("phone_number", n.phoneNumber());
        v.put("lata", n.lata().orElse(null));
        v.put("locality", n.locality().orElse(null));
        v.put("rate_center", n.rateCenter().orElse(null));
        v.put("latitude", n.latitude().map(Object::toString).orElse(null));
        v.put("longitude", n.longitude().map(Object::toString).orElse(null));
        v.put("region", n.region().orElse(null));
        v.put("postal_code", n.postalCode().orElse(null));
        v.put("iso_country", n.isoCountry());
        v.put("address_requirements", n.addressRequirements());
        v.put("beta", false);
        v.put("capabilities", IncomingPhoneNumbersApi.capabilities(n.voice(), n.sms(), n.mms(), n.fax()));
        return v;
    }
}
