package dev.accountd.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The Messages list's filters: exact To and From, and a window on date_sent ({@code from} inclusive, {@code before}
 * exclusive); a message not sent yet matches no date window.
 */
public record MessageFilter(Optional<String> to, Optional<String> from, Optional<Instant> sentFrom, Optional<Instant> sentBefore) {}
