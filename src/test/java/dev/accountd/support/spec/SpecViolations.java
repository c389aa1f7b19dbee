package dev.accountd.support.spec;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every spec violation seen while a test runs. {@link SpecCheck} throws where the request was made, which fails the
 * test on its own thread; a request made on a pool or storm thread may have its error swallowed there, so this
 * extension (registered for every test through {@code META-INF/services} and {@code junit-platform.properties})
 * also fails a test that passed although a response it caused broke the spec.
 */
public final class SpecViolations implements BeforeEachCallback, AfterEachCallback {
    private static final List<AssertionError> seen = new ArrayList<>();

    static void record(AssertionError violation) {
        synchronized (seen) {
            seen.add(violation);
        }
    }

    private static List<AssertionError> drain() {
        synchronized (seen) {
            List<AssertionError> all = List.copyOf(seen);
            seen.clear();
            return all;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        drain(); // what class set-up or an earlier test's stragglers caused was reported there
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AssertionError> violations = drain();
        if (violations.isEmpty() || context.getExecutionException().isPresent()) return;
        AssertionError failure = new AssertionError(violations.size() + " response(s) broke Twilio's spec during this test "
                + "(its error was caught, or thrown on another thread); the first:\n" + violations.get(0).getMessage());
        violations.forEach(failure::addSuppressed);
        throw failure;
    }
}
