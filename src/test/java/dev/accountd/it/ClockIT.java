package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.monitor.v1.Event;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clock that tests can move: with {@code ACCOUNTD_CLOCK=manual} the clock stands still until
 * {@code POST /_accountd/v1/Clock} moves it forward, by a duration or to an instant; the store keeps it, so a
 * restart (or another node) resumes where it stands; moving it runs the time-driven work at once.
 */
class ClockIT {
    static final String CLOCK = "/_accountd/v1/Clock";
    static final String MAIN = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final Map<String, String> MANUAL = Map.of("ACCOUNTD_CLOCK", "manual");

    static TestStore store;
    static TestServer server;
    static RawHttp http;

    @BeforeAll
    static void start() {
        store = TestStore.fresh();
        server = TestServer.startOn(store, MANUAL);
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    static Instant now(Reply r) {
        assertEquals(200, r.status(), r.body());
        assertEquals("manual", r.json().get("mode").asText());
        assertEquals(2, r.json().size(), "exactly now and mode: " + r.body());
        return Instant.parse(r.json().get("now").asText());
    }

    static Instant now() { return now(http.get(CLOCK, MAIN)); }

    @Test
    void aManualClockStandsStill_untilItIsMoved() throws Exception {
        Instant first = now();
        Thread.sleep(1100);
        assertEquals(first, now(), "a second later on the wall, the same instant");
        Account created = Account.creator().create(server.mainClient());
        assertEquals(first, created.getDateCreated().toInstant(), "what happens is dated on the manual clock");
    }

    @Test
    void advance_takesIsoDurations_withCalendarMonths() {
        Instant start = now();
        assertEquals(start.plusSeconds(90), now(http.post(CLOCK, MAIN, "Advance=PT90S")));
        assertEquals(start.plusSeconds(90).plusSeconds(86_400), now(http.post(CLOCK, MAIN, "Advance=P1D")));
        Instant before = now();
        Instant threeMonths = before.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        assertEquals(threeMonths, now(http.post(CLOCK, MAIN, "Advance=P3M")), "months of the calendar, not of 30 days");
        assertEquals(threeMonths.plusSeconds(86_400 + 3_600), now(http.post(CLOCK, MAIN, "Advance=P1DT1H")));
    }

    @Test
    void now_movesToAnInstant_butNeverBack() {
        Instant current = now();
        Instant later = current.plusSeconds(3_600 * 24 * 10);
        assertEquals(later, now(http.post(CLOCK, MAIN, "Now=" + later)));
        assertEquals(later, now(http.post(CLOCK, MAIN, "Now=" + later)), "the same instant again is no move, and no error");
        assertTwilioError(http.post(CLOCK, MAIN, "Now=" + later.minusSeconds(1)), 400, 20001, "never goes back");
        assertEquals(later, now());
    }

    @Test
    void badMoves_areTwilioErrors_andMoveNothing() {
        Instant current = now();
        assertTwilioError(http.post(CLOCK, MAIN, "Advance=tomorrow"), 400, 20001, "Invalid Advance 'tomorrow'");
        assertTwilioError(http.post(CLOCK, MAIN, "Advance=PT0S"), 400, 20001, "positive");
        assertTwilioError(http.post(CLOCK, MAIN, "Advance=-P1D"), 400, 20001, "Advance");
        assertTwilioError(http.post(CLOCK, MAIN, ""), 400, 20001, "Send Advance");
        assertTwilioError(http.post(CLOCK, MAIN, "Advance=P1D&Now=" + current), 400, 20001, "one of them");
        assertTwilioError(http.post(CLOCK, MAIN, "Now=yesterday"), 400, 20001, "Invalid Now");
        assertEquals(current, now());
    }

    @Test
    void onlyAMainAccountsCredentials_readOrMoveTheClock() {
        Account sub = Account.creator().create(server.mainClient());
        String asSub = basic(sub.getSid(), sub.getAuthToken());
        assertTwilioError(http.get(CLOCK, asSub), 403, 20403, "main account");
        assertTwilioError(http.post(CLOCK, asSub, "Advance=P1D"), 403, 20403, "main account");
        NewKey key = NewKey.creator(TestServer.MAIN_SID).create(server.mainClient());
        now(http.get(CLOCK, basic(key.getSid(), key.getSecret())));
        assertTwilioError(http.get(CLOCK, null), 401, 20003, "Authenticate");
    }

    @Test
    void everyMove_isAMonitorEvent() {
        Instant before = now();
        Instant after = now(http.post(CLOCK, MAIN, "Advance=PT1H"));
        List<Event> moves = new ArrayList<>();
        Event.reader().setEventType("clock.advanced").read(server.mainClient()).forEach(moves::add);
        Event last = moves.get(0);
        assertEquals(TestServer.MAIN_SID, last.getResourceSid());
        assertEquals("clock", last.getResourceType());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<?, ?>) last.getEventData()).get("now");
        assertEquals(before.toString(), data.get("previous"));
        assertEquals(after.toString(), data.get("updated"));
        assertEquals(server.baseUrl() + CLOCK, ((Map<?, ?>) last.getLinks()).get("resource"));
        now(http.get(CLOCK, MAIN)); // the link leads to the clock
    }

    @Test
    void aRestart_resumesWhereTheClockStands() {
        Instant moved = now(http.post(CLOCK, MAIN, "Advance=P400D"));
        server.stop();
        server = TestServer.startOn(store, MANUAL);
        http = server.raw();
        assertEquals(moved, now(), "the store keeps the manual clock");
    }

    @Test
    void movingTheClock_runsTheTimeDrivenWork_closedSubaccountsGoAfter30Days() throws Exception {
        Account sub = Account.creator().create(server.mainClient());
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(server.mainClient());
        http.post(CLOCK, MAIN, "Advance=P29D");
        Thread.sleep(300);
        assertEquals(200, http.get("/2010-04-01/Accounts/" + sub.getSid() + ".json", MAIN).status(), "kept for 30 days");
        http.post(CLOCK, MAIN, "Advance=P2D");
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = http.get("/2010-04-01/Accounts/" + sub.getSid() + ".json", MAIN).status();
            Thread.sleep(50);
        }
        assertEquals(404, status, "deleted by the work the move set off, not at the next scheduled round");
    }

    @Test
    void withTheSystemClock_thereIsNoClockResource() {
        try (TestServer system = TestServer.start()) {
            assertTwilioError(system.raw().get(CLOCK, MAIN), 404, 20404, CLOCK);
            assertTwilioError(system.raw().post(CLOCK, MAIN, "Advance=P1D"), 404, 20404, CLOCK);
        }
    }
}
