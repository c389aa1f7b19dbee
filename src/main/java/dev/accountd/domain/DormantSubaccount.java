package dev.accountd.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An active subaccount that has made or received no call and no message for a while.
 *
 * @param lastActivity the GMT day of its last call or message; empty when it never had one
 * @param quietSince that day, or the day it was created when it never had one
 */
public record DormantSubaccount(String sid, String mainSid, String friendlyName, Instant dateCreated, Optional<LocalDate> lastActivity,
                                LocalDate quietSince) {}
