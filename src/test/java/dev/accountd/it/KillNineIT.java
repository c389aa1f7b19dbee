package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.support.KillNineHarness;
import dev.accountd.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A create, a rotation, a purchase, a recharge, a message or a call answered 2xx survives SIGKILL of the server, on the
 * store of this pass; the money still adds up to the cent (the balance is the opening balance plus the ledger, nothing
 * twice, every message and call charged once at its price), and status callbacks owed at the kill arrive after it. Longer runs:
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
                KillNineHarness.Money m = r.money();
                System.out.printf("[KillNineIT] %s cycle %d: acknowledged %d purchases, %d recharges, %d clock moves, %d messages, %d calls; "
                                + "%d status callbacks received; the ledger holds %d entries, balance %s USD, %d disagreements; refused while up: %s%n",
                        TestStore.postgres() ? "postgresql" : "sqlite", cycle, m.purchases(), m.recharges(), m.clockMoves(), m.messages(),
                        m.calls(), m.callbacks(), m.entries(), m.balance(), m.disagreements().size(), m.refused());
                assertTrue(r.acknowledgedCreates() > 0, "the storm wrote something before the kill");
                assertEquals(0, r.lost(), "lost acknowledged writes: " + r.lostDetails());
                assertEquals(List.of(), m.disagreements(), "the balance, the ledger and what was acknowledged agree");
            }
        }
    }
}
