package dev.accountd.support.spec;

import dev.accountd.domain.Rfc2822;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.MessageSourceError;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.FormatValidator;
import com.networknt.schema.path.NodePath;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The {@code format}s of Twilio's specs, checked the way the official clients read them (CONTRACT.md Part 2, §0).
 * Formats the specs use that have no rule here are in {@link #UNCHECKED}, with the reason; a response-schema format
 * in neither list fails {@code ImplementationCoverageTest}.
 */
public final class TwilioFormats {
    private TwilioFormats() {}

    /** The name the converter gives 2010-04-01's {@code uri}: its own URIs are paths from the host. */
    public static final String URI_OR_PATH = "uri-or-path";

    /**
     * Formats the specs put on objects, which the check accepts without a rule of their own, and why: the name adds
     * nothing to the object's properties, which the schema types and the check holds like any others.
     */
    public static final Map<String, String> UNCHECKED = Map.of(
            "phone-number-capabilities", "the capabilities object; its voice, sms, mms and fax booleans are typed by the schema",
            "ice-server", "Tokens' ICE server objects; their properties are typed by the schema",
            "inbound-call-price", "a Pricing price object; its properties are typed by the schema",
            "inbound-sms-price", "a Pricing price object; its properties are typed by the schema",
            "outbound-call-price", "a Pricing price object; its properties are typed by the schema",
            "outbound-call-price-with-origin", "a Pricing price object; its properties are typed by the schema",
            "outbound-prefix-price", "a Pricing price object; its properties are typed by the schema",
            "outbound-prefix-price-with-origin", "a Pricing price object; its properties are typed by the schema",
            "outbound-sms-price", "a Pricing price object; its properties are typed by the schema",
            "phone-number-price", "a Pricing price object; its properties are typed by the schema");

    /** Integer formats: JSON Schema's {@code integer} type plus the range of the named width. */
    public static final Set<String> INTEGER_WIDTHS = Set.of("int32", "int64");

    /** 2010-04-01: {@code Thu, 30 Jul 2015 20:00:00 +0000}, English names, two-digit day, always {@code +0000}. */
    static final Pattern RFC_2822 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (0[1-9]|[12]\\d|3[01]) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d \\+0000");
    private static final DateTimeFormatter RFC_2822_PARSER =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss Z", Locale.US).withResolverStyle(ResolverStyle.STRICT);
    /** v1 APIs: {@code 2015-07-31T04:00:00Z}, no fraction, always {@code Z}. */
    static final Pattern ISO_8601 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final DateTimeFormatter ISO_8601_PARSER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_PARSER = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    /** E.164: a plus and at most 15 digits, no leading zero. */
    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    /** Every format the check asserts, replacing the validator's own {@code date}, {@code date-time} and {@code uri}. */
    public static List<Format> all() {
        return List.of(
                string("date-time-rfc-2822", "Twilio's RFC 2822 date such as 'Thu, 30 Jul 2015 20:00:00 +0000' (two-digit day, +0000)",
                        TwilioFormats::isRfc2822),
                string("date-time", "Twilio's ISO 8601 date-time such as '2015-07-31T04:00:00Z' (UTC, no fraction)", TwilioFormats::isIso8601),
                string("date", "a date such as '2015-07-31'", v -> parses(DATE_PARSER, v, LocalDate::from)),
                string("uri", "an absolute http or https URL", TwilioFormats::isAbsoluteUrl),
                string(URI_OR_PATH, "an absolute http or https URL, or a path from the host such as '/2010-04-01/Accounts.json'",
                        v -> isAbsoluteUrl(v) || isPathFromHost(v)),
                string("phone-number", "an E.164 phone number such as '+14155550123'", v -> E164.matcher(v).matches()),
                string("currency", "an ISO 4217 currency code such as 'USD' (twilio-java reads it with Currency.getInstance)",
                        TwilioFormats::isCurrency),
                string("iso-country-code", "an ISO 3166-1 alpha-2 country code such as 'US'", TwilioFormats::isCountry),
                string("http-method", "an HTTP method in upper case such as 'POST'", v -> v.matches("GET|POST|PUT|DELETE|HEAD|PATCH")),
                new UriMap());
    }

    static boolean isRfc2822(String v) {
        return RFC_2822.matcher(v).matches() && parses(RFC_2822_PARSER, v, ZonedDateTime::from);
    }

    static boolean isIso8601(String v) {
        return ISO_8601.matcher(v).matches() && parses(ISO_8601_PARSER, v, LocalDateTime::from);
    }

    static boolean isAbsoluteUrl(String v) {
        try {
            URI uri = new URI(v);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isPathFromHost(String v) {
        try {
            URI uri = new URI(v);
            return uri.getScheme() == null && uri.getRawAuthority() == null && v.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isCurrency(String v) {
        if (!v.matches("[A-Za-z]{3}")) return false;
        try {
            Currency.getInstance(v.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isCountry(String v) {
        return v.matches("[A-Z]{2}") && Set.of(Locale.getISOCountries()).contains(v);
    }

    private static <T> boolean parses(DateTimeFormatter f, String v, java.time.temporal.TemporalQuery<T> query) {
        try {
            f.parse(v, query);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Format string(String name, String expected, java.util.function.Predicate<String> test) {
        return new StringFormat(name, expected, test);
    }

    /** A format of string values; other JSON types are the {@code type} keyword's business. */
    private record StringFormat(String name, String expected, java.util.function.Predicate<String> test) implements Format {
        @Override public String getName() { return name; }

        @Override public boolean matches(ExecutionContext context, String value) { return test.test(value); }

        @Override
        public void validate(ExecutionContext context, SchemaContext schemaContext, JsonNode node, JsonNode root, NodePath at,
                             boolean assertions, Supplier<MessageSourceError.Builder> message, FormatValidator validator) {
            if (node.isString() && !test.test(node.asString())) {
                String text = "is '" + node.asString() + "', not " + expected + " (format " + name + ")";
                context.addError(message.get().messageSupplier(() -> text).build());
            }
        }
    }

    /**
     * {@code uri-map} ({@code subresource_uris}, {@code links}): an open object whose values are URIs, as absolute
     * URLs or paths from the host, or null (a link with nothing to point at).
     */
    private static final class UriMap implements Format {
        @Override public String getName() { return "uri-map"; }

        @Override
        public void validate(ExecutionContext context, SchemaContext schemaContext, JsonNode node, JsonNode root, NodePath at,
                             boolean assertions, Supplier<MessageSourceError.Builder> message, FormatValidator validator) {
            if (!node.isObject()) return;
            for (var e : node.properties()) {
                JsonNode v = e.getValue();
                if (v.isNull() || v.isString() && (isAbsoluteUrl(v.asString()) || isPathFromHost(v.asString()))) continue;
                String text = "has '" + e.getKey() + "': " + v + ", not a URL, a path from the host or null (format uri-map)";
                context.addError(message.get().messageSupplier(() -> text).build());
            }
        }
    }

    /** The names of the formats in {@link #all()}, as the specs write them. */
    public static Set<String> checked() {
        return Set.of("date-time-rfc-2822", "date-time", "date", "uri", "phone-number", "currency", "iso-country-code",
                "http-method", "uri-map");
    }
}
