package dev.accountd.domain;

/** A subaccount and what it spent in a GMT month, in micro-units of the family's currency. */
public record Spender(String accountSid, String friendlyName, long priceMicros) {}
