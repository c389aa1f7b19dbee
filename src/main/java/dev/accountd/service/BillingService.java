package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Balance;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.LedgerFilter;
import dev.accountd.domain.Money;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.Usage;
import dev.accountd.domain.UsageCategory;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import dev.accountd.store.LedgerStore.Posted;
import dev.accountd.store.LedgerStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * A family's money: its one balance (Balance.json), the recharges that pay into it (accountd's stand-in for paying
 * Twilio), its auto-recharge setting and the ledger of every change. Charges are posted by the services that
 * create usage (number purchases, rental), in their own transactions.
 */
public final class BillingService {
    /** The largest amount one recharge may pay in. */
    static final BigDecimal MAX_RECHARGE = new BigDecimal("1000000.00");
    static final int MAX_REFERENCE = 255;

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final Auditor auditor;
    private final Clock clock;
    private final String currency;

    public BillingService(AccountStore accounts, LedgerStore ledger, Auditor auditor, Clock clock, String currency) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.auditor = auditor;
        this.clock = clock;
        this.currency = currency;
    }

    /** What Balance.json shows: the family's balance, under the SID that was asked for. */
    public record AccountBalance(String accountSid, Money balance) {}

    /** A recharge, and whether this request made it or found it made by an earlier one with the same Reference. */
    public record Recharge(LedgerEntry entry, boolean replayed) {}

    /**
     * The balance of an account: a subaccount has none of its own, so it shows its main account's (accountd's
     * choice; Twilio's answer for a subaccount is not documented), under its own SID.
     */
    public AccountBalance balance(Caller caller, String accountSid) {
        Account account = Access.reach(caller, accountSid, accounts);
        Balance b = ledger.balance(account.mainSid()).orElseThrow(TwilioException::notFound);
        return new AccountBalance(account.sid(), b.current());
    }

    /** The balance of an account's family, for the operator (the CLI). */
    public Balance balanceOf(String accountSid) {
        Account account = accounts.find(accountSid).orElseThrow(() -> new IllegalArgumentException("no account " + accountSid));
        return ledger.balance(account.mainSid()).orElseThrow(() -> new IllegalArgumentException("no balance for " + account.mainSid()));
    }

    /**
     * Posts {@code charges} synthetic charges of {@code price} under a usage leaf category, spread in turn over the
     * family's first {@code accounts} subaccounts (or the main account when it has none) and over this month's days so
     * far: usage for benchmarks and demos, through the real ledger and counters (operator tool, CLI {@code bulk-usage}).
     *
     * @return how many were posted
     */
    public int bulkUsage(String mainSid, int charges, String category, String price, int accountsUsed, int batchSize,
                         IntConsumer progress) {
        operatorMain(mainSid);
        if (!UsageCategory.find(category).map(UsageCategory::isLeaf).orElse(false)) {
            throw new IllegalArgumentException("--category must be a usage leaf category such as sms-outbound-longcode, not " + category);
        }
        Money each = Money.of(new BigDecimal(price), currency);
        if (each.signum() <= 0 || charges < 0 || accountsUsed < 1 || batchSize < 1) {
            throw new IllegalArgumentException("the price must be positive, the counts at least 1");
        }
        List<String> sids = new ArrayList<>();
        Optional<Long> after = Optional.empty();
        while (sids.size() < accountsUsed) {
            Slice<Account> page = accounts.list(new AccountStore.Listing(mainSid, Optional.empty(), Optional.empty(),
                    Optional.empty()), new PageRequest(Math.min(1000, accountsUsed - sids.size() + 1), after, Optional.empty()));
            page.items().stream().filter(a -> !a.isMain()).forEach(a -> sids.add(a.sid()));
            if (!page.hasNext() || page.items().isEmpty()) break;
            after = Optional.of(page.lastPosition());
        }
        if (sids.isEmpty()) sids.add(mainSid);
        Instant now = clock.instant();
        int days = LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfMonth();
        int posted = 0;
        while (posted < charges) {
            List<LedgerStore.Posting> batch = new ArrayList<>();
            for (int i = 0; i < batchSize && posted + i < charges; i++) {
                int n = posted + i;
                Instant at = now.minus(Duration.ofDays(n % days));
                batch.add(new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), mainSid, sids.get(n % sids.size()), category, each.negate(),
                        Optional.empty(), Optional.of("bulk-usage"), "bulk-usage:" + UUID.randomUUID(), at, Usage.of(1)));
            }
            ledger.postAll(batch, Audit.none());
            posted += batch.size();
            progress.accept(posted);
        }
        return posted;
    }

    /** The family's balance with its opening amount and auto-recharge, for the main account's credentials. */
    public Balance details(Caller caller, String mainSid) {
        mainOf(caller, mainSid, "read the balance settings");
        return ledger.balance(mainSid).orElseThrow(TwilioException::notFound);
    }

    /**
     * Pays {@code amount} into the family's balance. With a {@code reference}, the recharge is made once: the same
     * reference again answers the recharge it made (a retried request), and with another amount it is refused.
     *
     * @param caller the main account's credentials, or null for the operator (the CLI)
     */
    public Recharge recharge(Caller caller, String mainSid, String amount, Optional<String> reference) {
        if (caller != null) mainOf(caller, mainSid, "recharge the balance");
        else operatorMain(mainSid);
        Money paid = amount(amount);
        reference.ifPresent(r -> {
            if (r.isEmpty() || r.length() > MAX_REFERENCE) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Reference must be 1 to " + MAX_REFERENCE + " characters");
            }
        });
        String sid = Sid.ordered(LedgerEntry.RECHARGE_SID_PREFIX);
        String cause = reference.map(r -> "recharge:" + mainSid + ":" + r).orElse("recharge:" + sid);
        Posted posted = ledger.post(new LedgerStore.Posting(sid, mainSid, mainSid, LedgerEntry.RECHARGE, paid, Optional.empty(),
                reference, cause, clock.instant(), Usage.NONE), recharged(caller));
        if (posted instanceof Posted.Entered e) return new Recharge(e.entry(), false);
        if (posted instanceof Posted.AlreadyEntered a) {
            if (!a.entry().amount().equals(paid)) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Reference '" + reference.orElseThrow() + "' was used by recharge "
                        + a.entry().sid() + " of " + a.entry().amount().plain() + " " + a.entry().amount().currency()
                        + ": a retry sends the same Amount, a new recharge another Reference");
            }
            return new Recharge(a.entry(), true);
        }
        throw TwilioException.notFound();
    }

    public Slice<LedgerEntry> recharges(Caller caller, String mainSid, PageRequest page) {
        mainOf(caller, mainSid, "list recharges");
        return ledger.list(mainSid, new LedgerFilter(Optional.empty(), Optional.of(LedgerEntry.RECHARGE), Optional.empty(),
                Optional.empty()), true, page);
    }

    public LedgerEntry fetchRecharge(Caller caller, String mainSid, String sid) {
        mainOf(caller, mainSid, "read recharges");
        if (!Sid.isValid(sid, LedgerEntry.RECHARGE_SID_PREFIX)) throw TwilioException.notFound();
        return ledger.findBySid(sid).filter(e -> e.mainSid().equals(mainSid) && e.isRecharge()).orElseThrow(TwilioException::notFound);
    }

    /**
     * The ledger of a family (the main account's SID: every entry, or one account's with {@code accountSid}) or of
     * one subaccount (its SID: the entries it caused), oldest first.
     *
     * @param caller the main account's credentials, or null for the operator (the CLI)
     */
    public Slice<LedgerEntry> ledger(Caller caller, String sid, LedgerFilter filter, PageRequest page) {
        return ledger(caller, sid, filter, page, false);
    }

    /** The ledger as {@link #ledger(Caller, String, LedgerFilter, PageRequest)} reads it, newest entries first when asked (the console). */
    public Slice<LedgerEntry> ledger(Caller caller, String sid, LedgerFilter filter, PageRequest page, boolean newestFirst) {
        Account account = caller == null ? accounts.find(sid).orElseThrow(() -> new IllegalArgumentException("no account " + sid))
                : Access.reach(requireMain(caller, "read the ledger"), sid, accounts);
        LedgerFilter f = filter;
        if (!account.isMain()) {
            if (filter.accountSid().filter(a -> !a.equals(account.sid())).isPresent()) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "AccountSid must be " + account.sid() + " in the ledger of " + account.sid()
                        + "; read the main account's ledger for the others");
            }
            f = new LedgerFilter(Optional.of(account.sid()), filter.category(), filter.from(), filter.before());
        }
        return ledger.list(account.mainSid(), f, newestFirst, page);
    }

    /**
     * Sets the family's auto-recharge: once a charge leaves the balance below {@code below}, {@code amount} is paid
     * in. Both empty turns it off.
     */
    public Balance setAutoRecharge(Caller caller, String mainSid, Optional<String> below, Optional<String> amount) {
        mainOf(caller, mainSid, "change auto-recharge");
        if (below.isPresent() != amount.isPresent()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Send AutoRechargeBelow and AutoRechargeAmount together (both empty turns auto-recharge off)");
        }
        Optional<Balance.AutoRecharge> setting = below.filter(b -> !b.isEmpty()).isEmpty() && amount.filter(a -> !a.isEmpty()).isEmpty()
                ? Optional.empty()
                : Optional.of(new Balance.AutoRecharge(nonNegative("AutoRechargeBelow", below.orElseThrow()), amount(amount.orElseThrow())));
        return ledger.setAutoRecharge(mainSid, setting, (before, after) -> {
            if (before.autoRecharge().equals(after.autoRecharge())) return Optional.empty();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("auto_recharge", Auditor.changes(autoRecharge(before), autoRecharge(after)));
            return Optional.of(auditor.event(caller, "balance.updated", "balance", mainSid, mainSid, mainSid, data));
        }).orElseThrow(TwilioException::notFound);
    }

    private static Map<String, Object> autoRecharge(Balance b) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("below", b.autoRecharge().map(a -> a.below().plain()).orElse(null));
        p.put("amount", b.autoRecharge().map(a -> a.amount().plain()).orElse(null));
        return p;
    }

    /** The main account named in the path, for its own credentials: 403 for others, 400 for a subaccount's SID. */
    private Account mainOf(Caller caller, String mainSid, String what) {
        requireMain(caller, what);
        Account account = Access.reach(caller, mainSid, accounts);
        if (!account.isMain()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, mainSid + " is a subaccount: its usage is paid from the balance of its main account "
                    + account.mainSid() + ", so use that SID");
        }
        return account;
    }

    private Account operatorMain(String mainSid) {
        Account account = accounts.find(mainSid).orElseThrow(() -> new IllegalArgumentException("no account " + mainSid));
        if (!account.isMain()) throw new IllegalArgumentException(mainSid + " is a subaccount; recharge its main account " + account.mainSid());
        return account;
    }

    private static Caller requireMain(Caller caller, String what) {
        if (!caller.isMain()) throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account's credentials may " + what);
        return caller;
    }

    /** A positive amount with at most two decimal places, as payments are made. */
    private Money amount(String raw) {
        BigDecimal a = decimal("Amount", raw);
        if (a.signum() <= 0 || a.compareTo(MAX_RECHARGE) > 0) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Amount '" + raw + "': expected a positive amount of at most "
                    + MAX_RECHARGE.toPlainString() + " with at most two decimal places, such as 10.00");
        }
        return Money.of(a, currency);
    }

    private Money nonNegative(String name, String raw) {
        BigDecimal a = decimal(name, raw);
        if (a.signum() < 0 || a.compareTo(MAX_RECHARGE) > 0) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + raw + "': expected an amount from 0 to "
                    + MAX_RECHARGE.toPlainString() + " with at most two decimal places");
        }
        return Money.of(a, currency);
    }

    static BigDecimal decimal(String name, String raw) {
        String v = raw.trim();
        if (v.matches("[0-9]{1,10}(\\.[0-9]{1,2})?")) return new BigDecimal(v);
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + raw + "': expected an amount with at most two decimal"
                + " places, such as 10.00");
    }

    /** Every recharge, including the automatic ones that follow a charge, is an audit event; charges are not. */
    private Audit<LedgerEntry> recharged(Caller caller) { return rechargeAudit(auditor, caller); }

    /** The audit of ledger entries for services that post charges: the auto-recharges a charge sets off are events. */
    static Audit<LedgerEntry> rechargeAudit(Auditor auditor, Caller caller) {
        return (before, e) -> {
            if (!e.isRecharge()) return Optional.empty();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("amount", e.amount().plain());
            data.put("currency", e.amount().currency());
            data.put("balance", e.balanceAfter().plain());
            data.put("reference", e.reference().orElse(null));
            return Optional.of(auditor.event(caller, "recharge.created", "recharge", e.sid(), e.mainSid(), e.mainSid(), data));
        };
    }
}
