package dev.accountd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accountd.support.spec.SpecCheck;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Plain HTTP for what the SDK hides: status lines, headers, envelope fields and exact error bodies. Every answer,
 * the socket-level ones included, is checked against Twilio's specs ({@link SpecCheck}) before the test sees it.
 */
public final class RawHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    public RawHttp(String baseUrl) { this.baseUrl = baseUrl; }

    /** A response with its body parsed as JSON (null when it is not JSON). */
    public record Reply(int status, HttpResponse<String> response, JsonNode json) {
        public String header(String name) {
            return response == null ? null : response.headers().firstValue(name).orElse(null);
        }

        public String body() { return response == null ? String.valueOf(json) : response.body(); }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Reply get(String path, String authorization) {
        return send(builder(path, authorization).GET().build());
    }

    public Reply delete(String path, String authorization) {
        return send(builder(path, authorization).DELETE().build());
    }

    public Reply post(String path, String authorization, String formBody) {
        return send(builder(path, authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build());
    }

    public Reply send(String method, String path, String authorization, String contentType, byte[] body) {
        HttpRequest.Builder b = builder(path, authorization).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.build());
    }

    /**
     * A GET written straight to the socket, for request targets that java.net.URI refuses to build
     * (invalid percent-encoding). Returns the status and the parsed JSON body.
     */
    public Reply rawGet(String target, String authorization) {
        return raw("GET", target, authorization);
    }

    /** Like {@link #rawGet}, with any method and no body. */
    public Reply raw(String method, String target, String authorization) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            String request = method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            SpecCheck.get().check(method, target, status, body, requestLineParsed(status, header(head, "Connection")));
            return new Reply(status, null, body.isEmpty() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What came back on a socket: each response's head (status line and headers) and any bytes after the last head. */
    public record Exchange(List<String> heads, String rest) {
        public int status(int i) { return Integer.parseInt(heads.get(i).substring(9, 12)); }

        /** The value of a header of response {@code i}, or null. */
        public String header(int i, String name) { return RawHttp.header(heads.get(i), name); }
    }

    /**
     * Writes {@code requests} (raw HTTP/1.1 request heads, without their final blank line) one after another on
     * one keep-alive connection, reading each answer's head before sending the next, and reads what follows the
     * last one until the server closes or is silent for half a second. A HEAD that wrongly carried a body shows up
     * as that body in front of the next answer's head.
     */
    public Exchange onOneConnection(String... requests) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(500);
            var in = socket.getInputStream();
            List<String> heads = new ArrayList<>();
            List<String> bodies = new ArrayList<>(); // what came after each head, for the spec check
            StringBuilder pending = new StringBuilder();
            for (int r = 0; r < requests.length; r++) {
                String request = requests[r];
                socket.getOutputStream().write((request + "\r\nHost: " + base.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                int end;
                while ((end = pending.indexOf("\r\n\r\n")) < 0) {
                    int b = in.read();
                    if (b < 0) {
                        bodies.add(pending.toString());
                        checkAll(requests, heads, bodies);
                        return new Exchange(heads, pending.toString());
                    }
                    pending.append((char) b);
                }
                String head = pending.substring(0, end);
                heads.add(head);
                if (r > 0 && bodies.size() < r) {
                    // a HEAD before: anything in front of this answer's status line was a body it should not have had
                    int status = head.indexOf("HTTP/");
                    bodies.add(status < 0 ? head : head.substring(0, status));
                }
                pending.delete(0, end + 4);
                String length = header(head, "Content-Length");
                if (!request.startsWith("HEAD ") && length != null && r < requests.length - 1) {
                    StringBuilder body = new StringBuilder(pending);
                    int more = Integer.parseInt(length) - pending.length();
                    for (int i = 0; i < more; i++) body.append((char) in.read()); // a GET's body, before the next answer
                    bodies.add(body.toString());
                    pending.setLength(0);
                }
            }
            try {
                for (int b; (b = in.read()) >= 0; ) pending.append((char) b);
            } catch (java.net.SocketTimeoutException quiet) {
                // nothing more came
            }
            bodies.add(pending.toString());
            checkAll(requests, heads, bodies);
            return new Exchange(heads, pending.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spec check of each answer read on one connection: the request line names the method and target. */
    private static void checkAll(String[] requests, List<String> heads, List<String> bodies) {
        for (int i = 0; i < heads.size(); i++) {
            String[] line = requests[i].split("\r\n", 2)[0].split(" ");
            String head = heads.get(i);
            String statusLine = head.substring(Math.max(0, head.indexOf("HTTP/")));
            int status = Integer.parseInt(statusLine.substring(9, 12));
            String body = i < bodies.size() ? bodies.get(i) : "";
            SpecCheck.get().check(line[0], line.length > 1 ? line[1] : "", status, body,
                    requestLineParsed(status, header(statusLine, "Connection")));
        }
    }

    /**
     * Whether the server understood the request line: Jetty answers one it cannot parse with 400 and
     * {@code Connection: close}, having lost its method ({@link dev.accountd.support.spec.KnownDeviations#HEAD_OF_UNPARSEABLE_REQUEST}).
     */
    private static boolean requestLineParsed(int status, String connection) {
        return !(status == 400 && "close".equalsIgnoreCase(connection));
    }

    /** A header's value in a response head (status line and headers), or null. */
    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }

    private HttpRequest.Builder builder(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) b.header("Authorization", authorization);
        return b;
    }

    /** Any request built by the test (extra headers, say), sent and checked like the others. */
    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String target = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
            SpecCheck.get().check(request.method(), target, r.statusCode(), r.body(), true);
            JsonNode json;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(r.statusCode(), r, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
