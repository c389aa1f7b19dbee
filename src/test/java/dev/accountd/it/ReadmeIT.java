package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.Accountd;
import dev.accountd.config.Config;
import dev.accountd.service.MutableClock;
import dev.accountd.support.SpecCheckedHttpClient;
import dev.accountd.support.ExternalProcess;
import dev.accountd.support.JavaSnippet;
import dev.accountd.support.MarkdownCodeBlocks;
import dev.accountd.support.MarkdownCodeBlocks.Block;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fenced code block of README.md and of docs/*.md, run as a user would run it (jdbi compiles its documentation's examples
 * the same way). Each block either runs here or carries {@code <!-- not run: reason -->} on the line before it;
 * untagged, {@code text} and {@code json} blocks are output samples ({@link MarkdownCodeBlocks}).
 *
 * <p>The server is started as the quick start starts it: on an empty store, with no seeded credentials, so it
 * writes {@code data/main-account.json}; the snippets get that account's SID and token. {@code 127.0.0.1:8080}
 * in a snippet is replaced by the server's address.
 * <ul>
 *   <li>{@code java}: leading imports and a body, compiled into a generated class ({@link JavaSnippet}) whose
 *       {@code main} defines {@code accountSid} and {@code authToken}, and run in this JVM.</li>
 *   <li>{@code js}: written to the file its first line names (a comment such as {@code // example.mjs}), with
 *       {@code accountSid} and {@code authToken} defined after its leading comment, and run with {@code node}
 *       beside compat/node's locked twilio-node.</li>
 *   <li>{@code python}: run with the first {@code python3} on the PATH that can {@code import twilio}, after
 *       {@code account_sid} and {@code auth_token} are defined. Skipped without one, unless
 *       {@code ACCOUNTD_REQUIRE_PYTHON=true} (as {@code .ci/run} sets), which makes it a failure.</li>
 *   <li>{@code sh}: run with {@code bash -euo pipefail} in a directory whose {@code data} is the server's data
 *       directory, with {@code SID} and {@code TOKEN} defined.</li>
 * </ul>
 * After a block has run, the check registered for its section and language asserts what the block says it does,
 * through twilio-java; a block without one must at least exit with 0.
 */
class ReadmeIT {
    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final String README_ADDRESS = "127.0.0.1:8080";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a block must have done, by "section / language". */
    private interface Check { void verify(Set<String> accountsBefore, ExternalProcess.Result run) throws Exception; }

    private static final Map<String, Check> CHECKS = Map.of(
            "Quick start / sh", (before, run) -> quickStartListsTheMainAccount(run),
            "Pointing the official clients at accountd / java",
            (before, run) -> createdOneSubaccount(before, "customer-42", Account.Status.SUSPENDED),
            "Pointing the official clients at accountd / js",
            (before, run) -> createdOneSubaccount(before, "customer-42", Account.Status.ACTIVE),
            "Pointing the official clients at accountd / python",
            (before, run) -> createdOneSubaccount(before, "customer-42", Account.Status.ACTIVE),
            "Billing / sh", (before, run) -> rechargedOnce(run));

    static TestStore store;
    static Accountd app;
    static Path workDir;
    static Path snippets;
    static String sid;
    static String token;
    static TwilioRestClient sdk;

