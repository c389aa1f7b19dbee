package dev.accountd.bench;

import dev.accountd.Accountd;
import dev.accountd.api.BasicAuth;
import dev.accountd.config.Config;
import dev.accountd.error.TwilioException;
import dev.accountd.service.MutableClock;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load benchmark's baseline: the same stack (Javalin, Jetty, the same store and the same cached Basic-auth
 * check) answering a fixed body of the size of an Account. accountd's authenticated fetch is measured against it.
 *
 * <p>Usage: {@code FixedBodyServer PORT DATA_DIR BODY_FILE}
 */
public final class FixedBodyServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Config config = Config.load(new Config.Flags(port, Path.of(args[1]), null), System.getenv());
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        Accountd app = Accountd.open(config, MutableClock.system());
        Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.generateEtags = false;
            c.routes.beforeMatched(ctx -> {
                BasicAuth credentials = BasicAuth.parse(ctx.header("Authorization")).orElseThrow(() -> new IllegalStateException("no credentials"));
                app.authenticator().authenticate(credentials.username(), credentials.password(), ctx.ip());
            });
            c.routes.get("/fixed", ctx -> ctx.contentType("application/json; charset=utf-8").result(body));
            c.routes.exception(TwilioException.class, (e, ctx) -> ctx.status(e.errorCode().httpStatus()).result(e.getMessage()));
        }).start(port);
    }
}
