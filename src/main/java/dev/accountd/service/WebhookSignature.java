package dev.accountd.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's X-Twilio-Signature, so that the SDKs' request validators accept accountd's webhooks: HMAC-SHA1, keyed
 * with the auth token, over the full URL followed, for a form POST, by every parameter's name and value, sorted by
 * name (and value), with nothing between them; Base64.
 */
public final class WebhookSignature {
    private WebhookSignature() {}

    /** The lower-case hex SHA-256 of a text: a JSON body, as the {@code bodySHA256} parameter carries it; a console session's cookie. */
    public static String sha256Hex(String body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @param formParams the POST body's parameters; empty for a GET, whose parameters are in {@code url} */
    public static String of(String authToken, String url, List<Map.Entry<String, String>> formParams) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(formParams);
        sorted.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> p : sorted) data.append(p.getKey()).append(p.getValue());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
