package dev.accountd.service;

import dev.accountd.domain.Call;
import dev.accountd.domain.Message;
import dev.accountd.domain.SimulatedDestination;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.inventory.PhoneNumbers;
import dev.accountd.store.SimulationStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Simulated destinations (accountd's extension): what a number a family calls or texts does, so that tests can meet
 * busy, no-answer, failed and undelivered as they would on Twilio. Set by the family's main account; a destination
 * that is not set answers, talks for the call's default time and delivers.
 */
public final class SimulationService {
    private final SimulationStore store;
    private final Clock clock;

    public SimulationService(SimulationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The parameters of a change, as sent. */
    public record Setting(Optional<String> callOutcome, Optional<String> callSeconds, Optional<String> messageOutcome) {}

    public SimulatedDestination fetch(Caller caller, String e164) {
        requireMain(caller);
        return store.destination(caller.mainSid(), number(e164)).orElseThrow(TwilioException::notFound);
    }

    public SimulatedDestination put(Caller caller, String e164, Setting s) {
        requireMain(caller);
        String number = number(e164);
        Optional<SimulatedDestination> before = store.destination(caller.mainSid(), number);
        Call.Outcome call = s.callOutcome().map(v -> Call.Outcome.fromWire(v.trim()).orElseThrow(() -> TwilioException.of(ErrorCode.INVALID_PARAMETER,
                        "Invalid CallOutcome '" + v + "': expected answered, busy, no-answer or failed")))
                .orElse(before.map(SimulatedDestination::callOutcome).orElse(Call.Outcome.ANSWERED));
        Optional<Integer> seconds = s.callSeconds().isPresent() ? Optional.of(callSeconds(s.callSeconds().get()))
                : before.flatMap(SimulatedDestination::callSeconds);
        Message.Status message = s.messageOutcome().map(v -> switch (v.trim()) {
                    case "delivered" -> Message.Status.DELIVERED;
                    case "undelivered" -> Message.Status.UNDELIVERED;
                    case "failed" -> Message.Status.FAILED;
                    default -> throw TwilioException.of(ErrorCode.INVALID_PARAMETER,
                            "Invalid MessageOutcome '" + v + "': expected delivered, undelivered or failed");
                })
                .orElse(before.map(SimulatedDestination::messageOutcome).orElse(Message.Status.DELIVERED));
        SimulatedDestination d = new SimulatedDestination(caller.mainSid(), number, call, seconds, message, clock.instant());
        store.putDestination(d);
        return d;
    }

    public void delete(Caller caller, String e164) {
        requireMain(caller);
        if (!store.deleteDestination(caller.mainSid(), number(e164))) throw TwilioException.notFound();
    }

    /** The CallSeconds of a destination, or of an inbound call: whole seconds from 1 to 4 hours. */
    static int callSeconds(String value) {
        return CallService.seconds("CallSeconds", java.util.Optional.of(value), CallService.MAX_TIME_LIMIT).orElseThrow();
    }

    private static String number(String e164) {
        String n = e164.trim();
        if (!n.startsWith("+")) n = "+" + n; // a + in a path may arrive as a space or be left out
        if (!PriceBook.Destination.isE164(n) || !PhoneNumbers.isValid(n)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid destination '" + e164 + "': expected a valid E.164 number such as +14155550123");
        }
        return n;
    }

    private static void requireMain(Caller caller) {
        if (!caller.isMainAuthToken()) {
            throw TwilioException.of(ErrorCode.FORBIDDEN, "Simulated destinations are set with the main account's auth token");
        }
    }
}
