package dev.accountd.it;

import dev.accountd.domain.Rfc2822;
import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the SDK hides: status codes, envelope fields, date format, headers and the exact shape of errors. */
class WireFormatIT {
    static TestServer server;
    static RawHttp http;
    static final String MAIN = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    /** Twilio's date format in 2010-04-01 responses: RFC 2822, GMT as +0000, two-digit day. */
    static final String RFC_2822 = "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }


    @Test
    void create_answers201_withRfc2822Dates() {
        Reply r = http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=wire%20test");
        assertEquals(201, r.status());
        assertEquals("wire test", r.json().get("friendly_name").asText());
        assertTrue(r.json().get("date_created").asText().matches(RFC_2822), r.json().get("date_created").asText());
        assertTrue(r.json().get("date_updated").asText().matches(RFC_2822));
        assertEquals("Full", r.json().get("type").asText());
    }

    @Test
    void listEnvelope_hasEveryV2010PagingField() {
        for (int i = 0; i < 3; i++) http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=envelope");
        Reply first = http.get("/2010-04-01/Accounts.json?FriendlyName=envelope&PageSize=2", MAIN);
        assertEquals(200, first.status());
        JsonNode p = first.json();
        assertEquals(2, p.get("accounts").size());
        assertEquals(0, p.get("page").asInt());
        assertEquals(2, p.get("page_size").asInt());
        assertEquals(0, p.get("start").asInt());
        assertEquals(1, p.get("end").asInt());
        assertEquals("/2010-04-01/Accounts.json?FriendlyName=envelope&PageSize=2&Page=0", p.get("uri").asText());
        assertEquals("/2010-04-01/Accounts.json?FriendlyName=envelope&PageSize=2&Page=0", p.get("first_page_uri").asText());
        assertTrue(p.get("previous_page_uri").isNull());
        String next = p.get("next_page_uri").asText();
        assertTrue(next.startsWith("/2010-04-01/Accounts.json?FriendlyName=envelope&PageSize=2&Page=1&PageToken="), next);

        JsonNode second = http.get(next, MAIN).json();
        assertEquals(1, second.get("accounts").size());
        assertEquals(1, second.get("page").asInt());
        assertEquals(2, second.get("start").asInt());
        assertEquals(2, second.get("end").asInt());
        assertTrue(second.get("next_page_uri").isNull(), "the last page has no next page");
        String previous = second.get("previous_page_uri").asText();
        JsonNode back = http.get(previous, MAIN).json();
        assertEquals(p.get("accounts"), back.get("accounts"), "previous_page_uri leads back to the same records");
    }

    @Test
    void emptyList_stillHasTheRecordsKey() {
        JsonNode p = http.get("/2010-04-01/Accounts.json?FriendlyName=nobody%20has%20this%20name", MAIN).json();
        assertTrue(p.get("accounts").isArray());
        assertEquals(0, p.get("accounts").size());
        assertEquals(0, p.get("start").asInt());
        assertEquals(0, p.get("end").asInt());
        assertTrue(p.get("next_page_uri").isNull());
    }

