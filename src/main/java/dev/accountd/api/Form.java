package dev.accountd.api;

import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a request: an {@code application/x-www-form-urlencoded} body or a query string, decoded
 * strictly. Invalid percent-encoding or invalid UTF-8 is a 400, never a silently mangled value.
 */
public final class Form {
    private final Map<String, List<String>> values;

    private Form(Map<String, List<String>> values) { this.values = values; }

    public static Form empty() { return new Form(Map.of()); }

    public static Form parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return new Form(values);
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Form(values);
    }

    public Optional<String> first(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    public boolean has(String name) { return values.containsKey(name); }

    /** The same parameters without these. */
    public Form without(String... names) {
        Map<String, List<String>> rest = new LinkedHashMap<>(values);
        for (String name : names) rest.remove(name);
        return new Form(rest);
    }

    static String decode(String s) {
        return withoutNul(percentDecode(s));
    }

    /** PostgreSQL cannot store U+0000 in text and no Twilio parameter has a use for it: refuse it on every store. */
    private static String withoutNul(String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "The request parameters contain a NUL character (%00), which is not allowed");
        }
        return value;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid percent-encoding in the request parameters");
                }
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    raw = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(raw);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "The request parameters are not valid UTF-8");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
