package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.support.KillNineHarness;
import dev.accountd.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A create or a rotation answered 2xx survives SIGKILL of the server, on the store of this pass. Longer runs:
 * {@code -Dkillnine.cycles=10 -Dkillnine.seconds=10}.
 */
class KillNineIT {
    @Test
    void acknowledgedWrites_surviveKillNine() throws Exception {
        try (TestStore store = TestStore.fresh()) {
            int cycles = Integer.getInteger("killnine.cycles", 2);
            int seconds = Integer.getInteger("killnine.seconds", 3);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                KillNineHarness.Result r = new KillNineHarness(store, Path.of("target/accountd.jar")).run(Duration.ofSeconds(seconds), 8);
                System.out.printf("[KillNineIT] %s cycle %d: acknowledged %d writes (%d creates, %d rotations); "
                                + "after restart %d of %d accounts found with their last acknowledged state, %d lost%n",
                        TestStore.postgres() ? "postgresql" : "sqlite", cycle, r.acknowledged(), r.acknowledgedCreates(),
                        r.acknowledgedRotations(), r.found(), r.acknowledgedCreates(), r.lost());
                assertTrue(r.acknowledgedCreates() > 0, "the storm wrote something before the kill");
                assertEquals(0, r.lost(), "lost acknowledged writes: " + r.lostDetails());
            }
        }
    }
}
