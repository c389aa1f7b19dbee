package dev.accountd.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accountd.support.spec.SpecCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durability harness: runs the packaged server as a process, drives a storm of writes (subaccount creates
 * and token rotations), kills the server with SIGKILL in the middle of it, restarts it on the same store and
 * checks that every write that was answered 2xx is there.
 *
 * <p>A rotation that was sent but not answered when the server died may or may not have committed, so for each
 * account the harness accepts the last acknowledged token or the one in flight.
 */
public final class KillNineHarness {
    /** The outcome of one kill cycle. */
    public record Result(int acknowledgedCreates, int acknowledgedRotations, int found, int lost, List<String> lostDetails) {
        public int acknowledged() { return acknowledgedCreates + acknowledgedRotations; }
    }

    /**
     * What the client knows of an account's token: every token it was acknowledged, in order, and whether a
     * rotation was in flight (sent, not answered) when the server died.
     */
    private record Tokens(List<String> acknowledged, boolean rotationInFlight) {
        static Tokens created(String token) { return new Tokens(List.of(token), false); }

        Tokens rotating() { return new Tokens(acknowledged, true); }

        Tokens rotated(String token) {
            List<String> all = new ArrayList<>(acknowledged);
            all.add(token);
            return new Tokens(List.copyOf(all), false);
        }

        /** The stored token is the last acknowledged one, or (if a rotation was in flight) one never seen before. */
        boolean accepts(String stored) {
            String last = acknowledged.get(acknowledged.size() - 1);
            return stored.equals(last) || (rotationInFlight && !acknowledged.contains(stored));
        }
    }

    private final TestStore store;
    private final Path jar;

    public KillNineHarness(TestStore store, Path jar) {
        this.store = store;
        this.jar = jar;
    }

    public Result run(Duration storm, int clients) throws Exception {
        // Every answer is checked against the specs: load them now, not on the storm's clock (a cold load takes ~1 s).
        SpecCheck.get();
        Process server = start();
        Map<String, Tokens> accounts = new ConcurrentHashMap<>();
        int[] rotations = new int[1];
        RawHttp http;
        try {
            http = new RawHttp("http://127.0.0.1:" + awaitPort(server));
            String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> storm(http, main, accounts, rotations, stop), "storm-" + c);
                t.start();
                threads.add(t);
            }
            // The storm's clock starts at its first acknowledged write: on a loaded machine the first answers can take
            // longer than a short storm lasts, and a kill before any write proves nothing.
            long firstWriteDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (accounts.isEmpty() && System.nanoTime() < firstWriteDeadline) Thread.sleep(10);
            Thread.sleep(storm.toMillis() / 2 + ThreadLocalRandom.current().nextLong(storm.toMillis() / 2 + 1));
            server.destroyForcibly(); // SIGKILL, in the middle of the storm
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : threads) t.join(10_000);
        } finally {
            server.destroyForcibly();
        }

        Process restarted = start();
        try {
            RawHttp after = new RawHttp("http://127.0.0.1:" + awaitPort(restarted));
            String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
            int found = 0;
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Tokens> e : accounts.entrySet()) {
                RawHttp.Reply r = after.get("/2010-04-01/Accounts/" + e.getKey() + ".json", main);
                String token = r.status() == 200 ? r.json().get("auth_token").asText() : null;
                Tokens t = e.getValue();
                if (token != null && t.accepts(token)) {
                    found++;
                } else {
                    lost.add(e.getKey() + " (HTTP " + r.status() + ")");
                }
            }
            synchronized (rotations) {
                return new Result(accounts.size(), rotations[0], found, lost.size(), lost);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Creates subaccounts and rotates the tokens of created ones until stopped or the server is gone. */
    private static void storm(RawHttp http, String main, Map<String, Tokens> accounts, int[] rotations, AtomicBoolean stop) {
        List<String> mine = new ArrayList<>();
        while (!stop.get()) {
            try {
                if (mine.isEmpty() || ThreadLocalRandom.current().nextInt(3) > 0) {
                    RawHttp.Reply r = http.post("/2010-04-01/Accounts.json", main, "FriendlyName=durability");
                    if (r.status() == 201) {
                        JsonNode a = r.json();
                        accounts.put(a.get("sid").asText(), Tokens.created(a.get("auth_token").asText()));
                        mine.add(a.get("sid").asText());
                    }
                } else {
                    String sid = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    // Only this thread rotates this account, so at most one rotation of it is in flight.
                    RawHttp.Reply r;
                    accounts.computeIfPresent(sid, (k, t) -> t.rotating());
                    r = http.post("/_accountd/v1/AuthTokens/RotateSubaccounts", main, "AccountSid=" + sid);
                    if (r.status() == 200) {
                        String token = r.json().get("rotated").get(0).get("auth_token").asText();
                        accounts.computeIfPresent(sid, (k, t) -> t.rotated(token));
                        synchronized (rotations) { rotations[0]++; }
                    }
                }
            } catch (RuntimeException serverGone) {
                return;
            }
        }
    }

    private Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar.toString(), "serve", "--port", "0"));
        command.addAll(store.cliArgs());
        Path log = Files.createTempFile("accountd-durability", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ACCOUNTD_MAIN_ACCOUNT_SID", TestServer.MAIN_SID);
        pb.environment().put("ACCOUNTD_MAIN_AUTH_TOKEN", TestServer.MAIN_TOKEN);
        Process p = pb.start();
        logs.put(p, log);
        return p;
    }

    private final Map<Process, Path> logs = new ConcurrentHashMap<>();

    private int awaitPort(Process p) throws Exception {
        Pattern listening = Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path log = logs.get(p);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new IllegalStateException("the server exited:\n" + Files.readString(log));
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not start within 60 s:\n" + Files.readString(log));
    }
}
