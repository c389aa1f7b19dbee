package dev.accountd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A country's prices: the longest matching prefix prices a call, and types without a price have none. */
class CountryPricesTest {
    static Money usd(String amount) { return Money.of(amount, "USD"); }

    static final CountryPrices GB = new CountryPrices("GB", "United Kingdom", List.of(
            new OutboundVoicePrice("UK", List.of("44", "44203"), usd("0.0175")),
            new OutboundVoicePrice("UK - Mobile", List.of("447"), usd("0.035")),
            new OutboundVoicePrice("UK - Personal", List.of("4470"), usd("0.45"))),
            Map.of(PriceKind.NUMBER, Map.of(PricedNumberType.LOCAL, usd("1.00"))));

    @Test
    void theLongestMatchingPrefix_pricesTheCall() {
        assertEquals("UK - Mobile", GB.route("447700900123").orElseThrow().price().friendlyName());
        assertEquals("447", GB.route("447700900123").orElseThrow().prefix());
        assertEquals(usd("0.45"), GB.route("447012345678").orElseThrow().price().price(), "4470 is longer than 447");
        assertEquals(usd("0.0175"), GB.route("442079460000").orElseThrow().price().price(), "a landline");
        assertEquals("44203", GB.route("442030000000").orElseThrow().prefix());
    }

    @Test
    void aDestinationNoPrefixMatches_hasNoRoute() {
        assertTrue(GB.route("33123456789").isEmpty());
        assertTrue(GB.route("4").isEmpty(), "a prefix longer than the digits does not match");
    }

    @Test
    void typedPrices_areThereOrAbsent() {
        assertEquals(usd("1.00"), GB.price(PriceKind.NUMBER, PricedNumberType.LOCAL).orElseThrow());
        assertTrue(GB.price(PriceKind.NUMBER, PricedNumberType.TOLL_FREE).isEmpty());
        assertTrue(GB.price(PriceKind.SMS_INBOUND, PricedNumberType.LOCAL).isEmpty());
        assertTrue(GB.has(PriceKind.NUMBER) && GB.has(PriceKind.VOICE_OUTBOUND) && !GB.has(PriceKind.SMS_OUTBOUND));
    }

    @Test
    void outboundVoice_isPricedByPrefixOnly() {
        assertThrows(IllegalArgumentException.class, () -> new CountryPrices("GB", "United Kingdom", List.of(),
                Map.of(PriceKind.VOICE_OUTBOUND, Map.of(PricedNumberType.LOCAL, usd("1")))));
    }

    @Test
    void everyNumberType_hasAPricedType() {
        assertEquals(PricedNumberType.LOCAL, PricedNumberType.of(NumberType.VOIP));
        assertEquals(PricedNumberType.NATIONAL, PricedNumberType.of(NumberType.SHARED_COST));
        assertEquals(PricedNumberType.MOBILE, PricedNumberType.of(NumberType.MACHINE_TO_MACHINE));
        assertEquals(PricedNumberType.TOLL_FREE, PricedNumberType.of(NumberType.TOLL_FREE));
        assertEquals(PricedNumberType.TOLL_FREE, PricedNumberType.parse("TollFree").orElseThrow());
        assertEquals(PricedNumberType.TOLL_FREE, PricedNumberType.parse("toll free").orElseThrow());
        assertTrue(PricedNumberType.parse("voip").isEmpty());
    }
}
