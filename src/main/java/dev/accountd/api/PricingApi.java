package dev.accountd.api;

import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Price;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.domain.Slice;
import dev.accountd.service.FamilyPrices;
import dev.accountd.service.PricingService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's Pricing API, v1 (Voice, Messaging, PhoneNumbers) and v2 (Voice), over accountd's price table. Lists use
 * the v1 {@code meta} envelope; every URL is absolute, to this server.
 *
 * <p>Not like Twilio: outbound SMS prices are listed for one carrier per country, {@code "Other"} with the
 * country's mobile country code and an empty {@code mnc}, since the table has one price per sender type and country,
 * not per network; origination prefixes are always {@code ["ALL"]}; v2 Trunking is not served.
 */
public final class PricingApi {
    /** Mobile country codes (ITU-T E.212) of the built-in countries, for the synthetic carrier; "" elsewhere. */
    private static final Map<String, String> MCC = Map.of("US", "310", "CA", "302", "GB", "234", "DE", "262", "AU", "505", "NL", "204");
    private static final List<String> ALL_ORIGINS = List.of("ALL");

    private final PricingService pricing;
    private final boolean trustProxy;

    public PricingApi(PricingService pricing, boolean trustProxy) {
        this.pricing = pricing;
        this.trustProxy = trustProxy;
    }

    /** Which version of the API a route serves: the paths and the shape of voice prices differ. */
    enum Version { V1, V2 }

    void listVoiceCountry(Context ctx, Version version) {
        list(ctx, (version == Version.V1 ? "/v1" : "/v2") + "/Voice/Countries", pricing.voiceCountries());
    }

    void listMessagingCountry(Context ctx) { list(ctx, "/v1/Messaging/Countries", pricing.messagingCountries()); }

    void listPhoneNumberCountry(Context ctx) { list(ctx, "/v1/PhoneNumbers/Countries", pricing.phoneNumberCountries()); }

    /** The countries of a price list: {@code {country, iso_country, url}} each, paged like every v1 list. */
    private void list(Context ctx, String path, List<PricingService.Country> countries) {
        Paging paging = Paging.from(Requests.query(ctx));
        Slice<PricingService.Country> slice = page(countries, paging.request());
        String base = Requests.baseUrl(ctx, trustProxy);
        List<Map<String, Object>> records = new ArrayList<>();
        for (PricingService.Country c : slice.items()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("country", c.name());
            v.put("iso_country", c.isoCountry());
            v.put("url", base + path + "/" + c.isoCountry());
            records.add(v);
        }
        Responses.json(ctx, paging.v1Envelope(base, path, List.of(), "countries", slice, records));
    }

    /** One page of a list held in memory, positions being indexes, so the PageTokens work as on stored lists. */
    static <T> Slice<T> page(List<T> all, PageRequest request) {
        int from;
        int to;
        if (request.before().isPresent()) {
            to = (int) Math.min(all.size(), request.before().get());
            from = Math.max(0, to - request.pageSize());
        } else {
            from = (int) Math.min(all.size(), request.after().map(a -> a + 1).orElse(0L));
            to = Math.min(all.size(), from + request.pageSize());
        }
        List<Long> positions = new ArrayList<>();
        for (int i = from; i < to; i++) positions.add((long) i);
        return new Slice<>(all.subList(from, to), positions, to < all.size(), from > 0);
    }

    void fetchVoiceCountry(Context ctx, Version version) {
        PricingService.VoiceCountry c = pricing.voiceCountry(Requests.caller(ctx), ctx.pathParam("isoCountry"));
        List<Map<String, Object>> outbound = new ArrayList<>();
        for (FamilyPrices.VoiceRoute r : c.outbound()) {
            Map<String, Object> v = new LinkedHashMap<>();
            if (version == Version.V1) {
                v.put("prefixes", r.prefixes());
            } else {
                v.put("origination_prefixes", ALL_ORIGINS);
                v.put("destination_prefixes", r.prefixes());
            }
            v.put("friendly_name", r.friendlyName());
            prices(v, r.price());
            outbound.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", c.name());
        body.put("iso_country", c.isoCountry());
        body.put("outbound_prefix_prices", outbound);
        body.put("inbound_call_prices", byType(c.inbound()));
        body.put("price_unit", c.currency());
        body.put("url", Requests.baseUrl(ctx, trustProxy) + (version == Version.V1 ? "/v1" : "/v2") + "/Voice/Countries/" + c.isoCountry());
        Responses.json(ctx, body);
    }

    /**
     * v1's {@code /Voice/Numbers/{Number}} and v2's {@code /Voice/Numbers/{DestinationNumber}}. The inbound price is the
     * caller's own number's; for any other number it is null in v1 (as the spec says) and an object of nulls in v2
     * (as Twilio answers).
     */
    void fetchVoiceNumber(Context ctx, Version version) {
        String parameter = version == Version.V1 ? "Number" : "DestinationNumber";
        Optional<String> origination = version == Version.V1 ? Optional.empty()
                : Requests.query(ctx).first("OriginationNumber").filter(o -> !o.isEmpty());
        String destination = ctx.pathParam(version == Version.V1 ? "number" : "destinationNumber");
        PricingService.VoiceNumber n = pricing.voiceNumber(Requests.caller(ctx), parameter, destination, origination);
        Map<String, Object> inbound = n.inbound().map(i -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("number_type", i.type().wire());
            prices(v, i.price());
            return v;
        }).orElse(null);
        String base = Requests.baseUrl(ctx, trustProxy);
        Responses.json(ctx, version == Version.V1 ? v1Number(base, n, inbound) : v2Number(base, n, inbound));
    }

