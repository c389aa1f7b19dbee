package dev.accountd.domain;

import java.util.Optional;

/** A change to an account, as UpdateAccount asks for it; empty fields stay as they are. */
public record AccountChange(Optional<String> friendlyName, Optional<AccountStatus> status) {}
