package dev.accountd.store;

import dev.accountd.domain.Event;
import dev.accountd.domain.EventQuery;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.Optional;

/** The audit trail. Events are appended by the other stores, inside the transactions of their changes. */
public interface EventStore {
    Optional<Event> find(String sid);

    /** Newest first: {@code after} in the page request means older than that position. */
    Slice<Event> list(EventQuery query, PageRequest page);

    int deleteBefore(Instant cutoff, int batch);
}
