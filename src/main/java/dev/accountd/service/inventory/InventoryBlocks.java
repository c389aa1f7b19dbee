package dev.accountd.service.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * accountd's own blocks: North America first (by area code, then toll-free), then the other countries. They are
 * read from libphonenumber's data once per process, on first use, and shared: they are the same for every server
 * (nothing in them changes, only each block's space is worked out on first use).
 */
public final class InventoryBlocks {
    private InventoryBlocks() {}

    private static final class Holder {
        static final List<Block> BUILT_IN = read();
    }

    public static List<Block> builtIn() { return Holder.BUILT_IN; }

    private static List<Block> read() {
        List<Block> blocks = new ArrayList<>(NanpCatalog.blocks());
        blocks.addAll(InternationalBlocks.blocks());
        return List.copyOf(blocks);
    }
}
