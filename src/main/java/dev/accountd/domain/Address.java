package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/** A postal address of an account, which phone numbers with address requirements refer to. */
public record Address(
        String sid,
        String accountSid,
        String customerName,
        Optional<String> friendlyName,
        String street,
        Optional<String> streetSecondary,
        String city,
        String region,
        String postalCode,
        String isoCountry,
        boolean emergencyEnabled,
        Instant dateCreated,
        Instant dateUpdated) {}