    private static Map<String, Object> v1Number(String base, PricingService.VoiceNumber n, Map<String, Object> inbound) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", n.destination());
        body.put("country", n.name());
        body.put("iso_country", n.isoCountry());
        body.put("outbound_call_price", prices(new LinkedHashMap<>(), n.outbound().price()));
        body.put("inbound_call_price", inbound);
        body.put("price_unit", n.currency());
        body.put("url", base + "/v1/Voice/Numbers/" + n.destination());
        return body;
    }

    private static Map<String, Object> v2Number(String base, PricingService.VoiceNumber n, Map<String, Object> inbound) {
        if (inbound == null) {
            inbound = new LinkedHashMap<>();
            inbound.put("number_type", null);
            inbound.put("base_price", null);
            inbound.put("current_price", null);
        }
        Map<String, Object> outbound = prices(new LinkedHashMap<>(), n.outbound().price());
        outbound.put("origination_prefixes", ALL_ORIGINS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("destination_number", n.destination());
        body.put("origination_number", n.origination().orElse(null));
        body.put("country", n.name());
        body.put("iso_country", n.isoCountry());
        body.put("outbound_call_prices", List.of(outbound));
        body.put("inbound_call_price", inbound);
        body.put("price_unit", n.currency());
        body.put("url", base + "/v2/Voice/Numbers/" + n.destination());
        return body;
    }

    void fetchMessagingCountry(Context ctx) {
        PricingService.MessagingCountry c = pricing.messagingCountry(Requests.caller(ctx), ctx.pathParam("isoCountry"));
        List<Map<String, Object>> outbound = new ArrayList<>();
        if (!c.outbound().isEmpty()) {
            Map<String, Object> carrier = new LinkedHashMap<>();
            carrier.put("carrier", "Other");
            carrier.put("mcc", MCC.getOrDefault(c.isoCountry(), ""));
            carrier.put("mnc", "");
            carrier.put("prices", byType(c.outbound()));
            outbound.add(carrier);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", c.name());
        body.put("iso_country", c.isoCountry());
        body.put("outbound_sms_prices", outbound);
        body.put("inbound_sms_prices", byType(c.inbound()));
        body.put("price_unit", c.currency());
        body.put("url", Requests.baseUrl(ctx, trustProxy) + "/v1/Messaging/Countries/" + c.isoCountry());
        Responses.json(ctx, body);
    }

    void fetchPhoneNumberCountry(Context ctx) {
        PricingService.NumberCountry c = pricing.numberCountry(Requests.caller(ctx), ctx.pathParam("isoCountry"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", c.name());
        body.put("iso_country", c.isoCountry());
        body.put("phone_number_prices", byType(c.numbers()));
        body.put("price_unit", c.currency());
        body.put("url", Requests.baseUrl(ctx, trustProxy) + "/v1/PhoneNumbers/Countries/" + c.isoCountry());
        Responses.json(ctx, body);
    }

    /** {@code [{number_type, base_price, current_price}, …]} in the types' order. */
    private static List<Map<String, Object>> byType(Map<PricedNumberType, Price> prices) {
        List<Map<String, Object>> list = new ArrayList<>();
        prices.forEach((type, price) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("number_type", type.wire());
            prices(v, price);
            list.add(v);
        });
        return list;
    }

    /** Prices are decimal strings, as Twilio sends them ("0.0085"). */
    private static Map<String, Object> prices(Map<String, Object> v, Price price) {
        v.put("base_price", price.base().plain());
        v.put("current_price", price.current().plain());
        return v;
    }
}
