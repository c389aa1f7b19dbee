package dev.accountd.support.spec;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one of a spec's OpenAPI 3.0 response schemas into a JSON Schema (draft 2020-12) that says what Twilio
 * sends: {@code $ref}s to {@code components/schemas} resolved in place; {@code nullable: true} allows null;
 * every documented property is required (Twilio always sends every key, null when empty) and no undocumented
 * property is allowed; an object the spec leaves without properties (a {@code uri-map}, {@code event_data}) stays
 * open. Type, enum, pattern, length and format are kept; 2010-04-01's {@code uri} becomes
 * {@link TwilioFormats#URI_OR_PATH}, since its own URIs are paths from the host. {@link KnownDeviations} are applied
 * where they name a property.
 */
final class OpenApiSchema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COMPONENTS = "#/components/schemas/";
    /** Keywords that mean the same in OpenAPI 3.0 and JSON Schema, copied as they are. */
    private static final List<String> KEPT = List.of("pattern", "minLength", "maxLength", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems");
    private static final Set<String> KNOWN = Set.of("type", "nullable", "properties", "items", "enum", "format", "$ref",
            "description", "example", "examples", "title", "default", "readOnly", "writeOnly", "deprecated",
            "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "minItems", "maxItems", "uniqueItems");

    private final String specName;
    private final JsonNode spec;

    OpenApiSchema(String specName, JsonNode spec) {
        this.specName = specName;
        this.spec = spec;
    }

    /** @param where what the schema is the response of, named in the component slot of deviations */
    ObjectNode convert(JsonNode schema, String where) {
        ObjectNode out = convert(schema, where, "", 0);
        out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return out;
    }

    private ObjectNode convert(JsonNode s, String component, String path, int depth) {
        if (depth > 64) throw new IllegalStateException("schema nested too deep (a $ref cycle?) at " + component + " " + path);
        if (s.has("$ref")) {
            String ref = s.get("$ref").asString();
            if (!ref.startsWith(COMPONENTS)) throw new IllegalStateException("unsupported $ref " + ref + " in " + specName);
            String name = ref.substring(COMPONENTS.length());
            JsonNode target = spec.path("components").path("schemas").path(name);
            if (target.isMissingNode()) throw new IllegalStateException("dangling $ref " + ref + " in " + specName);
            // Siblings of $ref are ignored in OpenAPI 3.0: the target says everything, nullable included.
            ObjectNode resolved = convert(target, name, "", depth + 1);
            KnownDeviations.find(specName, component, path).forEach(d -> d.change().accept(resolved));
            return resolved;
        }
        for (var e : s.properties()) {
            if (!KNOWN.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                throw new IllegalStateException("unsupported schema keyword '" + e.getKey() + "' in " + specName + " " + component + " " + path);
            }
        }
        ObjectNode out = NODES.objectNode();
        boolean nullable = s.path("nullable").asBoolean(false);
        if (s.has("type")) {
            ArrayNode types = out.putArray("type");
            types.add(s.get("type").asString());
            if (nullable) types.add("null");
        }
        if (s.has("enum")) {
            ArrayNode values = out.putArray("enum");
            s.get("enum").forEach(values::add);
            if (nullable) values.addNull();
        }
        if (s.has("format")) {
            String format = s.get("format").asString();
            if (TwilioFormats.INTEGER_WIDTHS.contains(format)) {
                long max = "int32".equals(format) ? Integer.MAX_VALUE : Long.MAX_VALUE;
                out.put("minimum", -max - 1).put("maximum", max);
            } else {
                out.put("format", "uri".equals(format) && specName.equals("twilio_api_v2010.json") ? TwilioFormats.URI_OR_PATH : format);
            }
        }
        for (String keyword : KEPT) if (s.has(keyword)) out.set(keyword, s.get(keyword));
        if (s.has("properties") && !s.get("properties").isEmpty()) {
            ObjectNode properties = out.putObject("properties");
            ArrayNode required = out.putArray("required");
            for (var p : s.get("properties").properties()) {
                String child = path.isEmpty() ? p.getKey() : path + "/" + p.getKey();
                properties.set(p.getKey(), convert(p.getValue(), component, child, depth + 1));
                required.add(p.getKey());
            }
            out.put("additionalProperties", false);
        }
        if (s.has("items")) out.set("items", convert(s.get("items"), component, path + "[]", depth + 1));
        KnownDeviations.find(specName, component, path).forEach(d -> d.change().accept(out));
        return out;
    }
}
