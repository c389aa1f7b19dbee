package dev.accountd.store;

import dev.accountd.domain.Address;
import dev.accountd.domain.AddressFilter;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.util.Optional;

/** Persistence of addresses. */
public interface AddressStore {

    Address insert(Address address, Audit<Address> audit);

    Optional<Address> find(String accountSid, String sid);

    Slice<Address> list(String accountSid, AddressFilter filter, PageRequest page);

    /** Replaces an address's fields (all but its SID, account, country and creation date); empty if it is gone. */
    Optional<Address> update(Address changed, Audit<Address> audit);

    /** The outcome of {@link #delete}. */
    sealed interface Deletion {
        record Deleted() implements Deletion {}
        record NotFound() implements Deletion {}
        /** Phone numbers name the address as their AddressSid or EmergencyAddressSid. */
        record InUse(int dependents) implements Deletion {}
    }

    /** Deletes an address unless a phone number depends on it. */
    Deletion delete(String accountSid, String sid, Audit<Address> audit);
}
