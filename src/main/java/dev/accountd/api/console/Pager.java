package dev.accountd.api.console;

import dev.accountd.domain.Slice;
import java.util.ArrayList;
import java.util.List;

/** Previous and next links of a keyset-paged list: page 1,000 costs what page 1 costs, as on the REST API. */
final class Pager {
    private Pager() {}

    /** @param filters the list's other query parameters, as name, value pairs, kept on both links */
    static Html links(String path, Slice<?> page, String... filters) {
        if (page.items().isEmpty() || !(page.hasNext() || page.hasPrevious())) return Html.EMPTY;
        Html previous = page.hasPrevious() ? Html.of("<a rel=\"prev\" href=\"{}\">← Previous</a>", with(path, filters, "before", page.firstPosition()))
                : Html.of("<span class=\"muted\">← Previous</span>");
        Html next = page.hasNext() ? Html.of("<a rel=\"next\" href=\"{}\">Next →</a>", with(path, filters, "after", page.lastPosition()))
                : Html.of("<span class=\"muted\">Next →</span>");
        return Html.of("<nav class=\"pager\" aria-label=\"Pages\">{} {}</nav>", previous, next);
    }

    private static String with(String path, String[] filters, String name, long position) {
        List<String> all = new ArrayList<>(List.of(filters));
        all.add(name);
        all.add(Long.toString(position));
        return Html.url(path, all.toArray(String[]::new));
    }
}
