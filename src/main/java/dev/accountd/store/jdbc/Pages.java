package dev.accountd.store.jdbc;

import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Turns the rows of a keyset query (one more than the page size, to tell whether more exist) into a Slice. */
final class Pages {
    private Pages() {}

    /**
     * @param rows the rows in the order the query read them: list order for a forward page, reversed for a
     *     backward page (which reads towards the start of the list)
     */
    static <R, T> Slice<T> slice(List<R> rows, PageRequest page, ToLongFunction<R> position, Function<R, T> item) {
        boolean backward = page.before().isPresent();
        boolean more = rows.size() > page.pageSize();
        List<R> kept = new ArrayList<>(more ? rows.subList(0, page.pageSize()) : rows);
        if (backward) Collections.reverse(kept);
        List<T> items = kept.stream().map(item).toList();
        List<Long> positions = kept.stream().map(position::applyAsLong).toList();
        return backward
                ? new Slice<>(items, positions, true, more)
                : new Slice<>(items, positions, more, page.after().isPresent());
    }
}
