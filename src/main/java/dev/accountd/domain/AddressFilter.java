package dev.accountd.domain;

import java.util.Optional;

/** The ListAddress filters; empty ones match everything. */
public record AddressFilter(Optional<String> customerName, Optional<String> friendlyName, Optional<Boolean> emergencyEnabled,
                            Optional<String> isoCountry) {}
