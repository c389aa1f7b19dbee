package dev.accountd.support;

import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.accountd.support.spec.SpecCheck;

/**
 * The twilio-java redirect of {@link BaseUrlHttpClient} with every answer checked against Twilio's specs
 * ({@link SpecCheck}) before the SDK reads it. A violation is an {@link AssertionError}, which the SDK does not
 * catch: it fails the test that made the request.
 */
public class SpecCheckedHttpClient extends BaseUrlHttpClient {
    public SpecCheckedHttpClient(String baseUrl) { super(baseUrl); }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(request);
        String path = request.getUrl().replaceFirst("^https?://[^/]+", "");
        String body = response.getContent(); // reads the body's stream, which the SDK would otherwise read itself
        SpecCheck.get().check(request.getMethod().toString(), path, response.getStatusCode(), body, true);
        // the SDK parses getStream(): hand it the same body again
        return body == null ? response : new Response(body, response.getStatusCode(), response.getHeaders());
    }
}
