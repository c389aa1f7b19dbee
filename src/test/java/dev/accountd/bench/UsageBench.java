package dev.accountd.bench;

import dev.accountd.store.jdbc.Database;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Usage Records cost what the counters cost, not what the history holds: ThisMonth for a main account with its
 * whole family (IncludeSubaccounts=true), timed on a family of 1,000 subaccounts and on one of 1,000,000, each with
 * the same synthetic charges spread over its subaccounts and this month's days (BillingService.bulkUsage, the CLI's
 * {@code accounts bulk-usage}). Figures side by side, in one run; never asserted.
 *
 * <p>Arguments: [SMALL_FAMILY] [LARGE_FAMILY] [CHARGES] [REQUESTS]; defaults 1000 1000000 1000000 300.
 */
public final class UsageBench {
    static final String AUTH = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int charges = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        String store = TestStore.postgres() ? "PostgreSQL" : "SQLite";
        System.out.printf("== %s, %d cores; %,d charges in each family%n", store, Runtime.getRuntime().availableProcessors(), charges);
        double[] a = family(small, charges, requests);
        double[] b = family(large, charges, requests);
        System.out.printf("ThisMonth, family, every category: median %.2f ms with %,d subaccounts, %.2f ms with %,d: ratio %.2f%n",
                a[0], small, b[0], large, b[0] / a[0]);
        System.out.printf("ThisMonth, family, totalprice only: median %.2f ms with %,d subaccounts, %.2f ms with %,d: ratio %.2f%n",
                a[1], small, b[1], large, b[1] / a[1]);
        System.out.printf("Daily, family, sms-outbound-longcode, this month: median %.2f ms with %,d subaccounts, %.2f ms with %,d: ratio %.2f"
                + " (flat is the target)%n", a[2], small, b[2], large, b[2] / a[2]);
    }

    /** Medians in ms of: ThisMonth (all categories), ThisMonth totalprice, Daily of one leaf. */
    static double[] family(int subaccounts, int charges, int requests) throws Exception {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_INITIAL_BALANCE", "100000000.00"))) {
            try (Database db = server.store().open()) {
                db.writer().useHandle(h -> h.createUpdate("UPDATE main_accounts SET subaccount_limit = 100000000").execute());
            }
            long t0 = System.nanoTime();
            server.app().accounts().bulkCreateSubaccounts(TestServer.MAIN_SID, subaccounts, "bench", 5000, n -> { });
            long t1 = System.nanoTime();
            server.app().billing().bulkUsage(TestServer.MAIN_SID, charges, "sms-outbound-longcode", "0.0083", subaccounts, 5000, n -> { });
            long t2 = System.nanoTime();
            System.out.printf("%,d subaccounts created in %.1f s; %,d charges posted in %.1f s (%,.0f/s)%n", subaccounts, (t1 - t0) / 1e9,
                    charges, (t2 - t1) / 1e9, charges / ((t2 - t1) / 1e9));
            RawHttp http = server.raw();
            String base = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Usage/Records";
            RawHttp.Reply check = http.get(base + "/ThisMonth.json?Category=sms-outbound-longcode", AUTH);
            System.out.println("   " + check.json().get("usage_records").get(0).get("count").asText() + " messages this month, "
                    + check.json().get("usage_records").get(0).get("price").asText() + " usd");
            double[] medians = new double[3];
            String[] paths = {base + "/ThisMonth.json?PageSize=1000", base + "/ThisMonth.json?Category=totalprice",
                    base + "/Daily.json?Category=sms-outbound-longcode&StartDate=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1)};
            for (int p = 0; p < paths.length; p++) {
                for (int i = 0; i < requests / 3; i++) get(http, paths[p]); // warm-up
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    get(http, paths[p]);
                    nanos.add(System.nanoTime() - s);
                }
                long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
                medians[p] = sorted[sorted.length / 2] / 1e6;
                System.out.printf("   %-70s median %.2f ms, p95 %.2f ms%n", paths[p].substring(paths[p].indexOf("/Usage")), medians[p],
                        sorted[(int) (sorted.length * 0.95)] / 1e6);
            }
            return medians;
        }
    }

    private static void get(RawHttp http, String path) {
        RawHttp.Reply r = http.get(path, AUTH);
        if (r.status() != 200) throw new IllegalStateException(r.status() + " " + r.body());
    }

    private UsageBench() {}
}
