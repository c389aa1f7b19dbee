package dev.accountd.support;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Sends the official twilio-java SDK's requests to accountd instead of *.twilio.com: the custom HttpClient
 * pattern of Twilio's own advanced examples (CONTRACT §13).
 */
public class BaseUrlHttpClient extends NetworkHttpClient {
    private final String baseUrl;

    public BaseUrlHttpClient(String baseUrl) {
        super();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(final Request o) {
        String url = o.getUrl();
        if (!url.matches("^https?://([^/]*\\.)?twilio\\.com(:\\d+)?(/.*)?$")) return super.makeRequest(o);
        String host = url.replaceFirst("^https?://([^/:]+).*$", "$1");
        Request r = new Request(o.getMethod(), url.replaceFirst("^https?://[^/]+", baseUrl));
        o.getQueryParams().forEach((k, vs) -> vs.forEach(v -> r.addQueryParam(k, v)));
        o.getPostParams().forEach((k, vs) -> vs.forEach(v -> r.addPostParam(k, v)));
        o.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> r.addHeaderParam(k, v)));
        r.addHeaderParam("X-Forwarded-Host", host);
        if (o.getContentType() != null) r.setContentType(o.getContentType());
        if (o.getBody() != null) r.setBody(o.getBody());
        r.setFormParameters(o.getFormParameters());
        r.setUserAgentExtensions(o.getUserAgentExtensions());
        if (o.getUsername() != null) r.setAuth(o.getUsername(), o.getPassword());
        else if (o.getAuthStrategy() != null) r.setAuth(o.getAuthStrategy());
        return super.makeRequest(r);
    }
}
