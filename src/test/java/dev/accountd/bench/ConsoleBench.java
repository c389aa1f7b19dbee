package dev.accountd.bench;

import dev.accountd.store.jdbc.Database;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages for a main account with a family of 1,000 subaccounts and with one of 1,000,000, each with the
 * same synthetic charges spread over its subaccounts this month: the Accounts page (first page, and a page deep in the
 * list), Billing (balance, daily chart, top subaccounts), Usage, and Dormant. Medians side by side in one run; never
 * asserted. Signs in through the sign-in form like a browser (its cookie, its form token).
 *
 * <p>Arguments: [SMALL_FAMILY] [LARGE_FAMILY] [CHARGES] [REQUESTS]; defaults 1000 1000000 1000000 60.
 */
public final class ConsoleBench {
    private static final Pattern HIDDEN = Pattern.compile("name=\"signin_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int charges = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        String store = TestStore.postgres() ? "PostgreSQL" : "SQLite";
        System.out.printf("== console pages, %s, %d cores; %,d charges in each family%n", store, Runtime.getRuntime().availableProcessors(), charges);
        Map<String, Double> a = family(small, charges, requests);
        Map<String, Double> b = family(large, charges, requests);
        for (String page : a.keySet()) {
            System.out.printf("%-44s median %7.2f ms with %,d subaccounts, %7.2f ms with %,d: ratio %.2f%n", page, a.get(page), small, b.get(page),
                    large, b.get(page) / a.get(page));
        }
    }

    static Map<String, Double> family(int subaccounts, int charges, int requests) throws Exception {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_INITIAL_BALANCE", "100000000.00"))) {
            long deep;
            try (Database db = server.store().open()) {
                db.writer().useHandle(h -> h.createUpdate("UPDATE main_accounts SET subaccount_limit = 100000000").execute());
            }
            long t0 = System.nanoTime();
            server.app().accounts().bulkCreateSubaccounts(TestServer.MAIN_SID, subaccounts, "bench", 5000, n -> { });
            server.app().billing().bulkUsage(TestServer.MAIN_SID, charges, "sms-outbound-longcode", "0.0083", subaccounts, 5000, n -> { });
            System.out.printf("%,d subaccounts and %,d charges in %.1f s%n", subaccounts, charges, (System.nanoTime() - t0) / 1e9);
            try (Database db = server.store().open()) {
                // the position of a page nine tenths into the list: what "Next" links carry after many clicks
                deep = db.reader().withHandle(h -> h.createQuery("SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET :n")
                        .bind("n", subaccounts * 9 / 10).mapTo(Long.class).one());
            }
            String base = server.baseUrl();
            String cookie = signIn(base);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("Accounts, first page", "/console/accounts");
            pages.put("Accounts, a page 9/10 into the list", "/console/accounts?after=" + deep);
            pages.put("Accounts, filtered by exact name", "/console/accounts?FriendlyName=bench+" + (subaccounts / 2));
            pages.put("Billing (balance, chart, top subaccounts)", "/console/billing");
            pages.put("Usage (this month, triggers, limit)", "/console/usage");
            pages.put("Dormant, first page", "/console/dormant?InactiveDays=1");
            Map<String, Double> medians = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : pages.entrySet()) {
                for (int i = 0; i < Math.max(3, requests / 5); i++) get(base, p.getValue(), cookie); // warm-up
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    get(base, p.getValue(), cookie);
                    nanos.add(System.nanoTime() - s);
                }
                long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
                medians.put(p.getKey(), sorted[sorted.length / 2] / 1e6);
                System.out.printf("   %-44s median %7.2f ms, p95 %7.2f ms%n", p.getKey(), sorted[sorted.length / 2] / 1e6,
                        sorted[(int) (sorted.length * 0.95)] / 1e6);
            }
            return medians;
        }
    }

    private static String signIn(String base) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/signin")).build(), HttpResponse.BodyHandlers.ofString());
        String signInCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher m = HIDDEN.matcher(form.body());
        if (!m.find()) throw new IllegalStateException("no sign-in token in the form");
        String body = "signin_csrf=" + m.group(1) + "&Username=" + TestServer.MAIN_SID + "&Password="
                + URLEncoder.encode(TestServer.MAIN_TOKEN, StandardCharsets.UTF_8);
        HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/signin")).header("Cookie", signInCookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return signed.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("accountd_console=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in refused: " + signed.statusCode())).split(";")[0];
    }

    private static void get(String base, String path, String cookie) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
}
