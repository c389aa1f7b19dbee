package dev.accountd.store;

import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Callback;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Media;
import dev.accountd.domain.Message;
import dev.accountd.domain.MessageFilter;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** Messages, and the steps of their simulated lives, each step written with its charge and its callbacks. */
public interface MessageStore {

    /** The outcome of {@link #insert}. */
    sealed interface Created {
        record Stored(Message message) implements Created {}
        /** The owner (or its main account) is suspended or closed, as seen holding its row. */
        record AccountNotActive() implements Created {}
        /** It would take the account's or its family's spending past a block limit: nothing was stored. */
        record OverLimit(String reason) implements Created {}
    }

    /**
     * Stores a new message, if its owner is active when the transaction holds the owner's row, with its media, its
     * charge (an inbound message is charged when received) and the webhooks it makes.
     */
    Created insert(Message message, List<Media> media, Optional<LedgerStore.Posting> charge, List<Callback> callbacks,
                   Audit<LedgerEntry> charged);

    Optional<Message> find(String accountSid, String sid);

    /** Newest first. */
    Slice<Message> list(String accountSid, MessageFilter filter, PageRequest page);

    /** Empties the body; empty when there is no such message. */
    Optional<Message> redact(String accountSid, String sid, Instant now);

    /**
     * Cancels a message that is still scheduled, with its status callbacks (outbox rows) in the same transaction;
     * empty when it is no longer scheduled.
     */
    Optional<Message> cancel(Message scheduled, Instant now, List<dev.accountd.domain.Callback> callbacks);

    /** Deletes the message and its media. */
    boolean delete(String accountSid, String sid);

    /** A message's media, in the order it was sent with them, created in [{@code from}, {@code before}). */
    Slice<Media> media(String accountSid, String messageSid, Optional<Instant> from, Optional<Instant> before, PageRequest page);

    Optional<Media> medium(String accountSid, String messageSid, String sid);

    boolean deleteMedium(String accountSid, String messageSid, String sid);

    /** A message whose next step is due, with the status its owner acts with now (a suspended main suspends all). */
    record Due(Message message, AccountStatus ownerStatus) {}

    /** Messages whose next step is due by {@code now}, the earliest first. */
    List<Due> due(Instant now, int limit);

    /**
     * A message moved on: from {@code before} (as read) to {@code after}, with the charge and the callbacks of the
     * steps taken; a scheduled message's {@code refusal} is the step instead, failed with a code, should the store find
     * at its SendAt that its sender is no longer its account's ({@link #SENDER_GONE}) or that it would take the
     * account past a blocking spending limit ({@link #OVER_SPENDING_LIMIT}).
     */
    record Step(Message before, Message after, Optional<LedgerStore.Posting> charge, List<Callback> callbacks,
                Optional<IntFunction<Step>> refusal) {
        public Step(Message before, Message after, Optional<LedgerStore.Posting> charge, List<Callback> callbacks) {
            this(before, after, charge, callbacks, Optional.empty());
        }
    }

    /** Why the store refuses to send a scheduled message when its SendAt comes: the message's error code then. */
    int SENDER_GONE = 21703;
    int OVER_SPENDING_LIMIT = 20005;

    /**
     * Writes the steps in one transaction; a message changed since it was read (redacted, deleted) is left for the
     * next round. Returns how many were written.
     */
    int advance(List<Step> steps, Audit<LedgerEntry> charged);
}
