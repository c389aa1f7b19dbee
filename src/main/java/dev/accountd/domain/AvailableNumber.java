package dev.accountd.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A phone number in accountd's simulated inventory, as AvailablePhoneNumbers offers it.
 *
 * @param type the search path it is offered under: Local, TollFree, Mobile, …
 * @param addressRequirements none, any, local or foreign
 */
public record AvailableNumber(
        String phoneNumber,
        String friendlyName,
        String type,
        String isoCountry,
        Optional<String> locality,
        Optional<String> region,
        Optional<String> postalCode,
        Optional<String> rateCenter,
        Optional<String> lata,
        Optional<BigDecimal> latitude,
        Optional<BigDecimal> longitude,
        String addressRequirements,
        boolean voice,
        boolean sms,
        boolean mms,
        boolean fax) {}
