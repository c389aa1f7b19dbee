package dev.accountd.api;

import dev.accountd.json.Json;
import dev.accountd.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (an unparseable URI, an oversized header, a body over
 * the limit) get the same Twilio-shaped JSON body as every other error.
 */
final class JettyErrorHandler extends ErrorHandler {
    /** Jetty writes error bodies for GET, POST and HEAD only; a DELETE or PUT deserves the same Twilio error. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause, Callback callback)
            throws IOException {
        ErrorCode known = switch (status) {
            case 401 -> ErrorCode.AUTHENTICATE;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            default -> null;
        };
        String text = switch (status) {
            case 404 -> String.format(ErrorCode.NOT_FOUND.template(), request.getHttpURI().getPath());
            case 413 -> String.format(ErrorCode.PAYLOAD_TOO_LARGE.template(), HttpApi.MAX_BODY_BYTES);
            default -> status == 400 ? "Bad request: the request could not be parsed" : (message == null ? "HTTP " + status : message);
        };
        Map<String, Object> body = Responses.errorBody(known != null ? known.code() : status, text, status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        // A HEAD answer has GET's status and headers but no body: keep-alive clients would read one as the next response.
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        // A request line Jetty could not parse has lost its method, so a HEAD cannot be told from a GET: the
        // connection is closed after the answer (Jetty does), and saying so keeps a client from reusing it and
        // reading the body as its next response.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, head ? null : ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        Map<String, Object> body = Responses.errorBody(status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE.code() : status,
                "Bad request: " + (reason == null ? "the request could not be parsed" : reason), status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
