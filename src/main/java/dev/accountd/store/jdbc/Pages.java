package dev.accountd.store.jdbc;

import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

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

    /**
     * The order a keyset list walks: equal leading columns (those of the index it walks, fixed by the conditions),
     * then the identity column, oldest first or newest first.
     */
    record Order(List<String> leading, String id, boolean newestFirst) {
        static Order oldestFirst(String... leading) { return new Order(List.of(leading), "id", false); }
    }

    /**
     * Reads one page of a keyset query: the rows matching {@code conditions}, in {@code order}, after or before the
     * page's position.
     *
     * @param binder binds the conditions' parameters
     */
    static <R, T> Slice<T> read(Jdbi reader, String selectFrom, List<String> conditions, Order order, PageRequest page,
                                Consumer<Query> binder, RowMapper<R> mapper, ToLongFunction<R> position, Function<R, T> item) {
        boolean backward = page.before().isPresent();
        // "after" a position is further along the list: a larger id oldest first, a smaller one newest first
        String later = order.newestFirst() ? " < " : " > ";
        String earlier = order.newestFirst() ? " > " : " < ";
        StringBuilder sql = new StringBuilder(selectFrom).append(" WHERE ").append(String.join(" AND ", conditions));
        page.after().ifPresent(p -> sql.append(" AND ").append(order.id()).append(later).append(":after"));
        page.before().ifPresent(p -> sql.append(" AND ").append(order.id()).append(earlier).append(":before"));
        String direction = order.newestFirst() != backward ? " DESC" : " ASC";
        List<String> orderBy = new ArrayList<>();
        for (String column : order.leading()) orderBy.add(column + direction);
        orderBy.add(order.id() + direction);
        sql.append(" ORDER BY ").append(String.join(", ", orderBy)).append(" LIMIT :limit");
        List<R> rows = reader.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("limit", page.pageSize() + 1);
            binder.accept(q);
            page.after().ifPresent(p -> q.bind("after", p));
            page.before().ifPresent(p -> q.bind("before", p));
            return q.map(mapper).list();
        });
        return slice(rows, page, position, item);
    }
}
