package dev.accountd.store;

import dev.accountd.domain.Event;
import java.util.Optional;

/**
 * Builds the audit event of a change from the resource before and after it. The store calls it inside the
 * change's transaction and writes the event there: no change without its event, no event without its change.
 */
@FunctionalInterface
public interface Audit<T> {
    Optional<Event> of(T before, T after);

    /** No event: for changes that are not audited (bulk tools, tests). */
    static <T> Audit<T> none() { return (before, after) -> Optional.empty(); }

    /** For creations and deletions, where only one state exists. */
    static <T> Audit<T> of(java.util.function.Function<T, Event> event) {
        return (before, after) -> Optional.of(event.apply(after != null ? after : before));
    }
}
