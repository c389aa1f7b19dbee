package dev.accountd.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The username and password of an HTTP Basic {@code Authorization} header. */
public record BasicAuth(String username, String password) {

    /** Empty for a missing header, another scheme, bad base64 or a missing colon: all of them are 401s. */
    public static Optional<BasicAuth> parse(String header) {
        if (header == null) return Optional.empty();
        String h = header.trim();
        if (h.length() < 6 || !h.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) return Optional.empty();
        return Optional.of(new BasicAuth(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() { return "BasicAuth[username=" + username + ", password=****]"; }
}
