package dev.accountd.service;

import dev.accountd.service.inventory.Block;
import dev.accountd.service.inventory.Permutation;
import dev.accountd.service.inventory.Space;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.PhoneNumberStore.Cursor;
import dev.accountd.store.PhoneNumberStore.Slot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds free numbers of the inventory without holding or scanning it. Each block offers its numbers in its fixed
 * order from its cursor (released positions first, then from the first position that may be free), or, for a
 * Contains search, the numbers that have the pattern's digits where the pattern puts them. Blocks take turns, so a
 * search over many blocks is spread over them; each turn's candidates are checked for owners in one query.
 *
 * <p>The work is bounded: a search looks at no more than {@code 20 × limit + 2000} candidates (and a Contains search
 * tries at most 1,000,000 digit combinations), however many numbers exist or are owned. Owned numbers a block's cursor has passed cost nothing; the only owned numbers a search steps
 * over are those bought ahead of the cursor (by PhoneNumber, out of order), which are few.
 */
final class InventorySearch {
    /** A block this small is searched for a Contains pattern by reading it whole. */
    static final int SMALL_BLOCK = 20_000;
    /**
     * The most combinations of free digits a Contains search tries in one block, in all blocks together, and in
     * all blocks together to offer their matches in the blocks' order (see {@link MatchSource}).
     */
    static final int MATCH_TRIES_PER_BLOCK = 20_000;
    static final int MATCH_TRIES = 1_000_000;
    static final int MATCH_TRIES_IN_ORDER = 200_000;

    private final PhoneNumberStore store;

    InventorySearch(PhoneNumberStore store) { this.store = store; }

    /** A free number found, with its place in its block. */
    record Candidate(Block block, long position, String e164) {
        Slot slot() { return new Slot(block.key(), position); }
    }

