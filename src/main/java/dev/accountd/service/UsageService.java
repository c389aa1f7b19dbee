package dev.accountd.service;

import dev.accountd.domain.DayTotals;
import dev.accountd.domain.Spender;
import dev.accountd.domain.Account;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.domain.UsageCategory;
import dev.accountd.domain.UsageRecord;
import dev.accountd.domain.UsageTotals;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.UsageStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Usage Records: what an account (or a main account's whole family) used per category and period, read from the
 * usage counters, so a query costs the same whatever the number of subaccounts, calls or messages.
 */
public final class UsageService {
    private static final Pattern OFFSET = Pattern.compile("([+-])([0-9]{1,5})days");

    /** The nine Usage Records paths. */
    public enum Records {
        ROOT(""), ALL_TIME("/AllTime"), DAILY("/Daily"), MONTHLY("/Monthly"), YEARLY("/Yearly"), TODAY("/Today"),
        YESTERDAY("/Yesterday"), THIS_MONTH("/ThisMonth"), LAST_MONTH("/LastMonth");

        private final String path;

        Records(String path) { this.path = path; }

        /** The path under {@code …/Usage/Records}: "" for the root, "/Daily", … */
        public String path() { return path; }

        boolean takesDates() { return this == ROOT || this == ALL_TIME || this == DAILY || this == MONTHLY || this == YEARLY; }
    }

    /** One period of a Usage Records list: its first and last day. */
    private record Period(LocalDate start, LocalDate end) {}

    private final AccountStore accounts;
    private final UsageStore usage;
    private final Clock clock;

    public UsageService(AccountStore accounts, UsageStore usage, Clock clock) {
        this.accounts = accounts;
        this.usage = usage;
        this.clock = clock;
    }

    /** Today on accountd's clock, in GMT, as Usage Records count days. */
    public LocalDate today() { return UsageTrigger.day(clock.instant()); }

    /** Now on accountd's clock: the records are up to date as of it (the counters move with each charge). */
    public java.time.Instant now() { return clock.instant(); }

    /**
     * One page of records: categories alphabetical, periods newest first (Daily, Monthly, Yearly), every category
     * listed even at zero.
     *
     * @param requestPath the request's path, for the 404 Twilio answers when EndDate is before StartDate
     */
    /**
     * What an account used per leaf category and GMT day, from {@code from} to {@code to}; for a main account with
     * {@code family}, what its whole family used (the console's daily cost chart).
     */
    public List<DayTotals> daily(Caller caller, String accountSid, LocalDate from, LocalDate to, boolean family) {
        Account account = Access.reach(caller, accountSid, accounts);
        return usage.byDay(new UsageStore.Scope(account.sid(), account.isMain() && family), from, to);
    }

    /**
     * What each of these accounts (a page the caller listed) spent itself this GMT month, in micro-units: one query for
     * the page. An account the caller cannot reach is left out.
     */
    public Map<String, Long> spentThisMonth(Caller caller, List<Account> listed) {
        List<String> sids = listed.stream().filter(a -> a.mainSid().equals(caller.mainSid())).map(Account::sid).toList();
        return usage.monthlySpend(sids, YearMonth.from(today()));
    }

    /** The subaccounts of a main account that spent most in a GMT month (main account credentials). */
    public List<Spender> topSubaccounts(Caller caller, String mainSid, YearMonth month, int limit) {
        Account main = Access.reach(caller, mainSid, accounts);
        if (!main.isMain()) throw TwilioException.of(ErrorCode.FORBIDDEN, "only a main account has subaccounts to rank");
        return usage.topSpenders(main.sid(), month, limit);
    }

    public Slice<UsageRecord> records(Caller caller, String accountSid, Records path, Optional<String> category, Optional<String> startDate,
                                      Optional<String> endDate, Optional<Boolean> includeSubaccounts, PageRequest page, String requestPath) {
        Account account = Access.reach(caller, accountSid, accounts);
        boolean include = includeSubaccounts.orElse(true);
        UsageStore.Scope scope = new UsageStore.Scope(account.sid(), account.isMain() && include);
        LocalDate today = today();
        Period range = range(path, account, startDate, endDate, today);
        if (range.end().isBefore(range.start())) {
            throw TwilioException.of(ErrorCode.NOT_FOUND, requestPath);
        }
        List<Period> periods = periods(path, range);
        List<UsageCategory> categories = category.isEmpty() ? UsageCategory.all()
                : UsageCategory.find(category.get()).map(List::of).orElse(List.of());
        long total = (long) periods.size() * categories.size();
        long first = page.after().map(a -> a + 1).orElse(page.before().map(b -> Math.max(0, b - page.pageSize())).orElse(0L));
        long last = Math.min(total, page.before().map(b -> Math.min(b, first + page.pageSize())).orElse(first + page.pageSize()));
        if (first >= last) return new Slice<>(List.of(), List.of(), false, first > 0);
        Map<Period, Map<String, UsageTotals>> counted = counters(scope, path, periods, categories.size(), first, last);
        List<UsageRecord> items = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (long i = first; i < last; i++) {
            Period p = periods.get((int) (i / categories.size()));
            UsageCategory c = categories.get((int) (i % categories.size()));
            Map<String, UsageTotals> leaves = counted.getOrDefault(p, Map.of());
            UsageTotals sum = UsageTotals.ZERO;
            for (String leaf : c.leaves()) sum = sum.plus(leaves.getOrDefault(leaf, UsageTotals.ZERO));
            items.add(new UsageRecord(account.sid(), c, p.start(), p.end(), sum));
            positions.add(i);
        }
        return new Slice<>(items, positions, last < total, first > 0);
    }

    /** The leaves' totals of each period the page's records fall in. */
    private Map<Period, Map<String, UsageTotals>> counters(UsageStore.Scope scope, Records path, List<Period> periods, int perPeriod,
                                                          long first, long last) {
        List<Period> shown = periods.subList((int) (first / perPeriod), (int) ((last - 1) / perPeriod) + 1);
        Map<Period, Map<String, UsageTotals>> counted = new HashMap<>();
        if (path != Records.DAILY && path != Records.MONTHLY && path != Records.YEARLY) {
            Period only = shown.get(0);
            counted.put(only, usage.sums(scope, only.start(), only.end()));
            return counted;
        }
        // newest first: the last period shown starts earliest
        for (DayTotals d : usage.byDay(scope, shown.get(shown.size() - 1).start(), shown.get(0).end())) {
            for (Period p : shown) {
                if (!d.day().isBefore(p.start()) && !d.day().isAfter(p.end())) {
                    counted.computeIfAbsent(p, k -> new HashMap<>()).merge(d.category(), d.totals(), UsageTotals::plus);
                }
            }
        }
        return counted;
    }

    private static Period range(Records path, Account account, Optional<String> startDate, Optional<String> endDate, LocalDate today) {
        return switch (path) {
            case TODAY -> new Period(today, today);
            case YESTERDAY -> new Period(today.minusDays(1), today.minusDays(1));
            case THIS_MONTH -> new Period(today.withDayOfMonth(1), today);
            case LAST_MONTH -> {
                LocalDate start = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(start, start.plusMonths(1).minusDays(1));
            }
            default -> new Period(startDate.map(v -> date("StartDate", v, today)).orElse(UsageTrigger.day(account.dateCreated())),
                    endDate.map(v -> date("EndDate", v, today)).orElse(today));
        };
    }

    /** The periods of a list, newest first: one for the root and the fixed periods, else each day, month or year, clipped. */
    private static List<Period> periods(Records path, Period range) {
        if (path != Records.DAILY && path != Records.MONTHLY && path != Records.YEARLY) return List.of(range);
        List<Period> periods = new ArrayList<>();
        LocalDate end = range.end();
        while (!end.isBefore(range.start())) {
            LocalDate start = switch (path) {
                case DAILY -> end;
                case MONTHLY -> end.withDayOfMonth(1);
                default -> end.withDayOfYear(1);
            };
            if (start.isBefore(range.start())) start = range.start();
            periods.add(new Period(start, end));
            end = start.minusDays(1);
        }
        return periods;
    }

    /** A GMT date, or an offset from today such as {@code -30days} (research §2.4); 400 otherwise. */
    static LocalDate date(String name, String value, LocalDate today) {
        String v = value.trim();
        Matcher offset = OFFSET.matcher(v);
        if (offset.matches()) {
            long days = Long.parseLong(offset.group(2));
            return offset.group(1).equals("+") ? today.plusDays(days) : today.minusDays(days);
        }
        try {
            if (v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + value + "': expected YYYY-MM-DD or an offset such as -30days");
    }

    /** Whether the records of this path carry {@code subresource_uris} (only the root does, research §2.3). */
    public static boolean listsSubresources(Records path) { return path == Records.ROOT; }

    /** Whether the path takes StartDate and EndDate (the fixed periods ignore them). */
    public static boolean takesDates(Records path) { return path.takesDates(); }
}
