package dev.accountd.json;

import dev.accountd.domain.LedgerEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ledger entries and recharges as the API answers them and the CLI prints them: one shape for both. */
public final class LedgerViews {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private LedgerViews() {}

    /** A recharge: what was paid into whose balance, and the balance after it. */
    public static Map<String, Object> recharge(LedgerEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", e.sid());
        v.put("account_sid", e.mainSid());
        v.put("amount", e.amount().plain());
        v.put("currency", e.amount().currency());
        v.put("balance", e.balanceAfter().plain());
        v.put("reference", e.reference().orElse(null));
        v.put("date_created", DATE.format(e.date()));
        return v;
    }

    /** A ledger entry: who caused it, whose balance it moved, by how much, for what. */
    public static Map<String, Object> entry(LedgerEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sid", e.sid());
        v.put("account_sid", e.accountSid());
        v.put("main_account_sid", e.mainSid());
        v.put("category", e.category());
        v.put("amount", e.amount().plain());
        v.put("currency", e.amount().currency());
        v.put("balance", e.balanceAfter().plain());
        v.put("resource_sid", e.resourceSid().orElse(null));
        v.put("reference", e.reference().orElse(null));
        v.put("date_created", DATE.format(e.date()));
        return v;
    }
}