    /** Up to {@code limit} free numbers of these blocks, in turn, that match the pattern if there is one. */
    List<Candidate> free(List<Block> blocks, Optional<ContainsPattern> pattern, int limit) {
        ArrayDeque<Source> turns = new ArrayDeque<>();
        long[] tries = {MATCH_TRIES, MATCH_TRIES_IN_ORDER};
        for (Block b : blocks) {
            // a pattern every number of the block matches (+1415%, say) leaves the block's own order
            boolean all = pattern.isEmpty() || MatchSource.placements(b, pattern.get()).stream().anyMatch(MatchSource::fixesNothing);
            turns.add(all ? new OrderSource(b) : new MatchSource(b, pattern.get(), tries));
        }
        List<Candidate> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int examined = 0;
        int budget = 20 * limit + 2000;
        while (found.size() < limit && !turns.isEmpty() && examined < budget) {
            int need = limit - found.size();
            int share = Math.max(1, (need + turns.size() - 1) / turns.size());
            List<Source> asked = new ArrayList<>();
            for (int asking = 0; asking < need && !turns.isEmpty(); asking += share) asked.add(turns.poll());
            loadCursors(asked, limit);
            List<Candidate> batch = new ArrayList<>();
            for (Source s : asked) {
                batch.addAll(s.next(Math.min(share, need - batch.size())));
                if (!s.exhausted()) turns.add(s);
            }
            examined += batch.size();
            Set<String> owned = store.owned(batch.stream().map(Candidate::e164).toList());
            for (Candidate c : batch) if (!owned.contains(c.e164()) && seen.add(c.e164())) found.add(c);
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** Reads, in one query, the cursors of the blocks about to be asked for the first time. */
    private void loadCursors(List<Source> asked, int released) {
        List<OrderSource> fresh = new ArrayList<>();
        for (Source s : asked) if (s instanceof OrderSource o && o.cursor == null) fresh.add(o);
        if (fresh.isEmpty()) return;
        Map<String, Cursor> cursors = store.cursors(fresh.stream().map(o -> o.block.key()).toList(), Math.min(released, 1000));
        for (OrderSource o : fresh) o.start(cursors.getOrDefault(o.block.key(), Cursor.START));
    }

    private interface Source {
        /** Up to {@code n} more candidates (fewer once the source is exhausted). */
        List<Candidate> next(int n);

        boolean exhausted();
    }

    /** A block's numbers in its order: released positions, then from the cursor on. */
    private static final class OrderSource implements Source {
        final Block block;
        Cursor cursor;
        int releasedTaken;
        long position;

        OrderSource(Block block) { this.block = block; }

        void start(Cursor c) {
            cursor = c;
            position = c.next();
        }

        @Override
        public List<Candidate> next(int n) {
            List<Candidate> out = new ArrayList<>();
            while (out.size() < n && !exhausted()) {
                long p = releasedTaken < cursor.released().size() ? cursor.released().get(releasedTaken++) : position++;
                if (p < block.size()) out.add(new Candidate(block, p, block.number(p)));
            }
            return out;
        }

        @Override
        public boolean exhausted() { return releasedTaken >= cursor.released().size() && position >= block.size(); }
    }

    /**
     * A block's numbers that match a Contains pattern. A small block is read whole, in its order. In a large one the
     * pattern's digits are put at each place they can go (where they agree with the prefix), and the other digits
     * run through their combinations; combinations the block does not have are skipped. When there are at most
     * {@link #MATCH_TRIES_PER_BLOCK} combinations (and the search has tried fewer than {@link #MATCH_TRIES_IN_ORDER}
     * this way) they are all tried and offered in the block's order, so the matching numbers come in the order a
     * search without Contains shows them; otherwise in a fixed shuffled order.
     */
    private static final class MatchSource implements Source {
        final Block block;
        final ContainsPattern pattern;
        final List<int[]> placements;
        final Set<Long> yielded = new HashSet<>();
        int placement;
        long tried;
        long combination;
        Permutation shuffle;
        List<Long> sorted;
        int taken;
        long triesLeft = MATCH_TRIES_PER_BLOCK;
        final long[] searchTriesLeft;

        MatchSource(Block block, ContainsPattern pattern, long[] searchTriesLeft) {
            this.block = block;
            this.pattern = pattern;
            this.searchTriesLeft = searchTriesLeft;
            this.placements = placements(block, pattern);
        }

        @Override
        public List<Candidate> next(int n) {
            List<Candidate> out = new ArrayList<>();
            if (placements.isEmpty()) return out;
            if (block.size() <= SMALL_BLOCK) {
                while (out.size() < n && tried < block.size()) {
                    String e164 = block.number(tried);
                    if (pattern.matches(e164)) out.add(new Candidate(block, tried, e164));
                    tried++;
                }
                return out;
            }
            long all = sorted == null ? combinations() : 0;
            if (sorted == null && all <= MATCH_TRIES_PER_BLOCK && all <= searchTriesLeft[1]) {
                searchTriesLeft[1] -= all;
                sorted = allInOrder();
            }
            if (sorted != null) {
                while (out.size() < n && taken < sorted.size()) {
                    long p = sorted.get(taken++);
                    out.add(new Candidate(block, p, block.number(p)));
                }
                return out;
            }
            Space space = block.space();
            while (out.size() < n && !exhausted()) {
                int[] fixed = placements.get(placement);
                long combinations = pow10(free(fixed));
                if (combination >= combinations) {
                    placement++;
                    combination = 0;
                    shuffle = null;
                    continue;
                }
                if (shuffle == null) shuffle = new Permutation(combinations, placement * 7919L + block.prefix().hashCode());
                long c = shuffle.natural(combination++);
                triesLeft--;
                searchTriesLeft[0]--;
                OptionalLong natural = space.natural(value(fixed, c));
                if (natural.isEmpty()) continue;
                long p = block.order().position(natural.getAsLong());
                String e164 = block.number(p);
                if (pattern.matches(e164) && yielded.add(p)) out.add(new Candidate(block, p, e164));
            }
            return out;
        }

        private long combinations() {
            long total = 0;
            for (int[] fixed : placements) total += pow10(free(fixed));
            return total;
        }

        /** Every matching position of the block (there are few combinations to try), in the block's order. */
        private List<Long> allInOrder() {
            Space space = block.space();
            Set<Long> positions = new HashSet<>();
            for (int[] fixed : placements) {
                int free = free(fixed);
                for (long c = 0; c < pow10(free); c++) {
                    searchTriesLeft[0]--;
                    OptionalLong natural = space.natural(value(fixed, c));
                    if (natural.isEmpty()) continue;
                    long p = block.order().position(natural.getAsLong());
                    if (pattern.matches(block.number(p))) positions.add(p);
                }
            }
            List<Long> sorted = new ArrayList<>(positions);
            java.util.Collections.sort(sorted);
            return sorted;
        }

        private static int free(int[] fixed) {
            int free = 0;
            for (int digit : fixed) if (digit < 0) free++;
            return free;
        }

        /** The subscriber value with these fixed digits and the free ones taken, in order, from {@code c}. */
        private static long value(int[] fixed, long c) {
            long value = 0;
            for (int digit : fixed) value = value * 10 + (digit >= 0 ? digit : 0);
            for (int i = fixed.length - 1; i >= 0; i--) {
                if (fixed[i] >= 0) continue;
                value += (c % 10) * pow10(fixed.length - 1 - i);
                c /= 10;
            }
            return value;
        }

        @Override
        public boolean exhausted() {
            if (placements.isEmpty()) return true;
            if (block.size() <= SMALL_BLOCK) return tried >= block.size();
            if (sorted != null) return taken >= sorted.size();
            return placement >= placements.size() || triesLeft <= 0 || searchTriesLeft[0] <= 0;
        }

        static boolean fixesNothing(int[] placement) { return java.util.Arrays.stream(placement).allMatch(d -> d < 0); }

        /**
         * Where the pattern's digits can go in the block's numbers: for each place, the subscriber digits it fixes
         * ({@code -1} where free); places where the digits disagree with the prefix are left out.
         */
        static List<int[]> placements(Block block, ContainsPattern pattern) {
            String prefix = block.prefix().substring(1);
            String digits = pattern.digits();
            int length = prefix.length() + block.digits();
            int from = pattern.anchoredStart() ? 0 : pattern.before();
            int to = length - digits.length() - pattern.after();
            if (pattern.anchoredEnd()) from = Math.max(from, length - digits.length());
            if (pattern.anchoredStart()) to = Math.min(to, 0);
            List<int[]> placements = new ArrayList<>();
            for (int p = from; p <= to; p++) {
                int[] fixed = new int[block.digits()];
                java.util.Arrays.fill(fixed, -1);
                boolean fits = true;
                for (int k = 0; k < digits.length() && fits; k++) {
                    int i = p + k;
                    int digit = digits.charAt(k) - '0';
                    if (i < prefix.length()) fits = prefix.charAt(i) - '0' == digit; else fixed[i - prefix.length()] = digit;
                }
                if (fits) placements.add(fixed);
            }
            return placements;
        }
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
