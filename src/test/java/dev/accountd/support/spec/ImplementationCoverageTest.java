package dev.accountd.support.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.api.HttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IMPLEMENTATION_COVERAGE.md is what the specs and the routes say: regenerated here, and a committed file that
 * differs fails the build. {@code -Daccountd.coverage.write=true} writes it instead.
 */
class ImplementationCoverageTest {
    static final Path FILE = TwilioSpecs.projectDir().resolve(ImplementationCoverage.FILE);

    static List<HttpApi.Route> routes() {
        return new HttpApi(false).routes(); // the routes block runs when the app is built; it never listens
    }

    @Test
    void committedTable_isTheOneTheSpecsAndRoutesGive() throws IOException {
        String generated = ImplementationCoverage.generate(TwilioSpecs.get(), routes());
        if (Boolean.getBoolean("accountd.coverage.write")) {
            Files.writeString(FILE, generated);
            return;
        }
        String committed = Files.exists(FILE) ? Files.readString(FILE) : "";
        assertEquals(generated, committed, FILE.getFileName() + " is out of date. Regenerate it with\n"
                + "  mvn -o test -Dtest=ImplementationCoverageTest -Daccountd.coverage.write=true\nand commit it.");
    }

    @Test
    void everyRouteOnATwilioPath_servesAnOperationOfTheSpecs() {
        SpecOperations operations = new SpecOperations(TwilioSpecs.get().specs());
        for (HttpApi.Route route : routes()) {
            if (route.path().startsWith("/_accountd/") || route.path().equals("/healthz") || route.path().equals("/metrics")) continue;
            assertTrue(operations.all().stream().anyMatch(op -> ImplementationCoverage.serves(route, op)),
                    route + " is under a Twilio path but serves no operation of the specs");
        }
    }

    @Test
    void everyFormatOfTheResponseSchemas_isCheckedOrListedAsUnchecked() {
        java.util.Set<String> formats = new java.util.TreeSet<>();
        for (tools.jackson.databind.JsonNode spec : TwilioSpecs.get().specs().values()) {
            collectFormats(spec.path("components").path("schemas"), formats); // what responses are made of
            spec.path("paths").values().forEach(path -> path.values().forEach(op -> collectFormats(op.path("responses"), formats)));
        }
        formats.removeAll(TwilioFormats.checked());
        formats.removeAll(TwilioFormats.UNCHECKED.keySet());
        formats.removeAll(TwilioFormats.INTEGER_WIDTHS);
        assertEquals(java.util.Set.of(), formats, "formats of the specs that TwilioFormats neither checks nor lists as unchecked");
    }

    private static void collectFormats(tools.jackson.databind.JsonNode node, java.util.Set<String> into) {
        if (node.isObject()) {
            if (node.path("format").isString() && node.has("type")) into.add(node.get("format").asString());
            node.values().forEach(child -> collectFormats(child, into));
        } else if (node.isArray()) {
            node.values().forEach(child -> collectFormats(child, into));
        }
    }
}
