package dev.accountd.cli;

import dev.accountd.Accountd;
import dev.accountd.domain.Account;
import dev.accountd.json.Json;
import dev.accountd.service.MutableClock;
import dev.accountd.service.TokenService;
import java.io.PrintStream;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Operator actions on auth tokens. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Operator actions on auth tokens.",
        subcommands = {TokensCommand.Rotate.class})
public final class TokensCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Rotate the auth tokens of every active or suspended subaccount of a main account (any secondary is dropped). "
                    + "Prints the new tokens as JSON. A running server refuses the old tokens within 100 ms.")
    static final class Rotate implements Callable<Integer> {
        /**
         * Rotates step by step and prints each step's accounts as soon as it commits: memory stays bounded at any
         * family size, and a failure part way leaves printed every token that was changed.
         */
        private void rotate(TokenService tokens, PrintStream out) {
            out.print("{\"account_sid\":" + Json.write(mainSid) + ",\"rotated\":[");
            int count = 0;
            Optional<Long> after = Optional.empty();
            do {
                TokenService.RotationStep step = tokens.rotateSubaccounts(null, mainSid, only, after);
                for (Account a : step.rotated()) {
                    out.print((count++ == 0 ? "" : ",") + Json.write(TokenService.reported(a)));
                }
                out.flush();
                after = step.next();
            } while (after.isPresent());
            out.println("],\"count\":" + count + "}");
        }

        @Mixin StoreOptions store;

        @Option(names = "--all-subaccounts-of", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--account-sid", paramLabel = "ACCOUNT_SID", description = "Only these subaccounts (repeatable)")
        List<String> only = new ArrayList<>();

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(), MutableClock.system())) {
                    rotate(app.tokens(), System.out);
                }
                return 0;
            });
        }
    }
}
