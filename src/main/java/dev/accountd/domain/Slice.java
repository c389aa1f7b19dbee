package dev.accountd.domain;

import java.util.List;

/**
 * The items of one page in creation order, with their positions, and whether more exist beyond each end.
 */
public record Slice<T>(List<T> items, List<Long> positions, boolean hasNext, boolean hasPrevious) {
    public long firstPosition() { return positions.get(0); }
    public long lastPosition() { return positions.get(positions.size() - 1); }
}
