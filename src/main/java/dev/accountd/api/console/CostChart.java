package dev.accountd.api.console;

import dev.accountd.domain.DayTotals;
import dev.accountd.domain.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily cost chart: one stacked bar per GMT day, one colour per usage category (the seven costliest of the range,
 * the rest as "other"), drawn as inline SVG on the server, so it needs no script and no chart library. A table of
 * the same figures follows it for screen readers and for copying.
 */
final class CostChart {
    private static final String[] PALETTE = {"#1f5fbf", "#d9822b", "#2e9e5b", "#b4232f", "#7a4fbf", "#17a2b8", "#8c6d1f", "#5d6773"};
    private static final int SHOWN = 7;
    private static final int WIDTH = 960, HEIGHT = 260, LEFT = 70, RIGHT = 10, TOP = 10, BOTTOM = 28;

    private CostChart() {}

    static Html render(List<DayTotals> counters, LocalDate from, LocalDate to, String currency) {
        Map<String, Long> byCategory = new TreeMap<>();
        for (DayTotals d : counters) byCategory.merge(d.category(), d.totals().priceMicros(), Long::sum);
        List<String> ranked = new ArrayList<>(byCategory.keySet());
        ranked.sort(Comparator.comparing((String c) -> byCategory.get(c)).reversed().thenComparing(c -> c));
        List<String> series = new ArrayList<>(ranked.subList(0, Math.min(SHOWN, ranked.size())));
        boolean other = ranked.size() > SHOWN;
        if (other) series.add("other");

        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        long[][] stack = new long[days][series.size()];
        for (DayTotals d : counters) {
            int day = (int) (d.day().toEpochDay() - from.toEpochDay());
            if (day < 0 || day >= days) continue;
            int s = series.indexOf(d.category());
            stack[day][s < 0 ? series.size() - 1 : s] += d.totals().priceMicros();
        }
        long max = 0;
        for (long[] day : stack) {
            long sum = 0;
            for (long v : day) sum += v;
            max = Math.max(max, sum);
        }
        long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Html.of("<p class=\"muted\" id=\"chart-empty\">No usage from {} to {}.</p>", from.toString(), to.toString());
        }
        long scale = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        double barW = plotW / days;
        List<Html> parts = new ArrayList<>();
        for (int g = 0; g <= 4; g++) {
            double y = TOP + plotH - plotH * g / 4;
            parts.add(Html.of("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d9dee4\"/>", LEFT, fmt(y), WIDTH - RIGHT, fmt(y)));
            parts.add(Html.of("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5d6773\">{}</text>", LEFT - 6, fmt(y + 4),
                    amount(scale * g / 4)));
        }
        for (int d = 0; d < days; d++) {
            LocalDate day = from.plusDays(d);
            double y = TOP + plotH;
            for (int s = 0; s < series.size(); s++) {
                long v = stack[d][s];
                if (v == 0) continue;
                double h = plotH * v / scale;
                y -= h;
                parts.add(Html.of("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} {} {}</title></rect>",
                        fmt(LEFT + d * barW + barW * 0.1), fmt(y), fmt(barW * 0.8), fmt(Math.max(h, 0.5)), PALETTE[s], day.toString(), series.get(s),
                        amount(v), currency));
            }
            if (d % Math.max(1, days / 6) == 0 || d == days - 1) {
                parts.add(Html.of("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5d6773\">{}</text>",
                        fmt(LEFT + d * barW + barW / 2), HEIGHT - 8, day.toString().substring(5)));
            }
        }
        Html svg = Html.of("""
                <figure class="chart" id="cost-chart"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title">
                <title id="chart-title">Daily cost by category from {} to {}, in {}</title>{}</svg>
                <figcaption><ul class="legend">{}</ul></figcaption></figure>""",
                WIDTH, HEIGHT, from.toString(), to.toString(), currency, Html.join(parts),
                Html.each(series, c -> Html.of("<li><span class=\"swatch sw{}\"></span>{}</li>", series.indexOf(c), c)));
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String c : ranked) rows.put(c, byCategory.get(c));
        Html table = Html.of("""
                <div class="scroll"><table id="cost-table"><caption>Cost by category, {} to {}</caption>
                <thead><tr><th scope="col">Category</th><th scope="col" class="num">Cost</th></tr></thead>
                <tbody>{}</tbody><tfoot><tr><th scope="row">Total</th><td class="num">{}</td></tr></tfoot></table></div>""",
                from.toString(), to.toString(),
                Html.each(new ArrayList<>(rows.entrySet()), e -> Html.of("<tr><td>{}</td><td class=\"num\">{}</td></tr>", e.getKey(),
                        Fmt.money(e.getValue(), currency))), Fmt.money(total, currency));
        return Html.of("{}{}", svg, table);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: the top of the y axis. */
    static long niceCeiling(long v) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) if (m * step >= v) return m * step;
            step *= 10;
        }
    }

    private static String amount(long micros) {
        BigDecimal a = BigDecimal.valueOf(micros, Money.SCALE);
        return (a.compareTo(BigDecimal.ONE) >= 0 ? a.setScale(2, RoundingMode.HALF_UP) : a.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()).toPlainString();
    }

    private static String fmt(double d) { return String.format(java.util.Locale.ROOT, "%.1f", d); }
}
