package dev.accountd;

import dev.accountd.cli.AccountsCommand;
import dev.accountd.cli.MigrateCommand;
import dev.accountd.cli.ServeCommand;
import dev.accountd.cli.TokensCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code accounts …}, {@code tokens …} and {@code migrate}. */
@Command(name = "accountd", mixinStandardHelpOptions = true, version = "accountd 0.1.0",
        description = "A self-hosted, wire-compatible implementation of Twilio's Accounts API.")
public final class Main implements Runnable {
    private static final List<String> SUBCOMMANDS = List.of("serve", "accounts", "tokens", "migrate");

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for these arguments. Only the subcommand being run is registered (all of them for help):
     * picocli reads every registered command's annotations up front, which would slow the server's start.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length > 0 && SUBCOMMANDS.contains(args[0])) {
            cli.addSubcommand(args[0], subcommand(args[0]));
        } else {
            SUBCOMMANDS.forEach(name -> cli.addSubcommand(name, subcommand(name)));
        }
        return cli;
    }

    private static Object subcommand(String name) {
        return switch (name) {
            case "serve" -> new ServeCommand();
            case "accounts" -> new AccountsCommand();
            case "tokens" -> new TokensCommand();
            case "migrate" -> new MigrateCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
