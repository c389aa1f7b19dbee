package dev.accountd.domain;

import java.time.LocalDate;

/** One usage counter: what a leaf category added up to on one GMT day. */
public record DayTotals(LocalDate day, String category, UsageTotals totals) {}
