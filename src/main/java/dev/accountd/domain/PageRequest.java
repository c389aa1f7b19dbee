package dev.accountd.domain;

import java.util.Optional;

/**
 * One page of a keyset-paginated list: items strictly after (or before) a position in creation order.
 *
 * @param pageSize how many items, 1 to 1000
 * @param after return the items created after this position (forward paging), if present
 * @param before return the items created before this position (backward paging), if present
 */
public record PageRequest(int pageSize, Optional<Long> after, Optional<Long> before) {
    public static PageRequest first(int pageSize) { return new PageRequest(pageSize, Optional.empty(), Optional.empty()); }
}
