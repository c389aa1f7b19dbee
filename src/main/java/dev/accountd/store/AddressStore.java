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

    /**
     * Changes an address: {@code change} is applied to the row as it stands, held locked, so that two updates of
     * different fields both land; empty if it is gone.
     */
    Optional<Address> update(String accountSid, String sid, java.util.function.UnaryOperator<Address> change, Audit<Address> audit);

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
