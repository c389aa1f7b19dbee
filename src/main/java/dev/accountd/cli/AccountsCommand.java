package dev.accountd.cli;

import dev.accountd.Accountd;
import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.json.Json;
import dev.accountd.json.LedgerViews;
import dev.accountd.service.MutableClock;
import dev.accountd.json.BulkViews;
import dev.accountd.service.SubaccountControlService;
import dev.accountd.service.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Operator actions on main accounts, which Twilio's API does not offer: creating them, suspending and
 * reactivating them (their subaccounts follow), and their settings. Each prints JSON on stdout.
 * A running server notices these changes within 100 ms.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Operator actions on main accounts.",
        subcommands = {AccountsCommand.CreateMain.class, AccountsCommand.SuspendMain.class,
                AccountsCommand.ReactivateMain.class, AccountsCommand.Settings.class, AccountsCommand.BulkCreate.class,
                AccountsCommand.Recharge.class, AccountsCommand.Ledger.class, AccountsCommand.BulkChange.class,
                AccountsCommand.BulkUsage.class})
public final class AccountsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create-main", mixinStandardHelpOptions = true, description = "Create a main account; prints its credentials.")
    static final class CreateMain implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Option(names = "--friendly-name", description = "Name of the main account (at most 64 characters)")
        String friendlyName;

        @Option(names = "--subaccount-limit", description = "How many live subaccounts it may own (default 1000)")
        Integer limit;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    Account main = app.accounts().createMain(Optional.ofNullable(friendlyName), Optional.empty(), Optional.empty(),
                            limit == null ? MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT : limit);
                    System.out.print(Accountd.credentialsJson(main));
                }
                return 0;
            });
        }
    }

    @Command(name = "suspend-main", mixinStandardHelpOptions = true,
            description = "Suspend a main account: its credentials and all its subaccounts' stop working until reactivated.")
    static final class SuspendMain implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT_SID") String sid;

        @Override
        public Integer call() { return setStatus(store, sid, AccountStatus.SUSPENDED); }
    }

    @Command(name = "reactivate-main", mixinStandardHelpOptions = true,
            description = "Reactivate a suspended main account; its subaccounts return to their own status.")
    static final class ReactivateMain implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT_SID") String sid;

        @Override
        public Integer call() { return setStatus(store, sid, AccountStatus.ACTIVE); }
    }

    private static int setStatus(StoreOptions store, String sid, AccountStatus status) {
        return Commands.run(() -> {
            try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                Account main = app.accounts().setMainStatus(sid, status);
                print(Map.of("account_sid", main.sid(), "status", main.status().wire()));
            }
            return 0;
        });
    }

    @Command(name = "settings", mixinStandardHelpOptions = true, description = "Show or change a main account's settings.")
    static final class Settings implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT_SID") String sid;

        @Option(names = "--subaccount-limit", description = "How many live (active or suspended) subaccounts it may own")
        Integer limit;

        @Option(names = "--auto-delete-closed", arity = "1", description = "Delete closed subaccounts 30 days after closure (true|false)")
        Boolean autoDeleteClosed;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    MainAccountSettings s = app.accounts().updateSettings(sid, Optional.ofNullable(limit), Optional.ofNullable(autoDeleteClosed));
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("account_sid", s.mainSid());
                    v.put("subaccount_limit", s.subaccountLimit());
                    v.put("live_subaccounts", s.liveSubaccounts());
                    v.put("auto_delete_closed", s.autoDeleteClosed());
                    print(v);
                }
                return 0;
            });
        }
    }

    @Command(name = "bulk-create", mixinStandardHelpOptions = true,
            description = "Create N subaccounts under a main account quickly, in batches (for load tests and benchmarks).")
    static final class BulkCreate implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Option(names = "--main", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--count", required = true, description = "How many subaccounts to create")
        int count;

        @Option(names = "--prefix", defaultValue = "bulk", description = "FriendlyName prefix (default: bulk): bulk-1, bulk-2, …")
        String prefix;

        @Option(names = "--batch", defaultValue = "1000", description = "Subaccounts per transaction (default: 1000)")
        int batch;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    long start = System.nanoTime();
                    int created = app.accounts().bulkCreateSubaccounts(mainSid, count, prefix, batch, done -> {
                        if (done % 100_000 == 0) System.err.println("accountd: " + done + " subaccounts created");
                    });
                    print(rate(mainSid, "created", created, start));
                }
                return 0;
            });
        }
    }

    /** What a bulk command did and how fast: {@code {"account_sid", <what>: n, "seconds", "per_second"}}. */
    private static Map<String, Object> rate(String mainSid, String what, int n, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("account_sid", mainSid);
        v.put(what, n);
        v.put("seconds", Math.round(seconds * 10) / 10.0);
        v.put("per_second", seconds > 0 ? Math.round(n / seconds) : n);
        return v;
    }

    @Command(name = "bulk-usage", mixinStandardHelpOptions = true,
            description = "Charge N synthetic usage records (ledger entries and usage counters, as real traffic writes them) to a family's"
                    + " subaccounts, spread over this month's days: usage for benchmarks and demos.")
    static final class BulkUsage implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Option(names = "--main", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--charges", required = true, description = "How many charges to post")
        int charges;

        @Option(names = "--category", defaultValue = "sms-outbound-longcode", description = "A usage leaf category (default: sms-outbound-longcode)")
        String category;

        @Option(names = "--price", defaultValue = "0.0083", description = "What each charge costs (default: 0.0083)")
        String price;

        @Option(names = "--accounts", defaultValue = "1000000", description = "Spread over this many of the family's subaccounts (default: all, up to 1,000,000)")
        int accounts;

        @Option(names = "--batch", defaultValue = "1000", description = "Charges per transaction (default: 1000)")
        int batch;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    long start = System.nanoTime();
                    int posted = app.billing().bulkUsage(mainSid, charges, category, price, accounts, batch, done -> {
                        if (done % 100_000 == 0) System.err.println("accountd: " + done + " charges posted");
                    });
                    print(rate(mainSid, "charges", posted, start));
                }
                return 0;
            });
        }
    }

    @Command(name = "bulk-change", mixinStandardHelpOptions = true,
            description = "Suspend, reactivate or close many subaccounts of a main account (listed, or dormant for N days), each as a"
                    + " single update would; prints every target's outcome.")
    static final class BulkChange implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Option(names = "--main", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--action", required = true, description = "suspend, reactivate or close")
        String action;

        @Option(names = "--sid", paramLabel = "ACCOUNT_SID", description = "A subaccount to change (repeat the option for more)")
        List<String> sids = new ArrayList<>();

        @Option(names = "--dormant-days", description = "Instead of --sid: every active subaccount with no call and no message for N days")
        Integer dormantDays;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                SubaccountControlService.BulkAction bulk = java.util.Arrays.stream(SubaccountControlService.BulkAction.values())
                        .filter(a -> a.name().equalsIgnoreCase(action)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--action must be suspend, reactivate or close"));
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    print(BulkViews.view(app.subaccountControls().bulk(Caller.withAuthToken(mainSid, mainSid), mainSid, bulk, sids,
                            Optional.ofNullable(dormantDays).map(String::valueOf))));
                }
                return 0;
            });
        }
    }

    @Command(name = "recharge", mixinStandardHelpOptions = true,
            description = "Pay an amount into a main account's balance (shared by its subaccounts); prints the recharge.")
    static final class Recharge implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Option(names = "--account", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--amount", required = true, description = "A positive amount with at most two decimals, such as 10.00")
        String amount;

        @Option(names = "--reference", description = "Makes the recharge once: the same reference again changes nothing")
        String reference;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    LedgerEntry e = app.billing().recharge(null, mainSid, amount, Optional.ofNullable(reference)).entry();
                    Map<String, Object> v = LedgerViews.recharge(e);
                    print(v);
                }
                return 0;
            });
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Print a family's ledger (a main account's SID) or one subaccount's entries, oldest first, with the balance.")
    static final class Ledger implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT_SID") String sid;

        @Option(names = "--category", description = "Only this category, such as phonenumbers-local or recharge")
        String category;

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    LedgerFilter filter = new LedgerFilter(Optional.empty(), Optional.ofNullable(category), Optional.empty(),
                            Optional.empty());
                    // streamed page by page, so that memory stays bounded at any ledger size
                    System.out.print("{\"account_sid\":" + Json.write(sid) + ",\"entries\":[");
                    PageRequest page = PageRequest.first(1000);
                    long count = 0;
                    while (true) {
                        Slice<LedgerEntry> slice = app.billing().ledger(null, sid, filter, page);
                        for (LedgerEntry e : slice.items()) {
                            Map<String, Object> v = LedgerViews.entry(e);
                            System.out.print((count++ == 0 ? "" : ",") + "\n  " + Json.write(v));
                        }
                        if (!slice.hasNext()) break;
                        page = new PageRequest(1000, Optional.of(slice.lastPosition()), Optional.empty());
                    }
                    Balance balance = app.billing().balanceOf(sid);
                    System.out.println("\n],\"count\":" + count + ",\"balance\":" + Json.write(balance.current().plain())
                            + ",\"currency\":" + Json.write(balance.current().currency()) + "}");
                }
                return 0;
            });
        }
    }

    private static void print(Map<String, ?> value) throws Exception {
        System.out.println(Json.write(value));
    }
}
