package dev.accountd.json;

import dev.accountd.domain.BulkChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bulk lifecycle change as the API and the CLI print it: counts, then every target. */
public final class BulkViews {
    private BulkViews() {}

    public static Map<String, Object> view(BulkChange r) {
        int changed = 0;
        int unchanged = 0;
        int failed = 0;
        List<Map<String, Object>> targets = new ArrayList<>(r.outcomes().size());
        for (BulkChange.Outcome o : r.outcomes()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("account_sid", o.accountSid());
            if (o instanceof BulkChange.Outcome.Changed c) {
                changed++;
                t.put("outcome", "changed");
                t.put("status", c.status().wire());
            } else if (o instanceof BulkChange.Outcome.Unchanged u) {
                unchanged++;
                t.put("outcome", "unchanged");
                t.put("reason", u.reason());
            } else if (o instanceof BulkChange.Outcome.Failed x) {
                failed++;
                t.put("outcome", "failed");
                t.put("code", x.code());
                t.put("message", x.message());
            }
            targets.add(t);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("action", r.action());
        v.put("changed", changed);
        v.put("unchanged", unchanged);
        v.put("failed", failed);
        v.put("more", r.more());
        v.put("targets", targets);
        return v;
    }
}
