package dev.accountd.store;

import dev.accountd.domain.Application;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.Optional;

/** TwiML Applications. */
public interface ApplicationStore {
    /** Stores a new application unless its account is closed (as seen holding the account's row): false then. */
    boolean insert(Application application);

    Optional<Application> find(String accountSid, String sid);

    /** Oldest first. */
    Slice<Application> list(String accountSid, Optional<String> friendlyName, PageRequest page);

    void update(Application application);

    /** The outcome of {@link #delete}. */
    enum Deleted { DELETED, NOT_FOUND, IN_USE }

    /** Deletes it unless a number of its account points to it. */
    Deleted delete(String accountSid, String sid);
}
