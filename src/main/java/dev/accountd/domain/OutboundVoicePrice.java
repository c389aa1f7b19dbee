package dev.accountd.domain;

import java.util.List;

/**
 * The per-minute price of calls to the destinations whose E.164 digits start with one of {@code prefixes}
 * (Twilio's OutboundPrefixPrice), for example {@code ["447"]} for United Kingdom mobiles.
 */
public record OutboundVoicePrice(String friendlyName, List<String> prefixes, Money price) {
    public OutboundVoicePrice {
        prefixes = List.copyOf(prefixes);
    }
}
