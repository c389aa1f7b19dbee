package dev.accountd.support.spec;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one list of places where the response check departs from Twilio's specs, because the spec disagrees with
 * what Twilio sends or with CONTRACT.md. Each entry is narrow (one property of the schemas it names) and says why.
 * Nothing else is exempt: a server that differs from the spec anywhere else fails the test that asked.
 */
public final class KnownDeviations {
    private KnownDeviations() {}

    /**
     * One departure: in the specs and component schemas matching the patterns, the properties whose path matches
     * {@code property} (names joined by '/', '[]' for array items) get their converted JSON Schema changed by
     * {@code change}. Where several apply, they change it in the list's order.
     */
    public record Deviation(Pattern spec, Pattern component, Pattern property, String reason, Consumer<ObjectNode> change) {
        /** A departure of the one property at this exact path. */
        public Deviation(Pattern spec, Pattern component, String property, String reason, Consumer<ObjectNode> change) {
            this(spec, component, Pattern.compile(Pattern.quote(property)), reason, change);
        }

        boolean appliesTo(String specName, String componentName, String propertyPath) {
            return spec.matcher(specName).matches() && component.matcher(componentName).matches() && property.matcher(propertyPath).matches();
        }
    }

    private static final Pattern V2010 = Pattern.compile("twilio_api_v2010\\.json");
    private static final Pattern PRICING = Pattern.compile("twilio_pricing_v[12]\\.json");
    private static final Pattern AVAILABLE_NUMBER = Pattern.compile(
            "api\\.v2010\\.account\\.available_phone_number_country\\.available_phone_number_[a-z_]+");

    public static final List<Deviation> ALL = List.of(
            new Deviation(V2010, AVAILABLE_NUMBER, "latitude",
                    "typed number, but the spec's own examples (and Twilio) send a decimal string such as \"19.720000\" (CONTRACT.md §6)",
                    KnownDeviations::numberOrDecimalString),
            new Deviation(V2010, AVAILABLE_NUMBER, "longitude",
                    "typed number, but the spec's own examples (and Twilio) send a decimal string such as \"-155.090000\" (CONTRACT.md §6)",
                    KnownDeviations::numberOrDecimalString),
            new Deviation(V2010, Pattern.compile("api\\.v2010\\.account\\.usage\\.usage_record(\\.usage_record_[a-z_]+)?"), "price",
                    "typed number, but Twilio sends a usage record's price as a decimal string (\"0.38\", \"2192.84855\" in recorded answers,"
                            + " research/billing.md §2.3); twilio-java reads it as a BigDecimal either way",
                    KnownDeviations::numberOrDecimalString),
            new Deviation(V2010, AVAILABLE_NUMBER, "friendly_name",
                    "format phone-number, but it is the number formatted for people, \"(808) 925-1571\" in the spec's examples",
                    s -> s.remove("format")),
            new Deviation(Pattern.compile("twilio_monitor_v1\\.json"), Pattern.compile("monitor\\.v1\\.event"), "actor_sid",
                    "the pattern allows US… only, but the actor is an account (AC…, CONTRACT.md §11) or, in accountd, one of its API keys (SK…)",
                    s -> s.put("pattern", "^(US|AC|SK)[0-9a-fA-F]{32}$")),
            new Deviation(PRICING, Pattern.compile("pricing\\.v[12]\\..+"), Pattern.compile("([a-z_]+(\\[])?/)+(base_price|current_price)"),
                    "typed number, but marked x-twilio overrideType string: Twilio sends prices as decimal strings (\"0.0085\" in the spec's"
                            + " own examples and in Twilio's recorded answers, twilio-go's responses_test.go), and the SDKs read them as such",
                    KnownDeviations::decimalString),
            new Deviation(Pattern.compile("twilio_pricing_v2\\.json"), Pattern.compile("pricing\\.v2\\.voice\\.voice_number"),
                    Pattern.compile("inbound_call_price/(base_price|current_price|number_type)"),
                    "not nullable, but for a number the account does not own Twilio answers {\"number_type\": null, \"base_price\": null,"
                            + " \"current_price\": null} (the spec's own fetch example, and twilio-go's recorded voicePriceNumberUS)",
                    KnownDeviations::alsoNull));

    /**
     * HEAD answers have no body, except where the request line could not be parsed: Jetty has lost the method, so
     * it sends its 400 with the Twilio error body and closes the connection ({@code Connection: close}), and no
     * client can read that body as the start of a next response (WireFormatIT).
     */
    public static final String HEAD_OF_UNPARSEABLE_REQUEST =
            "a HEAD whose request line Jetty could not parse is answered 400 with a body and Connection: close";

    static List<Deviation> find(String spec, String component, String property) {
        return ALL.stream().filter(d -> d.appliesTo(spec, component, property)).toList();
    }

    /** A non-negative decimal string such as "0.0085", and nothing else. */
    private static void decimalString(ObjectNode s) {
        s.putArray("type").add("string");
        s.put("pattern", "^[0-9]+(\\.[0-9]+)?$");
    }

    private static void alsoNull(ObjectNode s) {
        ((ArrayNode) s.get("type")).add("null");
    }

    private static void numberOrDecimalString(ObjectNode s) {
        ArrayNode types = s.putArray("type");
        types.add("number").add("string").add("null");
        s.put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
    }
}
