package dev.accountd.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP for what the SDK hides: status lines, headers, envelope fields and exact error bodies. */
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
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            return new Reply(status, null, body.isEmpty() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder builder(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) b.header("Authorization", authorization);
        return b;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
