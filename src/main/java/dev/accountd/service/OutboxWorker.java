package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.Callback;
import dev.accountd.store.AccountStore;
import dev.accountd.store.OutboxStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the outbox's deliveries: leases what is due, sends each request signed as Twilio signs it (with the primary
 * auth token of the account that owns the resource, read at delivery), removes it once the receiver answered 2xx,
 * and otherwise tries again later, with backoff from 1 s doubling to {@link #MAX_BACKOFF}, for up to
 * {@link Callback#RETRIED} attempts (about a day); a call's Url is requested once ({@link Callback#ONCE}). At least once: a node that dies mid-delivery leaves its leases to end,
 * and the deliveries are made again. Requests never wait for it; it runs on its own thread, woken after a commit
 * that adds deliveries and every {@link #POLL} otherwise.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int IN_FLIGHT = 128;
    static final int BATCH = 500;

    private final OutboxStore outbox;
    private final AccountStore accounts;
    private final Timer delivered;
    private final Timer refused;
    private final HttpClient http;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** Made deliveries, removed from the outbox together (one transaction per round, not one per delivery). */
    private final Queue<Long> made = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private volatile boolean running = true;
    private boolean woken;
    private Thread thread;

    public OutboxWorker(OutboxStore outbox, AccountStore accounts, MeterRegistry metrics) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.delivered = Timer.builder("accountd.outbox.delivery").description("webhook requests, from sent to answered")
                .tag("outcome", "delivered").register(metrics);
        this.refused = Timer.builder("accountd.outbox.delivery").description("webhook requests, from sent to answered")
                .tag("outcome", "failed").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("accountd.outbox.depth", outbox, OutboxStore::depth)
                .description("deliveries waiting in the outbox (all nodes)").register(metrics);
        // HTTP/1.1: receivers of webhooks are web apps; an h2c upgrade attempt on every new connection only costs time
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void start() {
        thread = new Thread(this::run, "accountd-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    /** Deliveries were just committed: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            int leased = 0;
            try {
                removeMade();
                leased = deliverDue();
            } catch (RuntimeException e) {
                log.warn("the outbox could not be read; trying again", e);
            }
            if (leased < BATCH) pause();
        }
    }

    private void removeMade() {
        List<Long> ids = new ArrayList<>();
        for (Long id = made.poll(); id != null; id = made.poll()) ids.add(id);
        if (!ids.isEmpty()) outbox.delivered(ids);
    }

    private void pause() {
        synchronized (signal) {
            if (!woken) {
                try {
                    signal.wait(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** Leases what is due and sends it, at most {@link #IN_FLIGHT} at a time; returns how many were leased. */
    int deliverDue() {
        Instant now = Instant.now();
        List<OutboxStore.Leased> due = outbox.lease(now, now.plus(LEASE), BATCH);
        for (OutboxStore.Leased d : due) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return due.size();
            }
            deliver(d).whenComplete((ok, failed) -> inFlight.release());
        }
        return due.size();
    }

    private CompletableFuture<Void> deliver(OutboxStore.Leased d) {
        Callback c = d.callback();
        Optional<Account> signer = accounts.find(c.signerSid());
        if (signer.isEmpty()) { // the account was deleted: nobody is left to sign for, or to tell
            made.add(d.id());
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request;
        try {
            request = request(c, signer.get().authToken().value());
        } catch (IllegalArgumentException e) {
            outbox.failed(d.id(), d.attempts() + 1, null, "not a URL accountd can request: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            try {
                boolean ok = error == null && response.statusCode() / 100 == 2;
                (ok ? delivered : refused).record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
                if (ok) {
                    made.add(d.id());
                } else {
                    String why = error != null ? String.valueOf(error.getMessage() != null ? error.getMessage() : error)
                            : "the receiver answered " + response.statusCode();
                    retry(d, why);
                }
            } catch (RuntimeException e) {
                log.warn("could not record the delivery of {} to {}; its lease will end and it is made again", c.resourceSid(), c.url(), e);
            }
            return null;
        });
    }

    private void retry(OutboxStore.Leased d, String why) {
        int attempts = d.attempts() + 1;
        if (attempts >= d.callback().maxAttempts()) {
            log.warn("giving up the callback of {} to {} after {} attempts: {}", d.callback().resourceSid(), d.callback().url(), attempts, why);
            outbox.failed(d.id(), attempts, null, why);
            return;
        }
        long backoff = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attempts - 1, 20));
        outbox.failed(d.id(), attempts, Instant.now().plusMillis(backoff), why);
    }

    /** The request as Twilio makes it: its headers, and the signature over the URL and sorted form parameters. */
    static HttpRequest request(Callback c, String authToken) {
        String form = c.params().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(TIMEOUT)
                .header("User-Agent", "TwilioProxy/1.1")
                .header("Accept", "*/*")
                .header("Cache-Control", "max-age=259200");
        if (c.jsonBody().isPresent()) {
            // as Twilio signs a JSON webhook: the body's SHA-256 in the URL, and the signature over that URL alone
            String url = c.url() + (c.url().contains("?") ? "&" : "?") + "bodySHA256=" + WebhookSignature.sha256Hex(c.jsonBody().get());
            return b.uri(URI.create(url)).header("Content-Type", "application/json")
                    .header("X-Twilio-Signature", WebhookSignature.of(authToken, url, List.of()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.jsonBody().get(), StandardCharsets.UTF_8)).build();
        }
        if (c.method().equals("GET")) {
            String url = c.url() + (form.isEmpty() ? "" : (c.url().contains("?") ? "&" : "?") + form);
            return b.uri(URI.create(url)).header("X-Twilio-Signature", WebhookSignature.of(authToken, url, List.of())).GET().build();
        }
        return b.uri(URI.create(c.url()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", WebhookSignature.of(authToken, c.url(), c.params()))
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
    }

    private static String encode(String v) { return URLEncoder.encode(v, StandardCharsets.UTF_8); }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            wake();
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
                removeMade();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.debug("made deliveries not removed at close; they are made again after their leases", e);
            }
        }
    }

    /** Deliveries waiting, for operators. */
    public long depth() { return outbox.depth(); }
}
