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
     * Reads one page of a keyset query: the rows matching {@code conditions}, ordered by {@code order} and then by
     * {@code id}, after or before the page's position.
     *
     * @param order the leading columns of the index the query walks (equal for every row the conditions match)
     * @param binder binds the conditions' parameters
     */
    static <R, T> Slice<T> read(Jdbi reader, String selectFrom, List<String> conditions, List<String> order, PageRequest page,
                                Consumer<Query> binder, RowMapper<R> mapper, ToLongFunction<R> position, Function<R, T> item) {
        boolean backward = page.before().isPresent();
        StringBuilder sql = new StringBuilder(selectFrom).append(" WHERE ").append(String.join(" AND ", conditions));
        page.after().ifPresent(p -> sql.append(" AND id > :after"));
        page.before().ifPresent(p -> sql.append(" AND id < :before"));
        String direction = backward ? " DESC" : " ASC";
        List<String> orderBy = new ArrayList<>();
        for (String column : order) orderBy.add(column + direction);
        orderBy.add("id" + direction);
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
