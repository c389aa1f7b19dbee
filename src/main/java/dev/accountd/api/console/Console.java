package dev.accountd.api.console;

import dev.accountd.api.Form;
import dev.accountd.domain.Account;
import dev.accountd.domain.PageRequest;
import dev.accountd.service.Caller;
import dev.accountd.service.ConsoleSessionService.Signed;
import io.javalin.http.Context;
import java.util.Optional;

/** The types the console's pages share: what a request brings, and what a page answers. */
public final class Console {
    private Console() {}

    /** The console's areas, in the order of its navigation. */
    public enum Section {
        ACCOUNTS("Accounts", "/console/accounts"),
        CREDENTIALS("Credentials", "/console/credentials"),
        NUMBERS("Phone numbers", "/console/numbers"),
        BILLING("Billing", "/console/billing"),
        USAGE("Usage", "/console/usage"),
        CALLS("Calls", "/console/calls"),
        MESSAGES("Messages", "/console/messages"),
        EVENTS("Events", "/console/events"),
        DORMANT("Dormant", "/console/dormant"),
        SANDBOX("Sandbox", "/console/sandbox");

        final String label;
        final String path;

        Section(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    /** What a page answers: a page to show, or where the browser goes next (after a form, so a reload posts nothing). */
    public sealed interface Outcome permits View, Redirect {}

    /** @param status the HTTP status (200, or the error's) */
    public record View(Section section, String title, Html body, int status) implements Outcome {
        public View(Section section, String title, Html body) { this(section, title, body, 200); }
    }

    public record Redirect(String location) implements Outcome {
        /** Back to a page with a notice of what was done (one of the console's own texts, never a text from the URL). */
        public static Redirect to(String path, Notice notice, String subject) {
            return new Redirect(Html.url(path, "done", notice.name(), "subject", subject));
        }
    }

    /**
     * A signed-in request: its session, the parameters (query string for a page, form body for an action), and the
     * account the console shows.
     */
    public record Request(Context ctx, Signed signed, Form params) {
        public Caller caller() { return signed.caller(); }

        public Account acting() { return signed.acting(); }

        public String csrf() { return signed.session().csrfToken(); }

        /** True when the signed-in credential is a main account's auth token, which manages the family. */
        public boolean isMain() { return signed.caller().isMainAuthToken(); }

        /** A parameter, trimmed; absent when missing or blank. */
        public Optional<String> param(String name) {
            return params.first(name).map(String::trim).filter(v -> !v.isEmpty());
        }

        public String pathParam(String name) { return ctx.pathParam(name); }

        /** The page of a list this request asks for: {@code after} or {@code before} a position, 50 items. */
        public PageRequest page() {
            Optional<Long> after = param("after").flatMap(Console::position);
            Optional<Long> before = after.isPresent() ? Optional.empty() : param("before").flatMap(Console::position);
            return new PageRequest(50, after, before);
        }
    }

    static Optional<Long> position(String v) {
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A page or an action of the console. */
    @FunctionalInterface
    public interface Page {
        Outcome handle(Request r);
    }
}
