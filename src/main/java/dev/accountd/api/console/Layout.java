package dev.accountd.api.console;

import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.domain.Account;
import java.util.ArrayList;
import java.util.List;

/** The frame of every console page: header with the account shown, navigation, the page, and a form token. */
final class Layout {
    static final String STYLESHEET = "/console/assets/console.css";
    static final String ICON = "/console/assets/favicon.svg";

    private Layout() {}

    static String signedIn(Request r, View v, Html notice, boolean sandboxTools) {
        Account acting = r.acting();
        List<Html> nav = new ArrayList<>();
        for (Section s : Section.values()) {
            if (s == Section.DORMANT && !(r.isMain() && !r.signed().actingAsOther())) continue;
            if (s == Section.SANDBOX && !(sandboxTools && r.isMain())) continue;
            nav.add(s == v.section()
                    ? Html.of("<li><a href=\"{}\" aria-current=\"page\">{}</a></li>", s.path, s.label)
                    : Html.of("<li><a href=\"{}\">{}</a></li>", s.path, s.label));
        }
        Html switchBack = Html.when(r.signed().actingAsOther(), Html.of("""
                <form method="post" action="/console/switch" class="inline">{}<input type="hidden" name="AccountSid" value="{}">
                <button type="submit" class="link">Back to main account</button></form>""", csrfField(r), r.caller().accountSid()));
        Html body = Html.of("""
                <header class="top">
                  <a class="brand" href="/console">accountd</a>
                  <div class="shown" aria-label="Account shown">
                    <span class="kind">{}</span> <strong>{}</strong> <code>{}</code> {} {}
                  </div>
                  <form method="post" action="/console/signout" class="inline">{}<button type="submit" class="link">Sign out</button></form>
                </header>
                <nav class="sections" aria-label="Sections"><ul>{}</ul></nav>
                <main id="main">
                  <h1>{}</h1>
                  {}
                  {}
                </main>""",
                acting.isMain() ? "Main account" : "Subaccount", acting.friendlyName(), acting.sid(), Fmt.status(acting.status()), switchBack,
                csrfField(r), Html.join(nav), v.title(), notice, v.body());
        return document(v.title(), body);
    }

    static String document(String title, Html body) {
        return Html.of("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{} · accountd console</title>
                <link rel="stylesheet" href="{}">
                <link rel="icon" href="{}" type="image/svg+xml">
                </head>
                <body>
                <a class="skip" href="#main">Skip to content</a>
                {}
                </body>
                </html>
                """, title, STYLESHEET, ICON, body).markup();
    }

    /** The hidden field every form of a signed-in page carries. */
    static Html csrfField(Request r) {
        return Html.of("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", r.csrf());
    }
}
