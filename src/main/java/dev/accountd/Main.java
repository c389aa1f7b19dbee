package dev.accountd;

import dev.accountd.cli.AccountsCommand;
import dev.accountd.cli.MigrateCommand;
import dev.accountd.cli.ServeCommand;
import dev.accountd.cli.TokensCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code accounts …} and {@code migrate}. */
@Command(name = "accountd", mixinStandardHelpOptions = true, version = "accountd 0.1.0",
        description = "A self-hosted, wire-compatible implementation of Twilio's Accounts API.",
        subcommands = {ServeCommand.class, AccountsCommand.class, TokensCommand.class, MigrateCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
