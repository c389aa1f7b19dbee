package dev.accountd.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Twilio usage category as Usage Records and Usage Triggers show it. Charges are counted under leaves
 * ({@code calls-outbound}, {@code sms-outbound-longcode}, {@code phonenumbers-local}, …); a rollup
 * ({@code calls}, {@code sms-outbound}, {@code channels}, {@code totalprice}, …) is the sum of the leaves beneath it,
 * each leaf once however many paths lead to it, so a rollup never counts anything twice.
 *
 * @param parents the rollups this category feeds directly (a leaf feeds every ancestor through them)
 */
public record UsageCategory(String name, String description, String countUnit, String usageUnit, List<String> parents) {
    public static final String TOTAL_PRICE = "totalprice";

    private static final Map<String, UsageCategory> ALL = catalog();
    private static final Map<String, Set<String>> LEAVES = leavesOfAll();

    public UsageCategory {
        parents = List.copyOf(parents);
    }

    /** Every category accountd reports, alphabetical, as Usage Records list them. */
    public static List<UsageCategory> all() { return List.copyOf(ALL.values()); }

    public static Optional<UsageCategory> find(String name) { return Optional.ofNullable(ALL.get(name)); }

    /** The leaves whose counters this category sums: itself for a leaf. */
    public Set<String> leaves() { return LEAVES.get(name); }

    /** Whether charges are counted under it (a rollup sums leaves); looked up on every charge, so kept, not derived. */
    public boolean isLeaf() { return LEAVES.get(name).equals(Set.of(name)); }

    /** Whether {@code count} is meaningful ({@code totalprice} has none: its usage is money). */
    public boolean hasCount() { return !name.equals(TOTAL_PRICE); }

