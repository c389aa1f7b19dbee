package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.Event;
import dev.accountd.domain.Money;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PriceOverride;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.domain.Sid;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import dev.accountd.store.PriceOverrideStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Custom pricing per customer (accountd's extension, {@code /_accountd/v1/Accounts/{MainSid}/Prices}): the prices a
 * family pays instead of the list prices. Only the main account's own auth token manages them. Every change is a
 * Monitor event in its transaction: {@code price.updated} (with each price's previous and updated value) or
 * {@code price.deleted}.
 *
 * <p>An override must name a price the table lists (a number type the country is priced for, a prefix under one of
 * the country's routes), so that it always has a list price to show beside it.
 */
public final class PriceOverrideService {
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    private final PriceBook book;
    private final PriceOverrideStore store;
    private final AccountStore accounts;
    private final Auditor auditor;
    private final Clock clock;

    public PriceOverrideService(PriceBook book, PriceOverrideStore store, AccountStore accounts, Auditor auditor, Clock clock) {
        this.book = book;
        this.store = store;
        this.accounts = accounts;
        this.auditor = auditor;
        this.clock = clock;
    }

    /**
     * An override with the list price it replaces.
     *
     * @param listPrice empty when the table no longer lists the price (the override is then not applied)
     */
    public record Entry(PriceOverride override, Optional<Money> listPrice) {}

    /** A family's overrides, by country, kind and selector. */
    public record Family(String mainSid, List<Entry> entries, String currency) {}

    /**
     * A change as the request gives it: one country, one kind, one price, for one or more number types (or, for
     * outbound calls, prefixes).
     */
    public record Change(Optional<String> isoCountry, Optional<String> kind, List<String> numberTypes, List<String> prefixes,
                         Optional<String> price) {}

    /** A deletion as the request gives it: a country's overrides, or its overrides of one kind, or some of those. */
    public record Deletion(Optional<String> isoCountry, Optional<String> kind, List<String> numberTypes, List<String> prefixes) {}

    public Family list(Caller caller, String mainSid) {
        requireMain(caller, mainSid);
        return family(mainSid, store.list(mainSid));
    }

    public Family set(Caller caller, String mainSid, Change change) {
        requireMain(caller, mainSid);
        CountryPrices country = country(change.isoCountry().orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "IsoCountry")));
        PriceKind kind = kind(change.kind().orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Kind")));
        List<String> selectors = selectors(country, kind, change.numberTypes(), change.prefixes(), true);
        Money price = price(change.price().orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "Price")));
        Instant now = clock.instant();
        List<PriceOverride> overrides = selectors.stream()
                .map(s -> new PriceOverride(mainSid, country.isoCountry(), kind, s, price, now)).toList();
        store.put(mainSid, overrides, (before, after) -> Optional.of(event(caller, "updated", country.isoCountry(), before, after)));
        return family(mainSid, store.list(mainSid));
    }

    /** @throws TwilioException 404 / 20404 when no override matches */
    public void delete(Caller caller, String mainSid, Deletion deletion) {
        requireMain(caller, mainSid);
        String isoCountry = deletion.isoCountry().orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "Missing required parameter IsoCountry: a deletion removes a country's overrides, or some of them"))
                .toUpperCase(Locale.ROOT);
        Optional<PriceKind> kind = deletion.kind().map(PriceOverrideService::kind);
        List<String> selectors = List.of();
        if (kind.isPresent()) {
            // the selectors need not be priced any more (the table may have changed), only well formed
            selectors = selectors(book.table().country(isoCountry).orElse(null), kind.get(), deletion.numberTypes(), deletion.prefixes(), false);
        } else if (!deletion.numberTypes().isEmpty() || !deletion.prefixes().isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "NumberType and Prefix need a Kind");
        }
        List<PriceOverride> removed = store.delete(mainSid, new PriceOverrideStore.Match(isoCountry, kind, selectors),
                (before, after) -> Optional.of(event(caller, "deleted", isoCountry, before, null)));
        if (removed.isEmpty()) throw TwilioException.notFound();
    }

    /**
     * Only the main account's own auth token manages its family's prices: a subaccount or an API key gets 403 / 20403,
     * a path naming a subaccount 400 / 20001, an unknown SID 404 / 20404, and another family's account 401 / 20003.
     */
    private void requireMain(Caller caller, String mainSid) {
        if (!caller.isMainAuthToken()) {
            throw TwilioException.of(ErrorCode.FORBIDDEN, "Only the main account's auth token can manage its family's prices"
                    + (caller.isApiKey() ? "; API keys cannot" : "; subaccounts cannot"));
        }
        if (!Sid.isValid(mainSid, Sid.ACCOUNT)) throw TwilioException.notFound();
        if (mainSid.equals(caller.accountSid())) return;
        Account account = accounts.find(mainSid).orElseThrow(TwilioException::notFound);
        if (!account.mainSid().equals(caller.mainSid())) throw TwilioException.of(ErrorCode.AUTHENTICATE);
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, mainSid + " is a subaccount: prices are set for a whole family, on its main account "
                + account.mainSid());
    }

    private Family family(String mainSid, List<PriceOverride> overrides) {
        FamilyPrices list = new FamilyPrices(book.table(), List.of());
        List<Entry> entries = overrides.stream().map(o -> new Entry(o, listPrice(list, o))).toList();
        return new Family(mainSid, entries, book.currency());
    }

    private static Optional<Money> listPrice(FamilyPrices list, PriceOverride o) {
        if (o.kind().byPrefix()) return list.outboundVoice(o.isoCountry(), o.selector()).map(r -> r.price().base());
        return o.numberType().flatMap(t -> list.price(o.isoCountry(), o.kind(), t)).map(p -> p.base());
    }

    private CountryPrices country(String isoCountry) {
        return book.table().country(isoCountry.toUpperCase(Locale.ROOT)).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                "Invalid IsoCountry '" + isoCountry + "': the price table has no prices there; it prices "
                        + String.join(", ", book.table().countries().keySet())));
    }

    private static PriceKind kind(String value) {
        return PriceKind.fromWire(value).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Kind '" + value
                + "': expected one of " + Arrays.stream(PriceKind.values()).map(PriceKind::wire).collect(Collectors.joining(", "))));
    }

    /**
     * The selectors a request names: number types for a kind priced by type, prefixes for outbound calls.
     *
     * @param country the table's country, to check that each selector is priced; null (or {@code priced} false) to
     *     check the form only
     */
    private static List<String> selectors(CountryPrices country, PriceKind kind, List<String> numberTypes, List<String> prefixes, boolean priced) {
        LinkedHashSet<String> selectors = new LinkedHashSet<>();
        if (kind.byPrefix()) {
            if (!numberTypes.isEmpty()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Kind " + kind.wire() + " is priced by Prefix, not NumberType");
            if (priced && prefixes.isEmpty()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "Prefix");
            for (String raw : prefixes) selectors.add(prefix(country, raw, priced));
        } else {
            if (!prefixes.isEmpty()) throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Kind " + kind.wire() + " is priced by NumberType, not Prefix");
            if (priced && numberTypes.isEmpty()) throw TwilioException.of(ErrorCode.MISSING_PARAMETER, "NumberType");
            for (String raw : numberTypes) {
                PricedNumberType type = PricedNumberType.parse(raw).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "Invalid NumberType '" + raw + "': expected one of " + Arrays.stream(PricedNumberType.values())
                                .map(PricedNumberType::wire).collect(Collectors.joining(", "))));
                if (priced && country.price(kind, type).isEmpty()) {
                    throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "The price table has no " + kind.wire() + " price for " + type.wire()
                            + " numbers in " + country.isoCountry() + " to override; it has " + (country.prices(kind).isEmpty() ? "none"
                            : country.prices(kind).keySet().stream().map(PricedNumberType::wire).collect(Collectors.joining(", "))));
                }
                selectors.add(type.wire());
            }
        }
        return List.copyOf(selectors);
    }

    private static String prefix(CountryPrices country, String raw, boolean priced) {
        String digits = raw.startsWith("+") ? raw.substring(1) : raw;
        if (!digits.matches("[0-9]{1," + PriceSheet.MAX_PREFIX_DIGITS + "}")) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Prefix '" + raw + "': expected 1 to "
                    + PriceSheet.MAX_PREFIX_DIGITS + " digits of an E.164 number, such as 1907");
        }
        if (priced) {
            String callingCode = Integer.toString(PhoneNumbers.callingCode(country.isoCountry()));
            if (!digits.startsWith(callingCode) || country.route(digits).isEmpty()) {
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Prefix '" + raw + "': no outbound route of "
                        + country.isoCountry() + " covers it (its prefixes start with " + callingCode + ")");
            }
        }
        return digits;
    }

    private Money price(String value) {
        try {
            BigDecimal amount = new BigDecimal(value.trim());
            if (amount.signum() >= 0 && amount.compareTo(MAX_PRICE) < 0 && amount.stripTrailingZeros().scale() <= Money.SCALE) {
                return Money.of(amount, book.currency());
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid Price '" + value
                + "': expected an amount such as 0.0085 (at least 0, below 1000000, at most six decimal places)");
    }

    /**
     * The event of a change: {@code {"iso_country", "price_unit", "prices": {kind: {selector: {previous, updated}}}}}.
     *
     * @param before the overrides replaced or removed ({@code null} entries where there was none)
     * @param after the new overrides, or null for a deletion
     */
    private Event event(Caller caller, String action, String isoCountry, List<PriceOverride> before, List<PriceOverride> after) {
        Map<String, Object> prices = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            PriceOverride was = before.get(i);
            PriceOverride now = after == null ? null : after.get(i);
            PriceOverride any = now != null ? now : was;
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("previous", was == null ? null : was.price().plain());
            pair.put("updated", now == null ? null : now.price().plain());
            @SuppressWarnings("unchecked")
            Map<String, Object> ofKind = (Map<String, Object>) prices.computeIfAbsent(any.kind().wire(), k -> new LinkedHashMap<String, Object>());
            ofKind.put(any.selector(), pair);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("iso_country", isoCountry);
        data.put("price_unit", book.currency());
        data.put("prices", prices);
        String mainSid = caller.mainSid();
        return auditor.event(caller, "price." + action, "price", mainSid, mainSid, mainSid, data);
    }
}
