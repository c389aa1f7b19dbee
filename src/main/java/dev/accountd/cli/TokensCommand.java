package dev.accountd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accountd.Accountd;
import dev.accountd.domain.Account;
import dev.accountd.service.TokenService;
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
        @Mixin StoreOptions store;

        @Option(names = "--all-subaccounts-of", required = true, paramLabel = "ACCOUNT_SID", description = "The main account")
        String mainSid;

        @Option(names = "--account-sid", paramLabel = "ACCOUNT_SID", description = "Only these subaccounts (repeatable)")
        List<String> only = new ArrayList<>();

        @Override
        public Integer call() {
            return Commands.run(() -> {
                try (Accountd app = Accountd.open(store.load(null), dev.accountd.service.MutableClock.system())) {
                    List<Account> rotated = app.tokens().rotateSubaccounts(null, mainSid, only);
                    System.out.println(new ObjectMapper().writeValueAsString(TokenService.report(mainSid, rotated)));
                }
                return 0;
            });
        }
    }
}
