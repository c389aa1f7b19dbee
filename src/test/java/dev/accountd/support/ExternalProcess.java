package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the tests run outside the JVM (node, npm, python3, bash): finding them on the PATH, skipping or
 * failing when they are missing, and running them with their output echoed to the test's stdout.
 */
public final class ExternalProcess {
    public static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private ExternalProcess() {}

    /** What a finished process printed; stdout and stderr are kept apart (curl's progress meter goes to stderr). */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() { return stdout + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr); }
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment, echoing each line it
     * prints to System.out, and fails the test when it has not finished within {@code timeout}.
     */
    public static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        System.out.println("[" + caller() + "] $ " + String.join(" ", command) + "   (in " + dir + ")");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command + ": " + e.getMessage(), e);
        }
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread out = pump(process.getInputStream(), stdout, "");
        Thread err = pump(process.getErrorStream(), stderr, "[stderr] ");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                out.join(5_000);
                err.join(5_000);
                fail(command + " did not finish within " + timeout + "; output so far:\n" + text(stdout) + "\n" + text(stderr));
            }
            out.join(10_000);
            err.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running " + command, e);
        }
        return new Result(process.exitValue(), text(stdout), text(stderr));
    }

    /** Like {@link #run}, failing the test unless the process exits with 0. */
    public static Result runOk(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        Result r = run(command, dir, env, timeout);
        assertEquals(0, r.exitCode(), command + " failed in " + dir + ":\n" + tail(r.output()));
        return r;
    }

    /**
     * Skips the calling test when a tool it needs is not {@code available}, with {@code why} as the reason, or
     * fails it instead when the environment variable {@code requiredBy} is {@code true} (as {@code .ci/run} sets them).
     */
    public static void requireOrSkip(boolean available, String requiredBy, String why) {
        if ("true".equals(System.getenv(requiredBy))) {
            if (!available) fail(requiredBy + "=true, but " + why);
            return;
        }
        if (!available) {
            System.err.println("[accountd] SKIPPED: " + why + " (set " + requiredBy + "=true to make this a failure)");
            Assumptions.abort("skipped: " + why);
        }
    }

    /** {@code compat/node} with its locked dependencies installed ({@code npm ci} the first time). */
    public static Path nodeProject() { return nodeProject("node"); }

    /** {@code compat/<name>} (a Node project) with its locked dependencies installed ({@code npm ci} the first time). */
    public static Path nodeProject(String name) {
        Path suite = Path.of(System.getProperty("user.dir")).resolve("compat").resolve(name);
        if (!Files.isRegularFile(suite.resolve("package.json"))) fail("missing " + suite.resolve("package.json"));
        if (!Files.isDirectory(suite.resolve("node_modules"))) {
            runOk(List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"), suite, Map.of(), Duration.ofMinutes(5));
        }
        return suite;
    }

    /** Every file named {@code executable} on the PATH that can be run, in PATH order. */
    public static List<Path> onPath(String executable) {
        List<Path> found = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path == null) return found;
        List<String> names = new ArrayList<>(List.of(executable));
        if (WINDOWS) names.addAll(List.of(executable + ".exe", executable + ".cmd"));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !found.contains(candidate)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    /** The last few thousand characters of {@code output}, for assertion messages. */
    public static String tail(String output) {
        int max = 6_000;
        return output.length() <= max ? output : "…" + output.substring(output.length() - max);
    }

    private static Thread pump(InputStream stream, StringBuilder into, String prefix) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    System.out.println(prefix + line);
                    synchronized (into) { into.append(line).append('\n'); }
                }
            } catch (IOException e) {
                // the process was killed; what was read so far is kept
            }
        }, "process-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static String text(StringBuilder b) {
        synchronized (b) { return b.toString(); }
    }

    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != ExternalProcess.class)
                        .findFirst().map(Class::getSimpleName).orElse("test"));
    }
}
