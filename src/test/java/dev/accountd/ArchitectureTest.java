package dev.accountd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: api|cli -> service -> store -> domain; config, domain and error use the JDK only.
 * The wiring (Main, Accountd) may use everything; the CLI starts it.
 */
class ArchitectureTest {
    static final Map<String, Set<String>> MAY_IMPORT = Map.of(
            "config", Set.of(),
            "domain", Set.of(),
            "error", Set.of(),
            "store", Set.of("domain", "error", "store"),
            "service", Set.of("domain", "error", "store", "service"),
            "api", Set.of("domain", "error", "service", "store", "api"),
            "cli", Set.of("config", "domain", "service", "cli", "Accountd"));

    @Test
    void nothingReachesBackwards() throws IOException {
        Path root = Path.of("src/main/java/dev/accountd");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                if (rel.getNameCount() < 2) continue; // Main and Accountd wire everything together
                String layer = rel.getName(0).toString();
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("import dev.accountd.")) continue;
                    String target = line.substring("import dev.accountd.".length()).split("[.;]")[0];
                    if (target.equals(layer)) continue;
                    if (!MAY_IMPORT.getOrDefault(layer, Set.of()).contains(target)) {
                        violations.add(rel + " imports " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
