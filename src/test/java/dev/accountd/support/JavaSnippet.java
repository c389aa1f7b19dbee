package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A README Java snippet made into a program: its leading {@code import} lines become the imports of a generated
 * class {@code ReadmeSnippet}, and the rest becomes the body of its {@code main}, which first defines
 * {@code accountSid} and {@code authToken} from its arguments. It is compiled with the JDK's compiler against the
 * test classpath (the SDK, and the {@link BaseUrlHttpClient} the README tells users to copy) and run in this JVM.
 */
public final class JavaSnippet {
    public static final String CLASS_NAME = "ReadmeSnippet";

    private JavaSnippet() {}

    /** The source of the generated class for {@code snippet}. */
    public static String source(String snippet) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : snippet.split("\n", -1)) {
            if (body.stream().allMatch(String::isBlank) && line.matches("\\s*import\\s+[\\w.]+(\\.\\*)?\\s*;\\s*")) imports.add(line.strip());
            else body.add(line);
        }
        return "import " + BaseUrlHttpClient.class.getName() + "; // the class the README says to copy\n"
                + String.join("\n", imports) + "\n\n"
                + "public class " + CLASS_NAME + " {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + "        String accountSid = args[0];\n"
                + "        String authToken = args[1];\n"
                + body.stream().map(l -> l.isBlank() ? "" : "        " + l).collect(Collectors.joining("\n")) + "\n"
                + "    }\n"
                + "}\n";
    }

    /** Writes the generated class into {@code dir}, compiles it there, and runs its {@code main} with {@code args}. */
    public static void compileAndRun(String snippet, Path dir, String... args) throws Exception {
        Path file = dir.resolve(CLASS_NAME + ".java");
        Files.writeString(file, source(snippet));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(file, classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaSnippet.class.getClassLoader())) {
            loader.loadClass(CLASS_NAME).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the snippet threw " + e.getCause() + "\n" + numbered(Files.readString(file)), e.getCause());
        }
    }

    private static void compile(Path file, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK, which has a Java compiler");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            if (!ok) {
                String errors = diagnostics.getDiagnostics().stream()
                        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null))
                        .collect(Collectors.joining("\n"));
                fail("the snippet does not compile:\n" + errors + "\n" + numbered(Files.readString(file)));
            }
            diagnostics.getDiagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                    .forEach(d -> System.out.println("[JavaSnippet] " + d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null)));
        }
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) b.append(String.format("%3d  %s%n", i + 1, lines[i]));
        return b.toString();
    }
}
