package dev.accountd.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One media file of a message (an MMS's MediaUrl). accountd carries no media to phones and fetches none: the file
 * stays where its URL points, and its content type is the one its URL's extension names.
 */
public record Media(String sid, String accountSid, String messageSid, String contentType, String url, Instant dateCreated,
                    Instant dateUpdated) {
    public static final String SID_PREFIX = "ME";
    /** What Twilio answers for a file whose type it cannot tell. */
    static final String UNKNOWN_TYPE = "application/octet-stream";

    /** The file types Twilio accepts for MMS, by extension (https://www.twilio.com/docs/messaging/guides/accepted-mime-types). */
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("webp", "image/webp"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("amr", "audio/amr"), Map.entry("mp4", "video/mp4"), Map.entry("mpeg", "video/mpeg"), Map.entry("mov", "video/quicktime"),
            Map.entry("3gp", "video/3gpp"), Map.entry("webm", "video/webm"), Map.entry("pdf", "application/pdf"),
            Map.entry("vcf", "text/vcard"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("ics", "text/calendar"));

    /** A new media file of a message, sent with {@code url}. */
    public static Media of(String accountSid, String messageSid, String url, Instant now) {
        return new Media(Sid.generate(SID_PREFIX), accountSid, messageSid, contentTypeOf(url), url, now, now);
    }

    /** The type the URL's path names by its extension; application/octet-stream when it names none accountd knows. */
    public static String contentTypeOf(String url) {
        String path;
        try {
            path = URI.create(url.trim()).getPath();
        } catch (IllegalArgumentException e) {
            return UNKNOWN_TYPE;
        }
        if (path == null) return UNKNOWN_TYPE;
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) return UNKNOWN_TYPE;
        return BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN_TYPE);
    }
}
