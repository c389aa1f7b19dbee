package dev.accountd.bench;

import dev.accountd.api.BasicAuth;
import dev.accountd.api.HttpApi;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The load benchmark's baseline: what an authenticated fetch costs on this stack with no store at all. The same
 * Javalin and Jetty, configured as accountd configures them ({@link HttpApi#configureStack}), a Basic credential
 * checked in constant time against one pair held in memory, and the very bytes accountd answers for an Account.
 * accountd's fetch is measured against it in the same run.
 *
 * <p>Usage: {@code FixedBodyServer PORT ACCOUNT_SID AUTH_TOKEN BODY_FILE}
 */
public final class FixedBodyServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] sid = args[1].getBytes(StandardCharsets.UTF_8);
        byte[] token = args[2].getBytes(StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(Path.of(args[3]));
        Javalin.create(c -> {
            HttpApi.configureStack(c);
            // checked inside the handler, as accountd checks credentials inside each route's handler
            c.routes.get("/fixed", ctx -> {
                Optional<BasicAuth> credentials = BasicAuth.parse(ctx.header("Authorization"));
                boolean ok = credentials.isPresent()
                        & MessageDigest.isEqual(sid, credentials.map(b -> b.username()).orElse("").getBytes(StandardCharsets.UTF_8))
                        & MessageDigest.isEqual(token, credentials.map(b -> b.password()).orElse("").getBytes(StandardCharsets.UTF_8));
                if (!ok) {
                    ctx.status(401);
                    return;
                }
                ctx.contentType("application/json; charset=utf-8").result(body);
            });
        }).start(port);
    }
}
