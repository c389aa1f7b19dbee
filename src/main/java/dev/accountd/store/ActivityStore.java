package dev.accountd.store;

import dev.accountd.domain.DormantSubaccount;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.LocalDate;

/** When subaccounts last made or received calls or messages (written by the Message and Call inserts). */
public interface ActivityStore {

    /**
     * The family's active subaccounts quiet since {@code quietOnOrBefore} or earlier, least recently active first; one
     * index range of the family, whatever its size. Paged forward only.
     */
    Slice<DormantSubaccount> dormant(String mainSid, LocalDate quietOnOrBefore, PageRequest page);

    /** The last GMT day each of these subaccounts made or received a call or message; absent: none yet (or a main account). */
    java.util.Map<String, LocalDate> lastActivity(java.util.List<String> accountSids);
}
