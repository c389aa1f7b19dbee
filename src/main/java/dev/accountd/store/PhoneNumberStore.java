package dev.accountd.store;

import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Persistence of owned phone numbers. The rules that must hold under concurrency are checked here, inside the
 * transaction that changes the number: one owner per number, only active accounts buy or receive numbers, and a
 * number's addresses exist and belong to its owner.
 */
public interface PhoneNumberStore {

    /** The ListIncomingPhoneNumber filters; empty ones match everything. */
    record Filter(Optional<NumberType> type, Optional<String> friendlyName, Optional<String> phoneNumberLike,
                  Optional<String> origin) {}

    /** The outcome of {@link #insert}. */
    sealed interface Purchase {
        record Bought(PhoneNumber number) implements Purchase {}
        /** Another account owns the number (or bought it first, concurrently). */
        record Taken() implements Purchase {}
        /** The buyer, or its main account, is suspended. */
        record AccountNotActive() implements Purchase {}
        /** The buyer was closed (closed accounts are read-only). */
        record AccountClosed() implements Purchase {}
        /** An address the number names was deleted meanwhile. */
        record AddressGone(String addressSid) implements Purchase {}
        /** The family's balance is zero or below, or less than the first month's price. */
        record OutOfFunds(Money balance, Money price) implements Purchase {}
    }

    /**
     * What owning a number costs: its monthly price, charged for the first month with the purchase and then on
     * each billing day, to the main account's balance.
     *
     * @param price zero when the table has no price for the number (it is then free, and charged nothing)
     * @param firstBillingDay when its second month is charged
     */
    record Rental(String mainSid, Money price, Instant firstBillingDay) {}

    /**
     * A number whose next month is due: month {@code month} (the second is the first after the purchase's), on
     * {@code billingDay}, charged to the family of its owner now.
     */
    record DueRental(String sid, String accountSid, String mainSid, String phoneNumber, String isoCountry, NumberType type,
                     long month, Instant billingDay) {}

    /** A due month at its price (zero: nothing is charged, the number moves on to its next billing day). */
    record RentalCharge(DueRental due, Money price, Instant nextBillingDay) {}

    /** The outcome of {@link #update} and {@link #transfer}. */
    sealed interface UpdateResult {
        record Changed(PhoneNumber number) implements UpdateResult {}
        /** No such number (a closing account releases its numbers, so a closed account has none). */
        record NotFound() implements UpdateResult {}
        record AddressGone(String addressSid) implements UpdateResult {}
        record TargetNotActive() implements UpdateResult {}
        /** The new owner has no Address that meets the number's requirement. */
        record TargetNeedsAddress() implements UpdateResult {}
    }

    /**
     * A number's place in the simulated inventory: its block and its position in the block's fixed order. The store
     * keeps, per block, the first position that may be free (every position below it is owned or was released), so
     * that a search starts there instead of stepping over every owned number.
     */
    record Slot(String block, long position) {}

    /**
     * Where a block's order stands: positions below {@code next} are owned, except {@code released} (ascending, the
     * first few only), which were released and not bought again.
     */
    record Cursor(long next, List<Long> released) {
        public static final Cursor START = new Cursor(0, List.of());
    }

    /**
     * Buys a number: one owner per number; with its slot, the block's cursor moves in the same transaction, and so
     * is its first month charged, holding the family's balance, which must be above zero and cover it.
     *
     * @param charged the audit of the ledger entries the charge writes (an auto-recharge it sets off is an event)
     */
    Purchase insert(PhoneNumber number, Optional<Slot> slot, Rental rental, Audit<PhoneNumber> audit, Audit<LedgerEntry> charged);

    /** The numbers whose billing day is at or before {@code now}, earliest first (at most {@code limit}). */
    List<DueRental> dueRentals(Instant now, int limit);

    /**
     * Charges these months in one transaction, each dated on its billing day, and moves each number on to its next
     * billing day. A number released, transferred or charged meanwhile is left for the next look at what is due.
     *
     * @return how many months were charged or passed (at price zero)
     */
    int chargeRentals(List<RentalCharge> charges, Audit<LedgerEntry> charged);

    /** The cursors of these blocks (a block never bought from has none), each with at most {@code released} released positions. */
    Map<String, Cursor> cursors(Collection<String> blocks, int released);

    Optional<PhoneNumber> find(String accountSid, String sid);

    /** The number with this E.164 value, whoever owns it. */
    Optional<PhoneNumber> findByNumber(String e164);

    Slice<PhoneNumber> list(String accountSid, Filter filter, PageRequest page);

    /** The numbers whose AddressSid or EmergencyAddressSid is this address. */
    Slice<PhoneNumber> listDependents(String accountSid, String addressSid, PageRequest page);

    /** The accounts that own these numbers now, by number SID (numbers released meanwhile are left out). */
    Map<String, String> ownersBySid(Collection<String> sids);

    /** Which of these numbers some account owns. */
    Set<String> owned(Collection<String> phoneNumbers);

    /**
     * Changes a number's name, addresses and settings (not its owner, number or creation date): {@code change} is
     * applied to the row as it stands, held locked, so that two updates of different settings both land.
     */
    UpdateResult update(String accountSid, String sid, UnaryOperator<PhoneNumber> change, Audit<PhoneNumber> audit);

    /**
     * Moves a number, with these settings, to another account of the same family, which must be active (see
     * {@link PhoneNumber#ownedBy}). Its AddressSid becomes {@code address}, or when that is empty the new owner's
     * first Address that meets the number's requirement; its EmergencyAddressSid becomes {@code emergencyAddress}.
     * Both must be Addresses of the new owner ({@link UpdateResult.AddressGone} otherwise); the caller has checked that
     * a named {@code address} meets the number's requirement.
     */
    UpdateResult transfer(String accountSid, String sid, UnaryOperator<PhoneNumber> configure, String toAccountSid,
                          Optional<String> address, Optional<String> emergencyAddress,
                    Instant now, Audit<PhoneNumber> audit);

    /** Releases a number: it returns to the inventory (a released position of its block, once the cursor has passed it). */
    boolean delete(String accountSid, String sid, Audit<PhoneNumber> audit);
}
