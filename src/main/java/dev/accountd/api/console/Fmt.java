package dev.accountd.api.console;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Money;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** How the console writes values: money with its currency, instants in UTC, statuses as badges. */
final class Fmt {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Fmt() {}

    /** An amount with two decimals, or more when it has them (a message costs 0.0079), and its currency. */
    static Html money(Money m) { return money(m.micros(), m.currency()); }

    static Html money(long micros, String currency) {
        return Html.of("<span class=\"money\">{}&nbsp;<span class=\"currency\">{}</span></span>", new Money(micros, currency).plain(), currency);
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

    /** The options of a select, the current value selected (the empty value reads "any"). */
    static Html options(Optional<String> current, List<String> values) {
        return Html.each(values, v -> v.equals(current.orElse(""))
                ? Html.of("<option value=\"{}\" selected>{}</option>", v, v.isEmpty() ? "any" : v)
                : Html.of("<option value=\"{}\">{}</option>", v, v.isEmpty() ? "any" : v));
    }

    /** A list's "nothing here" line, when its page is empty. */
    static Html emptyNote(Slice<?> page, String text) {
        return Html.when(page.items().isEmpty(), Html.of("<p class=\"muted\">{}</p>", text));
    }

    static Html optional(Optional<String> s) { return s.map(Html::text).orElse(Html.of("<span class=\"muted\">—</span>")); }
}
