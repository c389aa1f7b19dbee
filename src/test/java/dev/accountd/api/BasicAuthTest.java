package dev.accountd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void parsesUsernameAndPassword_passwordMayContainColons() {
        BasicAuth a = BasicAuth.parse("Basic " + b64("ACabc:tok:en")).orElseThrow();
        assertEquals("ACabc", a.username());
        assertEquals("tok:en", a.password());
        assertTrue(BasicAuth.parse("basic " + b64("AC:x")).isPresent(), "the scheme is case-insensitive");
    }

    @Test
    void everyMalformedHeader_isEmpty() {
        for (String h : new String[] {null, "", "Basic", "Basic ", "Bearer " + b64("a:b"), "Basic %%%", "Basic " + b64("nocolon"), "Basic " + b64(":nouser")}) {
            assertFalse(BasicAuth.parse(h).isPresent(), String.valueOf(h));
        }
    }

    @Test
    void toString_neverShowsThePassword() {
        assertFalse(new BasicAuth("ACx", "secret").toString().contains("secret"));
    }
}
