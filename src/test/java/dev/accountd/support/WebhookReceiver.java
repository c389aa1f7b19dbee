package dev.accountd.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real local HTTP server that records the webhooks it receives, for tests: each request's method, URL (as the
 * sender requested it), form parameters and X-Twilio-Signature. It can answer 500 for a while, to be retried.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request received. */
    /** @param body the request body as sent (a form, or JSON for event webhooks) */
    public record Received(String method, String url, Map<String, String> params, String signature, String userAgent, String body) {}

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile long downUntil;

    private final List<Received> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String query = exchange.getRequestURI().getRawQuery();
            String url = url(exchange.getRequestURI().getRawPath()) + (query == null ? "" : "?" + query);
            String text = new String(body, StandardCharsets.UTF_8);
            Map<String, String> params = text.startsWith("{") ? Map.of() : parse(text);
            Received r = new Received(exchange.getRequestMethod(), url, params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), text);
            int status = System.nanoTime() < downUntil ? 503 : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            if (status != 200) refused.add(r);
            if (status == 200) {
                synchronized (received) {
                    received.add(r);
                    received.notifyAll();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // many at once, as a real receiver behind a web server answers them (the JDK's default is one at a time)
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The requests this receiver answered with an error (failNext, failFor), oldest first. */
    public List<Received> refused() { return List.copyOf(refused); }

    /** The URL of a path on this receiver. */
    public String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    /** The next {@code n} requests are answered 500 (and so not recorded). */
    public void failNext(int n) { failuresLeft.set(n); }

    /** Every request is answered 503 (and not recorded) for this long, from now. */
    public void failFor(Duration d) { downUntil = System.nanoTime() + d.toNanos(); }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until at least {@code count} recorded requests match, then returns the matching ones. */
    public List<Received> await(Predicate<Received> matching, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> found = new ArrayList<>();
        int seen = 0; // requests already tested: each is tested once, however many arrive
        synchronized (received) {
            while (true) {
                for (; seen < received.size(); seen++) if (matching.test(received.get(seen))) found.add(received.get(seen));
                long left = deadline - System.nanoTime();
                if (found.size() >= count || left <= 0) return found;
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form.isEmpty()) return params;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    @Override
    public void close() { server.stop(0); }
}