    private static Map<String, UsageCategory> catalog() {
        Map<String, UsageCategory> c = new TreeMap<>();
        // voice
        add(c, "calls", "Total Calls", "calls", "minutes");
        add(c, "calls-inbound", "Inbound Calls", "calls", "minutes", "calls");
        add(c, "calls-inbound-local", "Inbound Local Calls", "calls", "minutes", "calls-inbound");
        add(c, "calls-inbound-mobile", "Inbound Mobile Calls", "calls", "minutes", "calls-inbound");
        add(c, "calls-inbound-tollfree", "Inbound Tollfree Calls", "calls", "minutes", "calls-inbound");
        add(c, "calls-outbound", "Outbound Calls", "calls", "minutes", "calls");
        add(c, "calls-client", "Client Calls", "calls", "minutes");
        add(c, "calls-sip", "SIP Calls", "calls", "minutes");
        add(c, "calls-recordings", "Call Recordings", "recordings", "minutes");
        add(c, "calls-transfers", "Call Transfers", "calls", "calls");
        add(c, "calls-globalconference", "Global Conference Calls", "calls", "minutes");
        add(c, "calls-text-to-speech", "Text to Speech", "characters", "characters");
        // messaging: every SMS and MMS leaf also feeds the channels-messaging rollups
        add(c, "channels", "Channels", "messages", "messages");
        add(c, "channels-messaging", "Messaging Channels", "messages", "messages", "channels");
        add(c, "channels-messaging-inbound", "Inbound Messaging Channels", "messages", "messages", "channels-messaging");
        add(c, "channels-messaging-outbound", "Outbound Messaging Channels", "messages", "messages", "channels-messaging");
        add(c, "sms", "SMS", "messages", "messages");
        add(c, "sms-inbound", "Inbound SMS", "messages", "messages", "sms", "channels-messaging-inbound");
        add(c, "sms-inbound-longcode", "Inbound Longcode SMS", "messages", "messages", "sms-inbound");
        add(c, "sms-inbound-shortcode", "Short Code Inbound SMS", "messages", "messages", "sms-inbound");
        add(c, "sms-inbound-tollfree", "Inbound Toll-Free SMS", "messages", "messages", "sms-inbound");
        add(c, "sms-outbound", "Outbound SMS", "messages", "messages", "sms", "channels-messaging-outbound");
        add(c, "sms-outbound-longcode", "Outbound Longcode SMS", "messages", "messages", "sms-outbound");
        add(c, "sms-outbound-shortcode", "Short Code Outbound SMS", "messages", "messages", "sms-outbound");
        add(c, "sms-outbound-tollfree", "Outbound Toll-Free SMS", "messages", "messages", "sms-outbound");
        add(c, "mms", "MMS", "messages", "messages");
        add(c, "mms-inbound", "Inbound MMS", "messages", "messages", "mms", "channels-messaging-inbound");
        add(c, "mms-inbound-longcode", "Inbound Longcode MMS", "messages", "messages", "mms-inbound");
        add(c, "mms-inbound-shortcode", "Short Code Inbound MMS", "messages", "messages", "mms-inbound");
        add(c, "mms-inbound-toll-free", "Inbound Toll-Free MMS", "messages", "messages", "mms-inbound");
        add(c, "mms-outbound", "Outbound MMS", "messages", "messages", "mms", "channels-messaging-outbound");
        add(c, "mms-outbound-longcode", "Outbound Longcode MMS", "messages", "messages", "mms-outbound");
        add(c, "mms-outbound-shortcode", "Short Code Outbound MMS", "messages", "messages", "mms-outbound");
        add(c, "mms-outbound-tollfree", "Outbound Toll-Free MMS", "messages", "messages", "mms-outbound");
        // numbers
        add(c, "phonenumbers", "Phone Numbers", "numbers", "numbers");
        add(c, "phonenumbers-local", "Local Phone Numbers", "numbers", "numbers", "phonenumbers");
        add(c, "phonenumbers-mobile", "Mobile Phone Numbers", "numbers", "numbers", "phonenumbers");
        add(c, "phonenumbers-tollfree", "Toll Free Phone Numbers", "numbers", "numbers", "phonenumbers");
        add(c, "phonenumbers-setups", "Phone Number Setups", "numbers", "numbers");
        add(c, "shortcodes", "Short Codes", "shortcodes", "shortcodes");
        // other products accountd does not simulate: listed at zero, as Twilio lists what an account has not used
        add(c, "calleridlookups", "Caller ID Lookups", "lookups", "lookups");
        add(c, "lookups", "Lookups", "lookups", "lookups");
        add(c, "recordings", "Recordings", "recordings", "minutes");
        add(c, "recordingstorage", "Recording Storage", "minutes", "minutes");
        add(c, "transcriptions", "Transcriptions", "transcriptions", "minutes");
        add(c, TOTAL_PRICE, "Total Price", "", "usd");
        return Collections.unmodifiableMap(c);
    }

    private static void add(Map<String, UsageCategory> c, String name, String description, String countUnit, String usageUnit,
                            String... parents) {
        c.put(name, new UsageCategory(name, description, countUnit, usageUnit, List.of(parents)));
    }

    private static Map<String, Set<String>> leavesOfAll() {
        Map<String, Set<String>> leaves = new TreeMap<>();
        for (UsageCategory c : ALL.values()) leaves.put(c.name, new LinkedHashSet<>());
        for (UsageCategory c : ALL.values()) {
            if (!isLeafIn(c.name)) continue;
            leaves.get(c.name).add(c.name);
            leaves.get(TOTAL_PRICE).add(c.name);
            List<String> todo = new ArrayList<>(c.parents);
            while (!todo.isEmpty()) {
                String up = todo.remove(todo.size() - 1);
                if (leaves.get(up).add(c.name)) todo.addAll(ALL.get(up).parents);
            }
        }
        Map<String, Set<String>> frozen = new TreeMap<>();
        leaves.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static boolean isLeafIn(String name) {
        return !name.equals(TOTAL_PRICE) && ALL.values().stream().noneMatch(c -> c.parents.contains(name));
    }
}
