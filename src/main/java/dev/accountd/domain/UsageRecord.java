package dev.accountd.domain;

import java.time.LocalDate;

/** What an account used under one category from {@code startDate} to {@code endDate} (GMT days, both included). */
public record UsageRecord(String accountSid, UsageCategory category, LocalDate startDate, LocalDate endDate, UsageTotals totals) {}
