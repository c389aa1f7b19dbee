package dev.accountd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SidTest {
    @Test
    void anOrderedSid_hasTheShapeOfAnySid() {
        String sid = Sid.ordered(LedgerEntry.SID_PREFIX);
        assertTrue(Sid.isValid(sid, "LE"), sid);
        assertEquals(sid.substring(2).toLowerCase(), sid.substring(2)); // lowercase hex, as generate()'s
    }

    @Test
    void orderedSids_sortAsTheyWereMade_acrossMilliseconds() throws InterruptedException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(Sid.ordered("AE"));
            Thread.sleep(2);
        }
        assertEquals(made.stream().sorted().toList(), made);
    }

    @Test
    void orderedSids_madeInTheSameMillisecond_stayDistinct() {
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) assertTrue(seen.add(Sid.ordered("LE")));
    }

    @Test
    void anOrderedSid_beginsWithTheWallClocksMilliseconds() {
        long before = System.currentTimeMillis();
        String sid = Sid.ordered("RC");
        long after = System.currentTimeMillis();
        long millis = Long.parseLong(sid.substring(2, 14), 16);
        assertTrue(millis >= before && millis <= after, sid);
    }
}
