package dev.accountd.store;

import dev.accountd.domain.Callback;
import dev.accountd.domain.OutgoingCallerId;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.List;
import java.util.Optional;

/** Outgoing caller IDs. */
public interface CallerIdStore {

    /** The outcome of {@link #insert}. */
    enum Inserted { INSERTED, ALREADY_VERIFIED, ACCOUNT_CLOSED }

    /** Stores a verified caller ID with the callbacks that report its validation, in one transaction. */
    Inserted insert(OutgoingCallerId callerId, List<Callback> callbacks);

    Optional<OutgoingCallerId> find(String accountSid, String sid);

    Optional<OutgoingCallerId> findByNumber(String accountSid, String phoneNumber);

    /** Oldest first. */
    Slice<OutgoingCallerId> list(String accountSid, Optional<String> phoneNumber, Optional<String> friendlyName, PageRequest page);

    boolean rename(String accountSid, String sid, String friendlyName, java.time.Instant now);

    boolean delete(String accountSid, String sid);
}
