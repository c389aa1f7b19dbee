package dev.accountd.api;

import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyset paging behind Twilio's v2010 list envelope. {@code PageToken} carries the position of the last (PA…)
 * or first (PB…) item of the page the client comes from, so page N costs what page 1 costs; {@code Page}
 * is, as Twilio's spec says, only client state.
 *
 * @param page the page index the client says it is on
 */
public record Paging(int page, PageRequest request, Optional<String> token) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public static Paging from(Form query) {
        // The SDKs turn list(limit=N) into PageSize=N without clamping it (twilio-java#372, twilio-node#260,
        // twilio-python#350): like Twilio, a larger page is served as a page of the largest size, never refused.
        int pageSize = query.first("PageSize").map(Paging::pageSize).orElse(DEFAULT_PAGE_SIZE);
        int page = query.first("Page").map(v -> integer("Page", v, 0, Integer.MAX_VALUE)).orElse(0);
        Optional<String> token = query.first("PageToken").filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            if (page > 0) {
                // Twilio's own answer: pages past the first are reached through next_page_uri, which carries a token.
                throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "PageToken is required for paging.");
            }
            return new Paging(0, PageRequest.first(pageSize), token);
        }
        String t = token.get();
        long position = decodePosition(t);
        PageRequest request = t.startsWith("PA")
                ? new PageRequest(pageSize, Optional.of(position), Optional.empty())
                : new PageRequest(pageSize, Optional.empty(), Optional.of(position));
        return new Paging(page, request, token);
    }

    /** For a list that is always one page: the PageSize, with Page and PageToken checked for form only and ignored. */
    public static Paging firstPage(Form query) {
        Paging sent = from(query.without("Page", "PageToken"));
        query.first("Page").ifPresent(v -> integer("Page", v, 0, Integer.MAX_VALUE));
        return sent;
    }

    /** Any whole number from 1 up (the SDKs send a long), served as at most {@link #MAX_PAGE_SIZE}. */
    private static int pageSize(String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 1) return (int) Math.min(n, MAX_PAGE_SIZE);
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid PageSize '" + value + "': expected a whole number of at least 1");
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) return (int) n;
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        String range = "a whole number from " + min + " to " + max;
        throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + name + " '" + value + "': expected " + range);
    }

    private static long decodePosition(String token) {
        if (token.length() > 2 && (token.startsWith("PA") || token.startsWith("PB"))) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token.substring(2)), StandardCharsets.US_ASCII);
                long position = Long.parseLong(decoded);
                if (position >= 0) return position;
            } catch (IllegalArgumentException e) {
                // fall through to the message below (NumberFormatException is an IllegalArgumentException)
            }
        }
        throw TwilioException.of(ErrorCode.INVALID_PAGE_TOKEN);
    }

    /** The PageToken that continues after this position (as {@code next_page_uri} carries it). */
    public static String nextPageToken(long position) { return encodePosition("PA", position); }

    private static String encodePosition(String prefix, long position) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(position).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The v2010 list page: the records under {@code key} (always present, {@code []} when empty) and the paging
     * fields, with URIs relative to the host that keep the request's filters.
     *
     * @param filters the list's filter parameters in the order the URIs show them; absent ones are left out
     */
    public <T> Map<String, Object> envelope(String path, List<Map.Entry<String, Optional<String>>> filters,
                                            String key, Slice<T> slice, List<?> records) {
        int size = request.pageSize();
        long start = (long) page * size; // Page is the client's to send: up to 2^31-1, times up to 1000
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, records);
        body.put("page", page);
        body.put("page_size", size);
        body.put("start", start);
        body.put("end", records.isEmpty() ? start : start + records.size() - 1);
        body.put("uri", uri(path, filters, size, page, token));
        body.put("first_page_uri", uri(path, filters, size, 0, Optional.empty()));
        body.put("next_page_uri", hasNext(slice, records)
                ? uri(path, filters, size, page + 1, Optional.of(encodePosition("PA", slice.lastPosition()))) : null);
        body.put("previous_page_uri", page > 0 && slice.hasPrevious() && !records.isEmpty()
                ? uri(path, filters, size, page - 1, Optional.of(encodePosition("PB", slice.firstPosition()))) : null);
        return body;
    }

    /**
     * The v1 list page (accounts, monitor): the records under {@code key} and a {@code meta} object with every
     * key present ({@code null} where empty) and absolute URLs to this server, which both SDKs follow verbatim.
     */
    public <T> Map<String, Object> v1Envelope(String baseUrl, String path, List<Map.Entry<String, Optional<String>>> filters,
                                              String key, Slice<T> slice, List<?> records) {
        int size = request.pageSize();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page);
        meta.put("page_size", size);
        meta.put("first_page_url", baseUrl + uri(path, filters, size, 0, Optional.empty()));
        meta.put("previous_page_url", page > 0 && slice.hasPrevious() && !records.isEmpty()
                ? baseUrl + uri(path, filters, size, page - 1, Optional.of(encodePosition("PB", slice.firstPosition()))) : null);
        meta.put("url", baseUrl + uri(path, filters, size, page, token));
        meta.put("next_page_url", hasNext(slice, records)
                ? baseUrl + uri(path, filters, size, page + 1, Optional.of(encodePosition("PA", slice.lastPosition()))) : null);
        meta.put("key", key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, records);
        body.put("meta", meta);
        return body;
    }

    /** Whether the page links to a next one; Page is the client's count, and its largest value has no next. */
    private <T> boolean hasNext(Slice<T> slice, List<?> records) {
        return slice.hasNext() && !records.isEmpty() && page < Integer.MAX_VALUE;
    }

    private static String uri(String path, List<Map.Entry<String, Optional<String>>> filters, int size, int page, Optional<String> token) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Optional<String>> f : filters) {
            // names too: DateSent< and DateSent> are filters, and a URI has no bare < or >
            f.getValue().ifPresent(v -> parts.add(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
        parts.add("PageSize=" + size);
        parts.add("Page=" + page);
        token.ifPresent(t -> parts.add("PageToken=" + t));
        return path + "?" + String.join("&", parts);
    }
}