    @Test
    void missingOrMalformedCredentials_are401WithWwwAuthenticate() {
        for (String header : new String[] {null, "Bearer abc", "Basic !!!notbase64", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), basic(TestServer.MAIN_SID, "wrong"), basic("SKnope", "x")}) {
            Reply r = http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", header);
            assertTwilioError(r, 401, 20003, "Authenticate");
            assertNotNull(r.header("WWW-Authenticate"), "a 401 names its scheme");
            assertTrue(r.header("WWW-Authenticate").startsWith("Basic realm="));
        }
    }

    @Test
    void unknownPath_is404() {
        assertTwilioError(http.get("/2010-04-01/Nothing.json", MAIN), 404, 20404, "/2010-04-01/Nothing.json was not found");
        assertTwilioError(http.get("/", null), 404, 20404, "was not found");
    }

    @Test
    void wrongMethod_is405() {
        assertTwilioError(http.delete("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", MAIN), 405, 20004, "Method not allowed");
        assertTwilioError(http.send("PUT", "/2010-04-01/Accounts.json", MAIN, null, new byte[0]), 405, 20004, "Method not allowed");
    }

    @Test
    void invalidEnumValue_is400() {
        assertTwilioError(http.get("/2010-04-01/Accounts.json?Status=frozen", MAIN), 400, 20001, "Invalid Status 'frozen'");
        Reply created = http.post("/2010-04-01/Accounts.json", MAIN, "");
        String sid = created.json().get("sid").asText();
        // Twilio's code for a Status it cannot set: 21475 "Unable to update Status, invalid Status."
        assertTwilioError(http.post("/2010-04-01/Accounts/" + sid + ".json", MAIN, "Status=Suspended"), 400, 21475, "invalid Status");
        assertEquals("active", http.get("/2010-04-01/Accounts/" + sid + ".json", MAIN).json().get("status").asText());
    }

    @Test
    void malformedFormBodiesAndQueries_are400() {
        assertTwilioError(http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=%zz"), 400, 20001, "percent-encoding");
        assertTwilioError(http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=%E0%A4"), 400, 20001, "UTF-8");
        assertTwilioError(http.rawGet("/2010-04-01/Accounts.json?FriendlyName=%G1", MAIN), 400, 20001, "percent-encoding");
        // PostgreSQL cannot store U+0000 in text, so it is refused on every store before it reaches one
        assertTwilioError(http.post("/2010-04-01/Accounts.json", MAIN, "FriendlyName=a%00b"), 400, 20001, "NUL");
        assertTwilioError(http.rawGet("/2010-04-01/Accounts.json?FriendlyName=a%00b", MAIN), 400, 20001, "NUL");
        assertTwilioError(http.rawGet("/2010-04-01/Accounts/%zz.json", MAIN), 400, 400, "Bad request");
        assertTwilioError(http.raw("DELETE", "/2010-04-01/Accounts/%zz/Keys/%FF.json", MAIN), 400, 400, "Bad request");
        // a query string is checked even where the handler reads no parameter
        assertTwilioError(http.rawGet("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json?X=%00", MAIN), 400, 20001, "NUL");
        assertTwilioError(http.rawGet("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json?X=%zz", MAIN), 400, 20001, "percent-encoding");
        assertTwilioError(http.send("POST", "/2010-04-01/Accounts.json", MAIN, "application/json",
                "{\"FriendlyName\":\"x\"}".getBytes(StandardCharsets.UTF_8)), 400, 20001, "Content-Type");
    }

    @Test
    void invalidPagingParameters_are400() {
        assertTwilioError(http.get("/2010-04-01/Accounts.json?PageSize=0", MAIN), 400, 20001, "PageSize");
        assertTwilioError(http.get("/2010-04-01/Accounts.json?PageSize=ten", MAIN), 400, 20001, "PageSize");
        assertTwilioError(http.get("/2010-04-01/Accounts.json?Page=-1", MAIN), 400, 20001, "Page");
        assertTwilioError(http.get("/2010-04-01/Accounts.json?Page=99999999999&PageToken=PAMQ", MAIN), 400, 20001,
                "expected a whole number from 0 to 2147483647");
        // Page is the client's own count: the largest one, times the largest page, still gives a true start
        Reply far = http.get("/2010-04-01/Accounts.json?PageSize=1000&Page=2147483647&PageToken=PAMQ", MAIN);
        assertEquals(200, far.status(), far.body());
        assertEquals(2147483647000L, far.json().get("start").asLong());
        assertTrue(far.json().get("next_page_uri").isNull(), "no page after the largest Page");
        assertTwilioError(http.get("/2010-04-01/Accounts.json?PageToken=PAnonsense!", MAIN), 400, 21481, "Invalid PageToken");
        // Twilio's own answer when a client asks for a page by number (twilio-python#395).
        assertTwilioError(http.get("/2010-04-01/Accounts.json?Page=3", MAIN), 400, 20001, "PageToken is required for paging.");
    }

    @Test
    void head_answersWhatGetWould_authenticationIncluded_withoutABody() {
        String account = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json";
        Reply get = http.get(account, MAIN);
        RawHttp.Exchange e = http.onOneConnection(
                "HEAD " + account + " HTTP/1.1",
                "HEAD " + account + " HTTP/1.1\r\nAuthorization: " + MAIN,
                "HEAD /2010-04-01/Nothing.json HTTP/1.1",
                "HEAD /healthz HTTP/1.1",
                "GET /healthz HTTP/1.1");
        assertEquals(5, e.heads().size(), "every answer arrived on the one connection: " + e);
        assertEquals(401, e.status(0), "no credentials, no 200");
        assertEquals("Basic realm=\"Twilio API\"", e.header(0, "WWW-Authenticate"));
        assertEquals(200, e.status(1));
        assertEquals(get.header("Content-Type"), e.header(1, "Content-Type"));
        assertEquals(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length), e.header(1, "Content-Length"),
                "the length GET's body has");
        assertEquals(404, e.status(2));
        assertEquals(200, e.status(3));
        assertEquals(200, e.status(4));
        assertEquals("{\"status\":\"ok\"}", e.rest(), "no HEAD sent a body: the only body on the connection is the last GET's");
    }

    @Test
    void headOfARequestJettyCannotParse_closesTheConnection() {
        // The request line is refused before its method is known, so the Twilio body is sent; the connection is
        // closed after it and the answer says so, so no client reads that body as its next response.
        for (String method : List.of("HEAD", "GET")) {
            RawHttp.Exchange e = http.onOneConnection(method + " /% HTTP/1.1", "GET /healthz HTTP/1.1");
            assertEquals(400, e.status(0));
            assertEquals("close", e.header(0, "Connection"), method);
            assertEquals(1, e.heads().size(), "nothing more is answered on that connection");
        }
    }

    @Test
    void pageSizeOver1000_isServedAsAPageOf1000_withAnEnvelopeThatSaysSo() {
        // the SDKs send list(limit=N) as PageSize=N; Twilio serves it, capped at 1000
        for (String size : List.of("1001", "5000", "9223372036854775807")) {
            Reply r = http.get("/2010-04-01/Accounts.json?PageSize=" + size, MAIN);
            assertEquals(200, r.status(), r.body());
            assertEquals(1000, r.json().get("page_size").asInt());
            assertEquals("/2010-04-01/Accounts.json?PageSize=1000&Page=0", r.json().get("uri").asText());
            assertEquals("/2010-04-01/Accounts.json?PageSize=1000&Page=0", r.json().get("first_page_uri").asText());
        }
        Reply v1 = http.get("/v1/Events?PageSize=5000", MAIN);
        assertEquals(200, v1.status(), v1.body());
        assertEquals(1000, v1.json().get("meta").get("page_size").asInt());
        assertTrue(v1.json().get("meta").get("url").asText().endsWith("/v1/Events?PageSize=1000&Page=0"), v1.body());
    }

    @Test
    void bodiesOver1MiB_are413_andWriteNothing() {
        byte[] big = ("FriendlyName=" + "a".repeat(1024 * 1024 + 10)).getBytes(StandardCharsets.US_ASCII);
        int before = http.get("/2010-04-01/Accounts.json?PageSize=1000", MAIN).json().get("accounts").size();
        Reply r = http.send("POST", "/2010-04-01/Accounts.json", MAIN, "application/x-www-form-urlencoded", big);
        assertTwilioError(r, 413, 20413, "Request Entity Too Large");
        assertEquals(before, http.get("/2010-04-01/Accounts.json?PageSize=1000", MAIN).json().get("accounts").size());
    }

    @Test
    void malformedSid_is404() {
        assertTwilioError(http.get("/2010-04-01/Accounts/AC123.json", MAIN), 404, 20404, "/2010-04-01/Accounts/AC123.json was not found");
        assertTwilioError(http.post("/2010-04-01/Accounts/XYZ.json", MAIN, "FriendlyName=x"), 404, 20404, "was not found");
    }

    @Test
    void healthz_answers200WithoutCredentials() {
        Reply r = http.get("/healthz", null);
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
    }

    @Test
    void accountJson_hasExactlyTheSpecFields() {
        JsonNode a = http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", MAIN).json();
        Set<String> fields = new java.util.TreeSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        // The spec's api.v2010.account schema lists exactly these properties.
        assertEquals(new java.util.TreeSet<>(List.of("auth_token", "date_created", "date_updated", "friendly_name",
                "owner_account_sid", "sid", "status", "subresource_uris", "type", "uri")), fields);
        assertFalse(a.get("subresource_uris").isEmpty());
    }
}
