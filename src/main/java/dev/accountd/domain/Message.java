package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * An SMS or MMS of an account, outbound (sent through the API) or inbound (received on one of its numbers). accountd
 * carries no text to phones: it simulates each message's life on its clock, as Twilio's API shows it.
 *
 * @param segmentPrice what one segment costs this message's family, fixed when it was created
 * @param price what it cost, negative as Twilio shows it; empty until it is sent (and forever when it fails)
 * @param outcome how the simulation ends it: {@link Status#DELIVERED}, {@link Status#UNDELIVERED} or {@link Status#FAILED}
 * @param nextStep when the simulation moves it on (a scheduled message's send time); empty once it is final
 * @param messagingServiceSid the Messaging Service it was sent through, which chose its sender
 */
public record Message(String sid, String accountSid, String mainSid, Direction direction, String from, String to, String body,
                      int numSegments, int numMedia, Status status, Status outcome, Optional<Integer> errorCode, String category,
                      Money segmentPrice, Optional<Money> price, Optional<String> statusCallback, Instant dateCreated,
                      Instant dateUpdated, Optional<Instant> dateSent, Optional<Instant> nextStep, Optional<String> messagingServiceSid) {
    public static final String SID_PREFIX = "SM";

    /** The message_enum_direction values. */
    public enum Direction {
        INBOUND("inbound"), OUTBOUND_API("outbound-api");

        private final String wire;

        Direction(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        public static Direction fromWire(String value) {
            for (Direction d : values()) if (d.wire.equals(value)) return d;
            throw new IllegalArgumentException("unknown message direction " + value);
        }
    }

    /** The message_enum_status values accountd's simulation uses. */
    public enum Status {
        ACCEPTED("accepted"), SCHEDULED("scheduled"), CANCELED("canceled"), QUEUED("queued"), SENDING("sending"), SENT("sent"),
        DELIVERED("delivered"), UNDELIVERED("undelivered"), FAILED("failed"), RECEIVING("receiving"), RECEIVED("received");

        private final String wire;

        Status(String wire) { this.wire = wire; }

        public String wire() { return wire; }

        /** A status the message keeps: nothing happens to it any more. */
        public boolean isFinal() {
            return this == DELIVERED || this == UNDELIVERED || this == FAILED || this == RECEIVED || this == CANCELED;
        }

        public static Status fromWire(String value) {
            for (Status s : values()) if (s.wire.equals(value)) return s;
            throw new IllegalArgumentException("unknown message status " + value);
        }
    }

    public Message redacted(Instant now) {
        return new Message(sid, accountSid, mainSid, direction, from, to, "", numSegments, numMedia, status, outcome, errorCode,
                category, segmentPrice, price, statusCallback, dateCreated, now, dateSent, nextStep, messagingServiceSid);
    }

    /** The same message from another sender, at that sender's category and price per segment. */
    public Message sentFrom(String sender, String senderCategory, Money senderSegmentPrice) {
        return new Message(sid, accountSid, mainSid, direction, sender, to, body, numSegments, numMedia, status, outcome, errorCode,
                senderCategory, senderSegmentPrice, price, statusCallback, dateCreated, dateUpdated, dateSent, nextStep, messagingServiceSid);
    }

    /** A scheduled message, canceled: it is never sent, so never charged. */
    public Message canceled(Instant now) {
        return new Message(sid, accountSid, mainSid, direction, from, to, body, numSegments, numMedia, Status.CANCELED, outcome, errorCode,
                category, segmentPrice, price, statusCallback, dateCreated, now, dateSent, Optional.empty(), messagingServiceSid);
    }

    /** The ledger cause of its charge: a message is charged once. */
    public String chargeCause() { return "message:" + sid; }
}
