package dev.accountd.support.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one HTTP answer against Twilio's specs, for every request the integration tests make:
 * <ul>
 *   <li>on a path of the specs, a success status must be one the operation documents, and its body must match
 *       that response's schema ({@link OpenApiSchema}), or be empty where the response has none;</li>
 *   <li>every 4xx or 5xx body, on any path, must be Twilio's error: exactly {@code code} (integer), {@code message}
 *       (string), {@code more_info} ({@code https://www.twilio.com/docs/errors/<code>}) and {@code status} (the
 *       HTTP status);</li>
 *   <li>HEAD and 204 answers have no body.</li>
 * </ul>
 * A failure is an {@link AssertionError} naming the operation, the JSON pointer of each bad field and what was
 * expected; it is also recorded in {@link SpecViolations}, so a request made on another thread still fails its test.
 */
public final class SpecCheck {
    private static volatile SpecCheck instance;

    private final SpecOperations operations;
    private final Map<String, JsonNode> specs;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SpecCheck(TwilioSpecs specs) {
        this.specs = specs.specs();
        this.operations = new SpecOperations(specs.specs());
        Dialect dialect = Dialect.builder(Dialects.getDraft202012()).formats(TwilioFormats.all()).build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();
        this.registry = SchemaRegistry.withDialect(dialect, b -> b.schemaRegistryConfig(config));
    }

    /** The check over this build's specs (installed on first use, see {@link TwilioSpecs}). */
    public static SpecCheck get() {
        SpecCheck c = instance;
        if (c == null) {
            synchronized (SpecCheck.class) {
                if (instance == null) instance = new SpecCheck(TwilioSpecs.get());
                c = instance;
            }
        }
        return c;
    }

    public SpecOperations operations() { return operations; }

    /**
     * Checks an answer; throws (and records) an AssertionError when it breaks the spec.
     *
     * @param target the request's path, with or without its query string
     * @param body the body as received, or null when there was none
     * @param requestLineParsed false when the server could not parse the request line (it then cannot know a HEAD)
     */
    public void check(String method, String target, int status, String body, boolean requestLineParsed) {
        List<String> problems = problems(method, target, status, body, requestLineParsed);
        if (problems.isEmpty()) return;
        Optional<SpecOperations.Operation> op = operations.find(method, pathOf(target));
        StringBuilder message = new StringBuilder("Twilio spec check: ").append(method).append(' ').append(target)
                .append(" answered ").append(status).append(op.map(o -> ", operation " + o.describe()).orElse(""));
        for (String p : problems) message.append("\n  ").append(p);
        message.append("\n  body: ").append(body == null || body.isEmpty() ? "(none)" : abbreviate(body));
        AssertionError error = new AssertionError(message.toString());
        SpecViolations.record(error);
        throw error;
    }

    /** What is wrong with an answer, one line each (empty when nothing is); records and throws nothing. */
    public List<String> problems(String method, String target, int status, String body, boolean requestLineParsed) {
        List<String> problems = new ArrayList<>();
        String path = pathOf(target);
        Optional<SpecOperations.Operation> op = operations.find(method, path);
        boolean empty = body == null || body.isEmpty();
        if ("HEAD".equals(method) && !empty && requestLineParsed) {
            problems.add("a HEAD answer has no body, but this one has " + body.length() + " characters");
        } else if (status == 204 && !empty) {
            problems.add("a 204 answer has no body, but this one has " + body.length() + " characters");
        } else if (!"HEAD".equals(method) || !empty) {
            if (status >= 400) {
                checkError(status, body, problems);
            } else if (op.isPresent()) {
                checkSuccess(op.get(), status, body, problems);
            } else if (operations.isSpecPath(path)) {
                problems.add(method + " is not an operation of " + path + " in the specs, yet it answered " + status
                        + " (operations there: " + operations.byPath(path).stream().map(SpecOperations.Operation::describe).toList() + ")");
            }
        }
        return problems;
    }

    private void checkSuccess(SpecOperations.Operation op, int status, String body, List<String> problems) {
        JsonNode response = op.responses().path(Integer.toString(status));
        if (response.isMissingNode()) {
            List<String> documented = new ArrayList<>();
            op.responses().propertyNames().forEach(documented::add);
            problems.add("status " + status + " is not a documented response; the spec has " + documented);
            return;
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        boolean empty = body == null || body.isEmpty();
        if (schema.isMissingNode()) {
            if (!empty) problems.add("the spec's " + status + " response has no body, but this one has " + body.length() + " characters");
            return;
        }
        if (empty) {
            problems.add("the spec's " + status + " response is JSON, but there was no body");
            return;
        }
        Optional<JsonNode> parsed = parse(body, problems);
        if (parsed.isEmpty()) return;
        Schema compiled = schemas.computeIfAbsent(op.spec() + " " + op.method() + " " + op.path() + " " + status,
                k -> registry.getSchema(new OpenApiSchema(op.spec(), specs.get(op.spec())).convert(schema, op.operationId())));
        for (Error e : compiled.validate(parsed.get())) problems.add(describe(e));
    }

    /** Twilio's error body: exactly the four keys, more_info naming the code, status equal to the HTTP status. */
    private void checkError(int status, String body, List<String> problems) {
        if (body == null || body.isEmpty()) {
            problems.add("an error answer carries Twilio's error body {code, message, more_info, status}, but there was no body");
            return;
        }
        Optional<JsonNode> parsed = parse(body, problems);
        if (parsed.isEmpty()) return;
        JsonNode code = parsed.get().path("code");
        String key = status + " " + (code.isIntegralNumber() ? code.asString() : "?");
        Schema schema = schemas.computeIfAbsent("error " + key, k -> registry.getSchema(errorSchema(status, code)));
        for (Error e : schema.validate(parsed.get())) problems.add(describe(e));
    }

    static ObjectNode errorSchema(int status, JsonNode code) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("type", "object");
        s.putArray("required").add("code").add("message").add("more_info").add("status");
        s.put("additionalProperties", false);
        ObjectNode p = s.putObject("properties");
        p.putObject("code").put("type", "integer");
        p.putObject("message").put("type", "string");
        ObjectNode moreInfo = p.putObject("more_info").put("type", "string");
        if (code.isIntegralNumber()) {
            moreInfo.put("const", "https://www.twilio.com/docs/errors/" + code.asString());
        } else {
            moreInfo.put("pattern", "^https://www\\.twilio\\.com/docs/errors/[0-9]+$");
        }
        p.putObject("status").put("type", "integer").put("const", status);
        return s;
    }

    private Optional<JsonNode> parse(String body, List<String> problems) {
        try {
            return Optional.of(json.readTree(body));
        } catch (JacksonException e) {
            problems.add("the body is not JSON: " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** "/pointer: what is wrong", pointing at the property itself where one is missing or not allowed. */
    static String describe(Error e) {
        String pointer = e.getInstanceLocation().toString();
        if (("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword())) && e.getProperty() != null) {
            pointer = pointer + "/" + e.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return (pointer.isEmpty() ? "(the whole body)" : pointer) + ": " + e.getMessage()
                + (e.getInstanceNode() != null && !"required".equals(e.getKeyword()) && e.getInstanceNode().isValueNode()
                        ? " (found " + e.getInstanceNode() + ")" : "");
    }

    static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static String abbreviate(String body) {
        return body.length() <= 1500 ? body : body.substring(0, 1500) + "… (" + body.length() + " characters)";
    }
}
