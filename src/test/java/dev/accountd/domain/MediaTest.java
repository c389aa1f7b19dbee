package dev.accountd.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A medium's content type is the one its URL's extension names: accountd fetches no media. */
class MediaTest {
    @Test
    void theExtensionOfTheUrlsPath_namesTheType() {
        assertEquals("image/jpeg", Media.contentTypeOf("https://example.com/a/cat.jpg"));
        assertEquals("image/jpeg", Media.contentTypeOf("https://example.com/cat.JPEG?size=large#top"), "the query and case do not count");
        assertEquals("image/png", Media.contentTypeOf("http://example.com/x.png"));
        assertEquals("application/pdf", Media.contentTypeOf("https://example.com/menu.pdf?v=2"));
        assertEquals("video/mp4", Media.contentTypeOf("https://example.com/clip.mp4"));
        assertEquals("text/vcard", Media.contentTypeOf("https://example.com/me.vcf"));
    }

    @Test
    void aUrlThatNamesNoKnownType_isOctetStream() {
        assertEquals("application/octet-stream", Media.contentTypeOf("https://example.com/download"));
        assertEquals("application/octet-stream", Media.contentTypeOf("https://example.com/v1.2/download"), "a dot in a folder is no extension");
        assertEquals("application/octet-stream", Media.contentTypeOf("https://example.com/file.exe"));
        assertEquals("application/octet-stream", Media.contentTypeOf("https://example.com/a b.png"), "not a URI");
    }
}
