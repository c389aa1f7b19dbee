package dev.accountd.api.console;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How the console writes values: money with its currency, instants in UTC, statuses as badges. */
final class Fmt {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Fmt() {}

    /** An amount with two decimals, or more when it has them (a message costs 0.0079), and its currency. */
    static Html money(Money m) { return money(m.micros(), m.currency()); }

    static Html money(long micros, String currency) {
        BigDecimal a = BigDecimal.valueOf(micros, Money.SCALE).stripTrailingZeros();
        if (a.scale() < 2) a = a.setScale(2, RoundingMode.UNNECESSARY);
        return Html.of("<span class=\"money\">{}&nbsp;<span class=\"currency\">{}</span></span>", a.toPlainString(), currency);
    }

    static Html instant(Instant i) {
        return Html.of("<time datetime=\"{}\">{}</time>", i.toString(), INSTANT.format(i));
    }

    static Html instant(Optional<Instant> i) { return i.map(Fmt::instant).orElse(Html.of("<span class=\"muted\">—</span>")); }

    static Html day(Optional<LocalDate> d) {
        return d.map(x -> Html.of("<time datetime=\"{}\">{}</time>", x.toString(), x.toString())).orElse(Html.of("<span class=\"muted\">never</span>"));
    }

    static Html status(AccountStatus s) { return badge(s.wire()); }

    /** A status word as a badge; its class names the word, so active, suspended, failed and the rest get their colours. */
    static Html badge(String word) {
        return Html.of("<span class=\"badge badge-{}\">{}</span>", word.replaceAll("[^a-z-]", ""), word);
    }

    static Html optional(Optional<String> s) { return s.map(Html::text).orElse(Html.of("<span class=\"muted\">—</span>")); }
}