    @BeforeAll
    static void startAsTheQuickStartDoes() throws IOException {
        store = TestStore.fresh();
        Config config = Config.load(new Config.Flags(0, store.dataDir(), store.dbUrl().orElse(null)), Map.of());
        app = Accountd.serve(config, MutableClock.system());
        workDir = Files.createTempDirectory("accountd-readme");
        Files.createSymbolicLink(workDir.resolve("data"), store.dataDir());
        JsonNode credentials = JSON.readTree(workDir.resolve("data").resolve(Accountd.MAIN_ACCOUNT_FILE).toFile());
        sid = credentials.get("account_sid").asText();
        token = credentials.get("auth_token").asText();
        sdk = TestServer.client(sid, token, new SpecCheckedHttpClient(baseUrl()));
        snippets = Files.createDirectories(Path.of("target", "readme-snippets", TestStore.postgres() ? "postgresql" : "sqlite").toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (workDir != null) TestServer.deleteRecursively(workDir);
        if (store != null) store.close();
    }

    static String baseUrl() { return "http://127.0.0.1:" + app.port(); }

    @TestFactory
    List<DynamicTest> everyCodeBlock_runsOrSaysWhyItDoesNot() throws IOException {
        assertFalse(MarkdownCodeBlocks.parse(Files.readString(README)).isEmpty(), "README.md has code blocks");
        List<Path> files = new ArrayList<>(List.of(README));
        try (var docs = Files.list(DOCS)) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> runnable = new HashSet<>();
        for (Path file : files) for (Block block : MarkdownCodeBlocks.parse(Files.readString(file))) {
            String name = block.describe(file.toString());
            if (block.notRun().isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": not run", () -> Assumptions.abort("not run: " + block.notRun().get())));
            } else if (block.isOutputSample()) {
                tests.add(DynamicTest.dynamicTest(name + ": output sample", () -> assertNoCommand(block)));
            } else {
                runnable.add(key(block));
                tests.add(DynamicTest.dynamicTest(name + ": runs", () -> {
                    try {
                        runAndCheck(block, file);
                    } catch (AssertionError e) {
                        throw new AssertionError(name + ": " + e.getMessage(), e);
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("every check names a block that runs", () -> {
            Set<String> orphans = new HashSet<>(CHECKS.keySet());
            orphans.removeAll(runnable);
            assertEquals(Set.of(), orphans, "checks whose README block is gone, moved or marked not run: " + runnable);
        }));
        return tests;
    }

    private static String key(Block block) { return block.section() + " / " + block.language(); }

    private static void assertNoCommand(Block block) {
        for (String line : block.code().split("\n")) {
            assertFalse(line.startsWith("$ "), block.describe("")
                    + ": an untagged or text block shows output, but this one has a command (`" + line
                    + "`); put commands in an sh block, which runs, or mark it <!-- not run: reason -->");
        }
    }

    private static void runAndCheck(Block block, Path file) throws Exception {
        Set<String> before = accountSids();
        Path dir = Files.createDirectories(snippets.resolve(file.getFileName() + "-L" + block.line() + "-" + block.language()));
        String code = block.code().replace(README_ADDRESS, "127.0.0.1:" + app.port());
        ExternalProcess.Result run = switch (block.language()) {
            case "java" -> {
                JavaSnippet.compileAndRun(code, dir, sid, token);
                yield new ExternalProcess.Result(0, "", "");
            }
            case "js", "javascript" -> runNode(code, dir);
            case "python", "py" -> runPython(code, dir);
            case "sh", "bash", "shell" -> runShell(code, dir);
            default -> throw new AssertionError("no runner for `" + block.language()
                    + "` blocks; mark it <!-- not run: reason --> or add a runner to ReadmeIT");
        };
        assertEquals(0, run.exitCode(), "the block failed:\n" + ExternalProcess.tail(run.output()));
        Check check = CHECKS.get(key(block));
        if (check != null) check.verify(before, run);
        else System.out.println("[ReadmeIT] " + block.describe(file.toString()) + " ran; no check is registered beyond its exit code");
    }

    private static ExternalProcess.Result runNode(String code, Path dir) throws IOException {
        ExternalProcess.requireOrSkip(!ExternalProcess.onPath("node").isEmpty(), "ACCOUNTD_REQUIRE_NODE",
                "README twilio-node block: `node` is not on PATH");
        Matcher named = Pattern.compile("\\A//\\s*(\\S+\\.(?:mjs|cjs|js))\\b").matcher(code);
        if (!named.find()) fail("a js block's first line is a comment naming the file it runs as (// example.mjs)");
        Path nodeModules = ExternalProcess.nodeProject().resolve("node_modules").toAbsolutePath();
        if (!Files.exists(dir.resolve("node_modules"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(dir.resolve("node_modules"), nodeModules);
        }
        Path file = dir.resolve(named.group(1));
        String prelude = "const accountSid = " + JSON.writeValueAsString(sid) + ";\n"
                + "const authToken = " + JSON.writeValueAsString(token) + ";\n";
        Files.writeString(file, afterLeadingComments(code, "//", prelude));
        return ExternalProcess.run(List.of("node", file.getFileName().toString()), dir, Map.of(), TIMEOUT);
    }

    private static ExternalProcess.Result runPython(String code, Path dir) throws IOException {
        Optional<Path> python = PythonWithTwilio.find();
        ExternalProcess.requireOrSkip(python.isPresent(), "ACCOUNTD_REQUIRE_PYTHON",
                "README twilio-python block: no python3 on PATH can `import twilio` (apt-get install python3-twilio)");
        Path file = dir.resolve("snippet.py");
        String prelude = "account_sid = " + JSON.writeValueAsString(sid) + "\n"
                + "auth_token = " + JSON.writeValueAsString(token) + "\n";
        Files.writeString(file, prelude + code);
        return ExternalProcess.run(List.of(python.get().toString(), file.toAbsolutePath().toString()), dir, Map.of(), TIMEOUT);
    }

    private static ExternalProcess.Result runShell(String code, Path dir) throws IOException {
        Path file = dir.resolve("snippet.sh");
        String prelude = "set -euo pipefail\nSID='" + sid + "'\nTOKEN='" + token + "'\n";
        Files.writeString(file, prelude + code);
        return ExternalProcess.run(List.of("bash", file.toAbsolutePath().toString()), workDir, Map.of(), TIMEOUT);
    }

    /** {@code code} with {@code insert} after its first lines that start with {@code comment}. */
    private static String afterLeadingComments(String code, String comment, String insert) {
        String[] lines = code.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].startsWith(comment)) i++;
        return String.join("\n", List.of(lines).subList(0, i)) + "\n" + insert + String.join("\n", List.of(lines).subList(i, lines.length));
    }

    // ---- checks: what each block says it does ----

    private static void quickStartListsTheMainAccount(ExternalProcess.Result run) throws IOException {
        String file = Files.readString(workDir.resolve("data").resolve(Accountd.MAIN_ACCOUNT_FILE));
        assertTrue(run.stdout().startsWith(file), "`cat data/main-account.json` prints the file:\n" + run.stdout());
        JsonNode page = JSON.readTree(run.stdout().substring(file.length()));
        assertTrue(page.has("accounts"), "curl prints a page of accounts: " + page);
        List<String> listed = new ArrayList<>();
        page.get("accounts").forEach(a -> listed.add(a.get("sid").asText()));
        assertTrue(listed.contains(sid), "curl lists the main account: " + page);
        assertEquals("/2010-04-01/Accounts.json?PageSize=50&Page=0", page.get("first_page_uri").asText());
    }

    /** The block prints the balance, the same recharge twice and a ledger in which it is once. */
    private static void rechargedOnce(ExternalProcess.Result run) throws IOException {
        List<JsonNode> printed = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout())) {
            values.forEachRemaining(printed::add);
        }
        assertEquals(4, printed.size(), run.stdout());
        assertEquals(sid, printed.get(0).get("account_sid").asText(), "Balance.json: " + printed.get(0));
        assertEquals(printed.get(1), printed.get(2), "the same reference answers the first recharge");
        assertEquals(new java.math.BigDecimal(printed.get(0).get("balance").asText()).add(new java.math.BigDecimal("10.00")),
                new java.math.BigDecimal(printed.get(2).get("balance").asText()), "paid once");
        List<String> references = new ArrayList<>();
        printed.get(3).get("entries").forEach(e -> references.add(e.get("reference").asText()));
        assertEquals(1, references.stream().filter("invoice-42"::equals).count(), "once in the ledger: " + printed.get(3));
    }

    private static void createdOneSubaccount(Set<String> before, String friendlyName, Account.Status status) {
        List<Account> created = new ArrayList<>();
        Account.reader().read(sdk).forEach(a -> { if (!before.contains(a.getSid())) created.add(a); });
        assertEquals(1, created.size(), "the block creates one subaccount: " + created);
        Account sub = Account.fetcher(created.get(0).getSid()).fetch(sdk);
        assertEquals(friendlyName, sub.getFriendlyName());
        assertEquals(sid, sub.getOwnerAccountSid(), "a subaccount of the main account whose credentials it used");
        assertEquals(status, sub.getStatus());
    }

    private static Set<String> accountSids() {
        Set<String> sids = new HashSet<>();
        Account.reader().read(sdk).forEach(a -> sids.add(a.getSid()));
        return sids;
    }

    /** The first python3 on the PATH that can import twilio (pyenv's shim may come before Debian's). */
    private static final class PythonWithTwilio {
        private static Optional<Path> found;

        static synchronized Optional<Path> find() {
            if (found == null) {
                found = ExternalProcess.onPath("python3").stream().filter(p -> {
                    ExternalProcess.Result r = ExternalProcess.run(List.of(p.toString(), "-c",
                            "import twilio, sys; print('twilio-python', twilio.__version__, 'on Python', sys.version.split()[0])"),
                            Path.of("."), Map.of(), TIMEOUT);
                    return r.exitCode() == 0;
                }).findFirst();
            }
            return found;
        }
    }
}
