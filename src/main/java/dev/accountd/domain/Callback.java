package dev.accountd.domain;

import java.util.List;
import java.util.Map;

/**
 * A webhook request accountd owes a user's server (a status callback), as Twilio makes it: form parameters, POSTed
 * or sent as a GET query, signed with the primary auth token of the account that owns the resource.
 *
 * @param signerSid the account whose auth token signs it
 * @param resourceSid what it reports on (SM…, CA…)
 * @param params the parameters in the order they are sent (the signature sorts them)
 * @param maxAttempts how many times it is tried before it is given up
 * @param jsonBody a JSON body to POST instead of form parameters (event webhooks): signed with {@code bodySHA256} in the URL
 */
public record Callback(String signerSid, String resourceSid, String method, String url, List<Map.Entry<String, String>> params,
                       int maxAttempts, java.util.Optional<String> jsonBody) {
    /** Retried until the receiver answers 2xx (status callbacks). */
    public static final int RETRIED = 150;
    /** Made once, whatever the answer (a call's Url, which Twilio does not retry). */
    public static final int ONCE = 1;

    /** A form webhook (status callbacks, Url requests, trigger callbacks). */
    public Callback(String signerSid, String resourceSid, String method, String url, List<Map.Entry<String, String>> params, int maxAttempts) {
        this(signerSid, resourceSid, method, url, params, maxAttempts, java.util.Optional.empty());
    }

    /** A JSON webhook, POSTed. */
    public static Callback json(String signerSid, String resourceSid, String url, String body, int maxAttempts) {
        return new Callback(signerSid, resourceSid, "POST", url, List.of(), maxAttempts, java.util.Optional.of(body));
    }

    public Callback {
        if (!method.equals("GET") && !method.equals("POST")) throw new IllegalArgumentException("callback method " + method);
        if (jsonBody.isPresent() && (!method.equals("POST") || !params.isEmpty())) throw new IllegalArgumentException("a JSON webhook is a POST");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts " + maxAttempts);
        params = List.copyOf(params);
    }
}
