package dev.accountd.support.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the specs, found by method and request path. The server serves all the specs from one base
 * URL, and their paths do not collide (CONTRACT.md Part 2, §0), so the path alone tells the spec.
 */
public final class SpecOperations {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

    /** One operation: where it is in which spec, and its {@code responses} object. */
    public record Operation(String spec, String operationId, String method, String path, String tag, JsonNode responses,
                            Pattern regex, int literalLength) {
        public String describe() { return operationId + " (" + method + " " + path + " in " + spec + ")"; }
    }

    private final List<Operation> operations;

    SpecOperations(Map<String, JsonNode> specs) {
        List<Operation> all = new ArrayList<>();
        for (var spec : specs.entrySet()) {
            for (var p : spec.getValue().path("paths").properties()) {
                String template = p.getKey();
                for (var m : p.getValue().properties()) {
                    if (!METHODS.contains(m.getKey())) continue;
                    JsonNode op = m.getValue();
                    String tag = op.path("tags").path(0).asString("");
                    all.add(new Operation(spec.getKey(), op.path("operationId").asString(), m.getKey().toUpperCase(Locale.ROOT), template,
                            tag, op.path("responses"), regex(template), PARAMETER.matcher(template).replaceAll("").length()));
                }
            }
        }
        // The most literal template wins: /IncomingPhoneNumbers/Local.json before /IncomingPhoneNumbers/{Sid}.json.
        all.sort(Comparator.comparingInt(Operation::literalLength).reversed());
        this.operations = List.copyOf(all);
    }

    public List<Operation> all() { return operations; }

    /** The operation a request reaches, by its path without the query string. */
    public Optional<Operation> find(String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.regex().matcher(path).matches()).findFirst();
    }

    /** Whether any operation of any method has this path (a path of Twilio's specs, not /healthz or /_accountd). */
    public boolean isSpecPath(String path) {
        return operations.stream().anyMatch(o -> o.regex().matcher(path).matches());
    }

    /** Every operation whose template a path matches, whatever its method (for messages). */
    public List<Operation> byPath(String path) {
        return operations.stream().filter(o -> o.regex().matcher(path).matches()).toList();
    }

    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
