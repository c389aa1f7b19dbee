package dev.accountd.support.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's OpenAPI specs, as the pinned npm package {@code @twilio/cli-core} bundles them
 * ({@code compat/twilio-specs/twilio-specs.properties}). The first use in a build fetches the tarball with
 * {@code npm pack}, checks its sha512 against the pin, and unpacks the spec files into {@code target/twilio-specs/};
 * the package's npm dependencies are never installed. Without npm (and without the files) every use fails with a
 * message saying how to get them.
 */
public final class TwilioSpecs {
    private static final String SPEC_DIR_IN_PACKAGE = "package/src/services/twilio-api/";
    private static final String OVERRIDE_PROPERTY = "accountd.twilio.specs";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");

    private static volatile TwilioSpecs loaded;
    /** Why the install failed, kept so that the next request fails at once instead of fetching again. */
    private static AssertionError failed;

    private final Pin pin;
    private final Map<String, JsonNode> specs;

    private TwilioSpecs(Pin pin, Map<String, JsonNode> specs) {
        this.pin = pin;
        this.specs = specs;
    }

    /** The pinned package, read from the committed properties file. */
    public record Pin(String packageName, String version, String integrity, List<String> files) {
        String coordinates() { return packageName + "@" + version; }
    }

    /** The specs of this build, installed on first use. */
    public static TwilioSpecs get() {
        TwilioSpecs specs = loaded;
        if (specs == null) {
            synchronized (TwilioSpecs.class) {
                if (failed != null) throw new AssertionError(failed.getMessage(), failed);
                try {
                    if (loaded == null) loaded = load(projectDir());
                } catch (AssertionError e) {
                    failed = e;
                    throw e;
                }
                specs = loaded;
            }
        }
        return specs;
    }

    public Pin pin() { return pin; }

    /** Each spec by file name ({@code twilio_api_v2010.json} …), in the pin's order. */
    public Map<String, JsonNode> specs() { return specs; }

    static Path projectDir() { return Path.of(System.getProperty("user.dir")); }

    static Pin readPin(Path project) {
        Path file = project.resolve("compat/twilio-specs/twilio-specs.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read the spec pin " + file + ": " + e.getMessage(), e);
        }
        return new Pin(p.getProperty("package"), p.getProperty("version"), p.getProperty("integrity"),
                List.of(p.getProperty("specs").split("\\s*,\\s*")));
    }

    private static TwilioSpecs load(Path project) {
        Pin pin = readPin(project);
        String override = System.getProperty(OVERRIDE_PROPERTY);
        Path dir = override != null && !override.isBlank() ? Path.of(override)
                : project.resolve("target/twilio-specs").resolve(pin.packageName().replace('/', '+') + "-" + pin.version());
        if (override == null && !installed(pin, dir)) {
            deleteRecursively(dir); // a half-finished or differently pinned install
            install(pin, dir);
        }
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        for (String name : pin.files()) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("Twilio's OpenAPI spec " + file + " is missing" + (override != null
                        ? " (from -D" + OVERRIDE_PROPERTY + ")" : "; delete " + dir + " to fetch " + pin.coordinates() + " again"));
            }
            specs.put(name, json.readTree(file.toFile()));
        }
        return new TwilioSpecs(pin, java.util.Collections.unmodifiableMap(specs));
    }

    private static boolean installed(Pin pin, Path dir) {
        try {
            return Files.readString(dir.resolve(".complete")).equals(marker(pin));
        } catch (IOException e) {
            return false;
        }
    }

    /** What an install holds: a change of the pin, or of the files it lists, installs again. */
    private static String marker(Pin pin) { return pin.coordinates() + " " + pin.integrity() + " " + String.join(",", pin.files()) + "\n"; }

    /** npm pack, integrity check, unpack the spec files, then one atomic rename into place. */
    private static void install(Pin pin, Path dir) {
        String npm = WINDOWS ? "npm.cmd" : "npm";
        if (!onPath(npm)) {
            throw new AssertionError("Twilio's OpenAPI specs are not installed in " + dir + ", and `npm` is not on PATH to fetch them.\n"
                    + "The integration tests check every response against them. Install Node.js and npm, or unpack "
                    + pin.coordinates() + "'s " + SPEC_DIR_IN_PACKAGE + " files into a directory and pass -D" + OVERRIDE_PROPERTY + "=DIR.");
        }
        Path work = null;
        try {
            Files.createDirectories(dir.getParent());
            work = Files.createTempDirectory(dir.getParent(), ".install-");
            Path tarball = pack(npm, pin, work);
            String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
            if (!actual.equals(pin.integrity())) {
                throw new AssertionError("npm pack " + pin.coordinates() + " gave a tarball whose integrity is " + actual
                        + ", not the pinned " + pin.integrity() + " (compat/twilio-specs/twilio-specs.properties)");
            }
            Path unpacked = Files.createDirectory(work.resolve("specs"));
            unpack(tarball, pin.files(), unpacked);
            Files.writeString(unpacked.resolve(".complete"), marker(pin));
            try {
                Files.move(unpacked, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                if (!installed(pin, dir)) throw raced; // otherwise another JVM finished first
            }
        } catch (IOException e) {
            throw new AssertionError("installing Twilio's OpenAPI specs from " + pin.coordinates() + " failed: " + e, e);
        } finally {
            if (work != null) deleteRecursively(work);
        }
    }

    private static Path pack(String npm, Pin pin, Path work) throws IOException {
        List<String> command = List.of(npm, "pack", pin.coordinates(), "--pack-destination", work.toString(),
                "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) output.append(line).append('\n');
        }
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while fetching " + pin.coordinates(), e);
        }
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + output);
        try (Stream<Path> files = Files.list(work)) {
            List<Path> tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) throw new AssertionError("npm pack " + pin.coordinates() + " left " + tarballs + " in " + work + ":\n" + output);
            return tarballs.get(0);
        }
    }

    private static void unpack(Path tarball, List<String> wanted, Path into) throws IOException {
        List<String> missing = new ArrayList<>(wanted);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (!e.isFile() || !e.getName().startsWith(SPEC_DIR_IN_PACKAGE)) continue;
                String name = e.getName().substring(SPEC_DIR_IN_PACKAGE.length());
                if (!missing.remove(name)) continue;
                Files.copy(tar, into.resolve(name));
            }
        }
        if (!missing.isEmpty()) throw new AssertionError(tarball.getFileName() + " has no " + SPEC_DIR_IN_PACKAGE + missing);
    }

    private static byte[] sha512(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, executable))) return true;
        }
        return false;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: best effort
        }
    }
}
