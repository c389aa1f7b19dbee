package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A call of an account, outbound (made through the API) or inbound (received on one of its numbers), simulated on
 * accountd's clock: no audio is carried.
 *
 * @param outcome how the simulation ends it when it rings: answered, busy, no-answer or failed
 * @param talkSeconds how long it talks once answered (TimeLimit, or the simulated destination's, or the default)
 * @param ringSeconds how long it rings before it is answered, or before no-answer (its Timeout)
 * @param minutePrice what a minute costs this call's family, fixed when it was created
 * @param price what it cost, negative as Twilio shows it; empty until it completes (and forever when not answered)
 * @param voiceUrl the URL requested when it is answered (its Url, or its Application's VoiceUrl); empty for Twiml
 * @param callbackEvents the StatusCallbackEvent values: which changes are reported to the status callback
 * @param sequence how many status callbacks it has sent (their SequenceNumber)
 */
public record Call(String sid, String accountSid, String mainSid, Optional<String> parentCallSid, Direction direction, String from,
                   String to, Optional<String> phoneNumberSid, Status status, Outcome outcome, int talkSeconds, int ringSeconds,
                   String category, Money minutePrice, Optional<Money> price, Optional<Integer> duration, Optional<String> voiceUrl,
                   String voiceMethod, Optional<String> statusCallback, String callbackMethod, Set<String> callbackEvents, int sequence,
                   Instant dateCreated, Instant dateUpdated, Optional<Instant> startTime, Optional<Instant> answerTime,
                   Optional<Instant> endTime, Optional<Instant> nextStep) {
    public static final String SID_PREFIX = "CA";

    public Call {
        callbackEvents = Set.copyOf(callbackEvents);
    }

    /** The directions of calls accountd makes. */
    public enum Direction {
        INBOUND("inbound"), OUTBOUND_API("outbound-api");

        private final String wire;

        Direction(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Direction fromWire(String value) {
            for (Direction d : values()) if (d.wire.equals(value)) return d;
            throw new IllegalArgumentException("unknown call direction " + value);
        }
    }

    /** The call_enum_status values. */
    public enum Status {
        QUEUED("queued"), RINGING("ringing"), IN_PROGRESS("in-progress"), COMPLETED("completed"), BUSY("busy"), FAILED("failed"),
        NO_ANSWER("no-answer"), CANCELED("canceled");

        private final String wire;

        Status(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public boolean isFinal() { return this == COMPLETED || this == BUSY || this == FAILED || this == NO_ANSWER || this == CANCELED; }

        public static Optional<Status> fromWire(String value) {
            for (Status s : values()) if (s.wire.equals(value)) return Optional.of(s);
            return Optional.empty();
        }
    }

    /** What the destination does when the call rings it. */
    public enum Outcome {
        ANSWERED("answered"), BUSY("busy"), NO_ANSWER("no-answer"), FAILED("failed");

        private final String wire;

        Outcome(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Optional<Outcome> fromWire(String value) {
            for (Outcome o : values()) if (o.wire.equals(value)) return Optional.of(o);
            return Optional.empty();
        }
    }

    /** The ledger cause of its charge: a call is charged once. */
    public String chargeCause() { return "call:" + sid; }

    /** A copy moved to another status at {@code when}; the caller sets what else changes through the builder. */
    public Builder toBuilder() { return new Builder(this); }

    /** Changes to a call as its simulation moves it on. */
    public static final class Builder {
        private final Call c;
        private Status status;
        private Optional<Money> price;
        private Optional<Integer> duration;
        private int talkSeconds;
        private int sequence;
        private Instant dateUpdated;
        private Optional<Instant> startTime;
        private Optional<Instant> answerTime;
        private Optional<Instant> endTime;
        private Optional<Instant> nextStep;
        private Optional<String> voiceUrl;
        private String voiceMethod;

        private Builder(Call c) {
            this.c = c;
            status = c.status;
            price = c.price;
            duration = c.duration;
            talkSeconds = c.talkSeconds;
            sequence = c.sequence;
            dateUpdated = c.dateUpdated;
            startTime = c.startTime;
            answerTime = c.answerTime;
            endTime = c.endTime;
            nextStep = c.nextStep;
            voiceUrl = c.voiceUrl;
            voiceMethod = c.voiceMethod;
        }

        public Builder status(Status s, Instant when) { status = s; dateUpdated = when; return this; }
        public Builder price(Money p) { price = Optional.of(p); return this; }
        public Builder duration(int seconds) { duration = Optional.of(seconds); return this; }
        public Builder talkSeconds(int seconds) { talkSeconds = seconds; return this; }
        public Builder sequence(int n) { sequence = n; return this; }
        public Builder startTime(Instant t) { startTime = Optional.of(t); return this; }
        public Builder answerTime(Instant t) { answerTime = Optional.of(t); return this; }
        public Builder endTime(Instant t) { endTime = Optional.of(t); return this; }
        public Builder nextStep(Optional<Instant> t) { nextStep = t; return this; }
        public Builder voice(Optional<String> url, String method) { voiceUrl = url; voiceMethod = method; return this; }

        public Call build() {
            return new Call(c.sid, c.accountSid, c.mainSid, c.parentCallSid, c.direction, c.from, c.to, c.phoneNumberSid, status, c.outcome,
                    talkSeconds, c.ringSeconds, c.category, c.minutePrice, price, duration, voiceUrl, voiceMethod, c.statusCallback,
                    c.callbackMethod, c.callbackEvents, sequence, c.dateCreated, dateUpdated, startTime, answerTime, endTime, nextStep);
        }
    }
}
