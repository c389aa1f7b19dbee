package dev.accountd.service.inventory;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A block as the operator's inventory file writes it ({@code ACCOUNTD_INVENTORY_FILE}), read but not yet checked:
 * {@link OperatorBlocks#check} turns it into a {@link Block} or says what is wrong with it.
 *
 * @param prefix the E.164 prefix, {@code +1555555}
 * @param digits how many digits follow the prefix
 * @param first the first subscriber number of the block ({@code digits} digits); empty means all zeros
 * @param last the last one; empty means all nines
 */
public record OperatorBlock(String country, String type, String prefix, int digits, Optional<String> first, Optional<String> last,
                            Optional<String> locality, Optional<String> region, Optional<String> postalCode,
                            Optional<String> rateCenter, Optional<String> lata, Optional<BigDecimal> latitude,
                            Optional<BigDecimal> longitude, Optional<String> addressRequirements,
                            Optional<Block.Capabilities> capabilities) {}
