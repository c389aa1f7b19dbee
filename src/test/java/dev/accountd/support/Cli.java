package dev.accountd.support;

import dev.accountd.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs accountd's command line in this JVM, capturing stdout (the command's JSON) and stderr (logs, errors). */
public final class Cli {
    private Cli() {}

    public record Run(int exit, String out, String err) {}

    /** Runs a command against a test server's store ({@code --data}, and {@code --db} on PostgreSQL). */
    public static Run against(TestServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(server.cliArgs());
        return run(all.toArray(String[]::new));
    }

    public static synchronized Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine(args).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
