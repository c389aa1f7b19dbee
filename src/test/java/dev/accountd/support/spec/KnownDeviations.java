package dev.accountd.support.spec;

import java.util.List;
import java.util.Optional;
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
     * One departure: in the specs and component schemas matching the patterns, the property at {@code property}
     * (names joined by '/', '[]' for array items) gets its converted JSON Schema changed by {@code change}.
     */
    public record Deviation(Pattern spec, Pattern component, String property, String reason, Consumer<ObjectNode> change) {
        boolean appliesTo(String specName, String componentName, String propertyPath) {
            return spec.matcher(specName).matches() && component.matcher(componentName).matches() && property.equals(propertyPath);
        }
    }

    private static final Pattern V2010 = Pattern.compile("twilio_api_v2010\\.json");
    private static final Pattern AVAILABLE_NUMBER = Pattern.compile(
            "api\\.v2010\\.account\\.available_phone_number_country\\.available_phone_number_[a-z_]+");

    public static final List<Deviation> ALL = List.of(
            new Deviation(V2010, AVAILABLE_NUMBER, "latitude",
                    "typed number, but the spec's own examples (and Twilio) send a decimal string such as \"19.720000\" (CONTRACT.md §6)",
                    KnownDeviations::numberOrDecimalString),
            new Deviation(V2010, AVAILABLE_NUMBER, "longitude",
                    "typed number, but the spec's own examples (and Twilio) send a decimal string such as \"-155.090000\" (CONTRACT.md §6)",
                    KnownDeviations::numberOrDecimalString),
            new Deviation(V2010, AVAILABLE_NUMBER, "friendly_name",
                    "format phone-number, but it is the number formatted for people, \"(808) 925-1571\" in the spec's examples",
                    s -> s.remove("format")),
            new Deviation(Pattern.compile("twilio_monitor_v1\\.json"), Pattern.compile("monitor\\.v1\\.event"), "actor_sid",
                    "the pattern allows US… only, but the actor is an account (AC…, CONTRACT.md §11) or, in accountd, one of its API keys (SK…)",
                    s -> s.put("pattern", "^(US|AC|SK)[0-9a-fA-F]{32}$")));

    /**
     * HEAD answers have no body, except where the request line could not be parsed: Jetty has lost the method, so
     * it sends its 400 with the Twilio error body and closes the connection ({@code Connection: close}), and no
     * client can read that body as the start of a next response (WireFormatIT).
     */
    public static final String HEAD_OF_UNPARSEABLE_REQUEST =
            "a HEAD whose request line Jetty could not parse is answered 400 with a body and Connection: close";

    static Optional<Deviation> find(String spec, String component, String property) {
        return ALL.stream().filter(d -> d.appliesTo(spec, component, property)).findFirst();
    }

    private static void numberOrDecimalString(ObjectNode s) {
        ArrayNode types = s.putArray("type");
        types.add("number").add("string").add("null");
        s.put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
    }
}
