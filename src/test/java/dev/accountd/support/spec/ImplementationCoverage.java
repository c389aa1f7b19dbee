package dev.accountd.support.spec;

import dev.accountd.api.HttpApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The table of which in-scope Twilio operations accountd implements (like moto's IMPLEMENTATION_COVERAGE.md), made
 * from the specs and {@link HttpApi#routes()}: an operation is implemented when a route of the same method serves
 * its whole path template (a route's {@code {param}} serves any segment; a spec parameter needs a route parameter).
 */
public final class ImplementationCoverage {
    public static final String FILE = "IMPLEMENTATION_COVERAGE.md";

    /**
     * What is in scope (issue 10, section 4), as resources: for 2010-04-01 each resource names its paths; the v1
     * specs are in scope as a whole (monitor v1: Events and Alerts) and grouped by their operations' tags.
     */
    private record Resource(String spec, String name, Pattern paths) {}

    private static final String ACCOUNT = "/2010-04-01/Accounts/\\{AccountSid}";
    private static final String COLLECTION = "(\\.json|/\\{Sid}\\.json)";
    private static final List<Resource> SCOPE = List.of(
            v2010("Accounts", "/2010-04-01/Accounts" + COLLECTION),
            v2010("Keys and NewKeys", ACCOUNT + "/Keys" + COLLECTION),
            v2010("SigningKeys and NewSigningKeys", ACCOUNT + "/SigningKeys" + COLLECTION),
            v2010("Balance", ACCOUNT + "/Balance\\.json"),
            v2010("IncomingPhoneNumbers", ACCOUNT + "/IncomingPhoneNumbers(\\.json|/\\{Sid}\\.json|/(Local|Mobile|TollFree)\\.json)"),
            v2010("IncomingPhoneNumbers AssignedAddOns", ACCOUNT + "/IncomingPhoneNumbers/\\{ResourceSid}/AssignedAddOns(\\.json|/.*)"),
            v2010("AvailablePhoneNumbers", ACCOUNT + "/AvailablePhoneNumbers(\\.json|/.*)"),
            v2010("Addresses", ACCOUNT + "/Addresses" + COLLECTION),
            v2010("DependentPhoneNumbers", ACCOUNT + "/Addresses/\\{AddressSid}/DependentPhoneNumbers\\.json"),
            v2010("Usage Records", ACCOUNT + "/Usage/Records(\\.json|/.*)"),
            v2010("Usage Triggers", ACCOUNT + "/Usage/Triggers" + COLLECTION),
            v2010("Calls", ACCOUNT + "/Calls" + COLLECTION),
            v2010("Messages", ACCOUNT + "/Messages" + COLLECTION),
            v2010("Messages Media", ACCOUNT + "/Messages/\\{MessageSid}/Media" + COLLECTION),
            v2010("Applications", ACCOUNT + "/Applications" + COLLECTION),
            v2010("OutgoingCallerIds", ACCOUNT + "/OutgoingCallerIds" + COLLECTION),
            new Resource("twilio_accounts_v1.json", null, Pattern.compile(".*")),
            new Resource("twilio_monitor_v1.json", null, Pattern.compile("/v1/(Events|Alerts)(/\\{Sid})?")),
            new Resource("twilio_pricing_v1.json", null, Pattern.compile(".*")),
            new Resource("twilio_pricing_v2.json", null, Pattern.compile(".*")),
            new Resource("twilio_bulkexports_v1.json", null, Pattern.compile(".*")),
            new Resource("twilio_messaging_v1.json", null, Pattern.compile("/v1/Services(/\\{Sid})?|/v1/Services/\\{ServiceSid}/PhoneNumbers(/\\{Sid})?")));

    private static Resource v2010(String name, String paths) {
        return new Resource("twilio_api_v2010.json", name, Pattern.compile(paths));
    }

    private ImplementationCoverage() {}

    /** One row: an in-scope operation and whether a route serves it. */
    record Row(SpecOperations.Operation operation, String resource, boolean implemented) {}

    /** The table as Markdown, for the specs of this build and the routes of the server (built, never started). */
    public static String generate(TwilioSpecs specs, List<HttpApi.Route> routes) {
        SpecOperations operations = new SpecOperations(specs.specs());
        Map<String, Map<String, List<Row>>> bySpec = new LinkedHashMap<>();
        for (Resource r : SCOPE) bySpec.computeIfAbsent(r.spec(), k -> new LinkedHashMap<>());
        for (Resource r : SCOPE) if (r.name() != null) bySpec.get(r.spec()).put(r.name(), new ArrayList<>());
        List<HttpApi.Route> served = new ArrayList<>();
        for (SpecOperations.Operation op : operations.all()) {
            Resource scope = SCOPE.stream().filter(r -> r.spec().equals(op.spec()) && r.paths().matcher(op.path()).matches())
                    .findFirst().orElse(null);
            if (scope == null) continue;
            String resource = scope.name() != null ? scope.name() : tagName(op);
            List<HttpApi.Route> serving = routes.stream().filter(r -> serves(r, op)).toList();
            served.addAll(serving);
            bySpec.get(op.spec()).computeIfAbsent(resource, k -> new ArrayList<>()).add(new Row(op, resource, !serving.isEmpty()));
        }
        // v1 resources in the order of their names; 2010-04-01's in the order of the scope
        for (var spec : bySpec.entrySet()) {
            if (SCOPE.stream().noneMatch(r -> r.spec().equals(spec.getKey()) && r.name() != null)) spec.setValue(new TreeMap<>(spec.getValue()));
        }
        StringBuilder md = new StringBuilder();
        md.append("# Implementation coverage\n\n")
                .append("Which of Twilio's operations accountd serves, made from Twilio's OpenAPI specs (`")
                .append(specs.pin().coordinates()).append("`, pinned in `compat/twilio-specs/`) and the routes of `HttpApi`.\n")
                .append("Generated by `ImplementationCoverageTest`; do not edit by hand. After changing a route or the pin, run\n\n")
                .append("```sh\nmvn -o test -Dtest=ImplementationCoverageTest -Daccountd.coverage.write=true\n```\n\n")
                .append("In scope: the 2010-04-01 Accounts, Keys and NewKeys, SigningKeys and NewSigningKeys, Balance, IncomingPhoneNumbers\n")
                .append("(with Local, Mobile, TollFree and AssignedAddOns), AvailablePhoneNumbers (all types), Addresses and\n")
                .append("DependentPhoneNumbers, Usage Records (all subresources) and Triggers, Calls, Messages with their Media,\n")
                .append("Applications and OutgoingCallerIds; all of accounts v1; Events and Alerts of monitor v1; all of pricing v1 and v2;\n")
                .append("all of bulkexports v1; the Services of messaging v1 with their PhoneNumbers.\n\n")
                .append("## Summary\n\n| Spec | Operations | Implemented | Not yet |\n| --- | ---: | ---: | ---: |\n");
        int total = 0;
        int implemented = 0;
        for (var spec : bySpec.entrySet()) {
            List<Row> rows = spec.getValue().values().stream().flatMap(List::stream).toList();
            long done = rows.stream().filter(Row::implemented).count();
            md.append("| ").append(title(spec.getKey())).append(" | ").append(rows.size()).append(" | ").append(done)
                    .append(" | ").append(rows.size() - done).append(" |\n");
            total += rows.size();
            implemented += (int) done;
        }
        md.append("| **all** | **").append(total).append("** | **").append(implemented).append("** | **")
                .append(total - implemented).append("** |\n");
        for (var spec : bySpec.entrySet()) {
            md.append("\n## ").append(title(spec.getKey())).append("\n");
            for (var resource : spec.getValue().entrySet()) {
                md.append("\n### ").append(resource.getKey()).append("\n\n| Operation | Method | Path | Implemented |\n| --- | --- | --- | --- |\n");
                List<Row> rows = new ArrayList<>(resource.getValue());
                rows.sort(Comparator.comparing((Row r) -> r.operation().path()).thenComparing(r -> methodOrder(r.operation().method())));
                for (Row r : rows) {
                    md.append("| ").append(r.operation().operationId()).append(" | ").append(r.operation().method()).append(" | `")
                            .append(r.operation().path()).append("` | ").append(r.implemented() ? "yes" : "no").append(" |\n");
                }
            }
        }
        List<HttpApi.Route> own = routes.stream().filter(r -> !served.contains(r)).toList();
        if (!own.isEmpty()) {
            md.append("\n## Routes of accountd that are no Twilio operation\n\n| Method | Path |\n| --- | --- |\n");
            for (HttpApi.Route r : own) md.append("| ").append(r.method()).append(" | `").append(r.path()).append("` |\n");
        }
        return md.toString();
    }

    /** Whether a route of the same method serves every path the template names. */
    static boolean serves(HttpApi.Route route, SpecOperations.Operation op) {
        if (!route.method().equals(op.method())) return false;
        // a spec parameter becomes a character no literal has, which only a route parameter can match
        String example = op.path().replaceAll("\\{[^}/]+}", "\u0001");
        return SpecOperations.regex(route.path()).matcher(example).matches();
    }

    private static String tagName(SpecOperations.Operation op) {
        String tag = op.tag().replaceFirst("^(AccountsV1|MonitorV1|PricingV1|PricingV2|BulkexportsV1)", "");
        return tag.isEmpty() ? op.path() : tag;
    }

    private static int methodOrder(String method) {
        return List.of("GET", "POST", "DELETE").indexOf(method);
    }

    private static String title(String spec) {
        return switch (spec) {
            case "twilio_api_v2010.json" -> "api 2010-04-01";
            case "twilio_accounts_v1.json" -> "accounts v1";
            case "twilio_monitor_v1.json" -> "monitor v1";
            case "twilio_pricing_v1.json" -> "pricing v1";
            case "twilio_pricing_v2.json" -> "pricing v2";
            case "twilio_bulkexports_v1.json" -> "bulkexports v1";
            case "twilio_messaging_v1.json" -> "messaging v1";
            default -> spec;
        } + " (`" + spec + "`)";
    }
}
