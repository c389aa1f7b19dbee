package dev.accountd.api.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fragment of HTML that is safe to send: it was built from a template written in this code, with every value
 * escaped. {@link #of} is the only way values reach markup, so nothing a user, an account name or a request wrote
 * is ever sent unescaped.
 */
public record Html(String markup) {
    public static final Html EMPTY = new Html("");

    /**
     * A template with {@code {}} placeholders, filled in order: an {@code Html} as it is, an {@code Optional} by its
     * value (empty: nothing), anything else as escaped text. The template must be a literal of this code.
     */
    public static Html of(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 16 * values.length);
        int next = 0;
        int at = 0;
        while (true) {
            int hole = template.indexOf("{}", at);
            if (hole < 0) break;
            if (next >= values.length) throw new IllegalArgumentException("more {} than values in: " + template);
            out.append(template, at, hole);
            append(out, values[next++]);
            at = hole + 2;
        }
        if (next != values.length) throw new IllegalArgumentException("more values than {} in: " + template);
        out.append(template, at, template.length());
        return new Html(out.toString());
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof Html h) {
            out.append(h.markup);
        } else if (value instanceof Optional<?> o) {
            if (o.isPresent()) append(out, o.get());
        } else if (value != null) {
            escape(out, value.toString());
        }
    }

    public static Html text(Object value) { return of("{}", value); }

    public static Html join(List<Html> parts) {
        return new Html(parts.stream().map(Html::markup).collect(Collectors.joining()));
    }

    public static <T> Html each(List<T> items, Function<T, Html> render) {
        return join(items.stream().map(render).toList());
    }

    public static Html when(boolean condition, Html then) { return condition ? then : EMPTY; }

    /** Escapes for text and for double-quoted attribute values. */
    public static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    /** A console path with query parameters (absent or empty ones left out), percent-encoded; escape it where it is used. */
    public static String url(String path, String... namesAndValues) {
        StringBuilder u = new StringBuilder(path);
        char sep = path.contains("?") ? '&' : '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String v = namesAndValues[i + 1];
            if (v == null || v.isEmpty()) continue;
            u.append(sep).append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            sep = '&';
        }
        return u.toString();
    }
}
