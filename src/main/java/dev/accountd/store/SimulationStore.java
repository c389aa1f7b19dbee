package dev.accountd.store;

import dev.accountd.domain.SimulatedDestination;
import java.util.Optional;

/** The simulated destinations of each family. */
public interface SimulationStore {
    Optional<SimulatedDestination> destination(String mainSid, String phoneNumber);

    void putDestination(SimulatedDestination destination);

    boolean deleteDestination(String mainSid, String phoneNumber);
}
