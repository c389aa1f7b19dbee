package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inventory is generated, not stored: the same search gives the same numbers on every start, less the owned
 * ones, and a released number is offered again in its place.
 */
class InventoryRestartIT {
    static final String ME = TestServer.MAIN_SID;

    static List<String> offered(TestServer server, int areaCode, int count) {
        List<String> numbers = new ArrayList<>();
        Local.reader(ME, "US").setAreaCode(areaCode).setPageSize((long) count).read(server.mainClient())
                .forEach(n -> numbers.add(n.getPhoneNumber().toString()));
        return numbers;
    }

    static List<String> without(List<String> all, List<String> owned) {
        List<String> rest = new ArrayList<>(all);
        rest.removeAll(owned);
        return rest;
    }

    @Test
    void theSameSearch_givesTheSameNumbersAfterARestart_lessTheOwnedOnes_andReleasedNumbersComeBackInTheirPlace() {
        try (TestStore store = TestStore.fresh()) {
            List<String> before;
            List<String> owned = new ArrayList<>();
            String firstSid;
            try (TestServer first = TestServer.startOn(store)) {
                before = offered(first, 646, 20);
                assertEquals(20, before.size());
                firstSid = IncomingPhoneNumber.creator(ME, new PhoneNumber(before.get(0))).create(first.mainClient()).getSid();
                IncomingPhoneNumber.creator(ME, new PhoneNumber(before.get(5))).create(first.mainClient());
                String byArea = IncomingPhoneNumber.creator(ME, "646").create(first.mainClient()).getPhoneNumber().toString();
                assertEquals(before.get(1), byArea, "an area-code purchase takes the first free number of the order");
                owned.addAll(List.of(before.get(0), before.get(1), before.get(5)));
                assertEquals(without(before, owned), offered(first, 646, 17));
            }
            try (TestServer second = TestServer.startOn(store)) {
                assertEquals(without(before, owned), offered(second, 646, 17), "the same numbers after a restart, owned ones excluded");
                IncomingPhoneNumber.deleter(ME, firstSid).delete(second.mainClient());
                owned.remove(before.get(0));
                List<String> again = offered(second, 646, 18);
                assertEquals(without(before, owned), again, "the released number is offered again, in its place");
                assertEquals(before.get(0), again.get(0));
                assertEquals(before.get(0), IncomingPhoneNumber.creator(ME, "646").create(second.mainClient()).getPhoneNumber().toString(),
                        "and an area-code purchase takes it first");
            }
        }
    }
}
