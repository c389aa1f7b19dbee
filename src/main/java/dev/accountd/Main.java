package dev.accountd;

import dev.accountd.cli.AccountsCommand;
import dev.accountd.cli.MigrateCommand;
import dev.accountd.cli.ServeCommand;
import dev.accountd.cli.TokensCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code accounts …}, {@code tokens …} and {@code migrate}. */
@Command(name = "accountd", mixinStandardHelpOptions = true, version = "accountd 0.1.0",
        description = "A self-hosted, wire-compatible implementation of Twilio's Accounts API.")
public final class Main implements Runnable {
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("serve", ServeCommand::new);
        SUBCOMMANDS.put("accounts", AccountsCommand::new);
        SUBCOMMANDS.put("tokens", TokensCommand::new);
        SUBCOMMANDS.put("migrate", MigrateCommand::new);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for these arguments. Only the subcommand being run is registered (all of them for help):
     * picocli reads every registered command's annotations up front, which would slow the server's start.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
            cli.addSubcommand(args[0], SUBCOMMANDS.get(args[0]).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        return cli;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
