package dev.accountd.store;

import dev.accountd.domain.MessagingService;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.Optional;

/** Messaging Services and their sender pools. */
public interface MessagingServiceStore {
    /** Stores a new service unless its account is closed (as seen holding the account's row): false then. */
    boolean insert(MessagingService service);

    Optional<MessagingService> find(String accountSid, String sid);

    /** Oldest first. */
    Slice<MessagingService> list(String accountSid, PageRequest page);

    /** Changes the service as it is when its row is held; empty when there is none (deleted meanwhile). */
    Optional<MessagingService> update(String accountSid, String sid, java.util.function.UnaryOperator<MessagingService> change);

    /** Deletes it and empties its pool (its numbers stay the account's); false when there was none. */
    boolean delete(String accountSid, String sid);

    /** The outcome of {@link #addSender}. */
    sealed interface Added {
        record Sender(MessagingService.Sender sender) implements Added {}
        record ServiceGone() implements Added {}
        /** No number of the service's account has this SID. */
        record NoSuchNumber() implements Added {}
        /** The number is in a pool already: this service's or another. */
        record InAPool(String serviceSid) implements Added {}
        record PoolFull(int size) implements Added {}
        /** The number can send neither SMS nor MMS. */
        record NotCapable() implements Added {}
    }

    /** Adds one of the account's numbers to the service's pool of at most {@code most} numbers. */
    Added addSender(String accountSid, String serviceSid, String phoneNumberSid, int most, Instant now);

    Optional<MessagingService.Sender> sender(String accountSid, String serviceSid, String phoneNumberSid);

    /** In the order the numbers were bought. */
    Slice<MessagingService.Sender> senders(String accountSid, String serviceSid, PageRequest page);

    boolean removeSender(String accountSid, String serviceSid, String phoneNumberSid);

    /** The service whose pool holds the number, if one does. */
    Optional<MessagingService> poolOf(String phoneNumberSid);

    /** How many numbers the service's pool has. */
    int poolSize(String serviceSid);

    /**
     * The number of the pool a message to {@code to} goes from (E.164), the most fitting first: the one the service's
     * last message to {@code to} came from (when {@code sticky}), one of {@code to}'s area code (its first digits,
     * {@code areaPrefix}, when given), one of its country, then the first bought. Only numbers that can send it
     * (SMS-capable, and MMS-capable too when {@code mms}) count; empty when the pool has none.
     */
    Optional<String> chooseSender(String serviceSid, String to, boolean sticky, Optional<String> areaPrefix, String isoCountry, boolean mms);
}
