package dev.accountd.cli;

import dev.accountd.config.Config;
import java.util.concurrent.Callable;

/** Runs a command body, turning configuration and operator mistakes into one clear line and exit code 2. */
final class Commands {
    private Commands() {}

    static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (Config.InvalidConfig | IllegalArgumentException e) {
            System.err.println("accountd: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("accountd: " + e.getMessage());
            return 1;
        }
    }
}
