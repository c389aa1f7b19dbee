package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.NewSigningKey;
import com.twilio.rest.api.v2010.account.SigningKey;
import com.twilio.rest.monitor.v1.Event;
import com.twilio.rest.monitor.v1.EventReader;
import dev.accountd.Main;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as monitor v1 Events: what each credential and account action records, who may read it,
 * the filters and paging the SDK uses, and retention. Tests isolate their events by the resource they create
 * (ResourceSid filter), so they do not depend on each other's order.
 */
class EventsIT {
    static final String MAIN_SID = TestServer.MAIN_SID;
    static final String MAIN_AUTH = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final String ISO_8601 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$";
    static final DateTimeFormatter ZULU = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    static TestServer server;
    static TwilioRestClient main;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static TwilioRestClient as(Account a) { return server.client(a.getSid(), a.getAuthToken()); }

    static List<Event> read(TwilioRestClient client, UnaryOperator<EventReader> filters) {
        List<Event> events = new ArrayList<>();
        filters.apply(Event.reader()).read(client).forEach(events::add);
        return events;
    }

    static List<Event> about(String resourceSid) { return read(main, r -> r.setResourceSid(resourceSid)); }

    static List<String> types(List<Event> events) { return events.stream().map(Event::getEventType).toList(); }

    static List<String> sids(List<Event> events) { return events.stream().map(Event::getSid).toList(); }

    static Event only(List<Event> events, String type) {
        List<Event> matching = events.stream().filter(e -> type.equals(e.getEventType())).toList();
        assertEquals(1, matching.size(), "exactly one " + type + " in " + types(events));
        return matching.get(0);
    }

    static JsonNode rawEvent(String sid) {
        Reply r = http.get("/v1/Events/" + sid, MAIN_AUTH);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Moves the server's clock so the next event is strictly later than the previous one (dates have whole seconds). */
    static void tick() { server.clock().advance(Duration.ofSeconds(2)); }

    static String enc(String v) { return URLEncoder.encode(v, StandardCharsets.UTF_8); }

    /** Every event of a raw list, following meta.next_page_url. */
    static List<JsonNode> rawList(String query, String auth) {
        List<JsonNode> all = new ArrayList<>();
        String path = "/v1/Events?" + query;
        while (path != null) {
            Reply r = http.get(path, auth);
            assertEquals(200, r.status(), r.body());
            r.json().get("events").forEach(all::add);
            JsonNode next = r.json().get("meta").get("next_page_url");
            path = next.isNull() ? null : next.asText().substring(server.baseUrl().length());
        }
        return all;
    }

    // ---- what is recorded ------------------------------------------------------------------------------------

    @Test
    void accountCreatedAndUpdated_areRecorded_withWhoWhatAndWhere() {
        Account sub = Account.creator().setFriendlyName("before").create(main);
        tick();
        Account.updater(sub.getSid()).setFriendlyName("after").update(main);
        tick();
        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(main);

        List<Event> events = about(sub.getSid());
        assertEquals(List.of("account.updated", "account.updated", "account.created"), types(events), "newest first");
        for (Event e : events) {
            assertTrue(e.getSid().matches("^AE[0-9a-f]{32}$"), e.getSid());
            assertEquals(sub.getSid(), e.getAccountSid(), "the account the changed resource belongs to");
            assertEquals(MAIN_SID, e.getActorSid());
            assertEquals("account", e.getActorType());
            assertEquals("api", e.getSource());
            assertEquals("127.0.0.1", e.getSourceIpAddress());
            assertEquals(sub.getSid(), e.getResourceSid());
            assertEquals("account", e.getResourceType());
            assertNotNull(e.getEventDate(), "ISO 8601 event_date parses");
            assertEquals(URI.create(server.baseUrl() + "/v1/Events/" + e.getSid()), e.getUrl());
            assertTrue(e.getLinks().get("actor").startsWith(server.baseUrl()), "absolute links: " + e.getLinks());
            assertTrue(e.getLinks().get("resource").startsWith(server.baseUrl()), "absolute links: " + e.getLinks());
        }

        JsonNode suspended = rawEvent(events.get(0).getSid());
        assertEquals(json("{\"status\":{\"previous\":\"active\",\"updated\":\"suspended\"}}"), suspended.get("event_data"));
        JsonNode renamed = rawEvent(events.get(1).getSid());
        assertEquals(json("{\"friendly_name\":{\"previous\":\"before\",\"updated\":\"after\"}}"), renamed.get("event_data"));
        assertTrue(events.get(0).getEventDate().isAfter(events.get(1).getEventDate()));
    }

    @Test
    void eventJson_hasEveryFieldOfTheMonitorSchema() {
        Account sub = Account.creator().create(main);
        JsonNode e = rawList("ResourceSid=" + sub.getSid(), MAIN_AUTH).get(0);
        Set<String> fields = new TreeSet<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("account_sid", "actor_sid", "actor_type", "description", "event_data", "event_date",
                "event_type", "links", "resource_sid", "resource_type", "sid", "source", "source_ip_address", "url")), fields);
        assertTrue(e.get("event_date").asText().matches(ISO_8601), e.get("event_date").asText());
        assertTrue(e.get("event_data").isObject(), "event_data is a JSON object");
        assertTrue(e.get("links").has("actor") && e.get("links").has("resource"), e.toString());
        assertEquals(server.baseUrl() + "/v1/Events/" + e.get("sid").asText(), e.get("url").asText());
    }

    @Test
    void apiKeyLifecycle_isRecorded() {
        Account sub = Account.creator().create(main);
        NewKey key = NewKey.creator(sub.getSid()).setFriendlyName("ci").create(main);
        tick();
        Key.updater(sub.getSid(), key.getSid()).setFriendlyName("ci renamed").update(main);
        tick();
        Key.deleter(sub.getSid(), key.getSid()).delete(main);

        List<Event> events = about(key.getSid());
        assertEquals(List.of("api-key.deleted", "api-key.updated", "api-key.created"), types(events));
        for (Event e : events) {
            assertEquals(sub.getSid(), e.getAccountSid(), "the key belongs to the subaccount");
            assertEquals(MAIN_SID, e.getActorSid());
            assertEquals("account", e.getActorType());
            assertEquals("api-key", e.getResourceType());
            assertEquals("api", e.getSource());
            assertEquals("127.0.0.1", e.getSourceIpAddress());
        }
        JsonNode updated = rawEvent(events.get(1).getSid());
        assertEquals(json("{\"friendly_name\":{\"previous\":\"ci\",\"updated\":\"ci renamed\"}}"), updated.get("event_data"));
    }

    @Test
    void signingKeyLifecycle_isRecorded() {
        NewSigningKey key = NewSigningKey.creator(MAIN_SID).setFriendlyName("jwt").create(main);
        tick();
        SigningKey.updater(MAIN_SID, key.getSid()).setFriendlyName("jwt 2").update(main);
        tick();
        SigningKey.deleter(MAIN_SID, key.getSid()).delete(main);

        List<Event> events = about(key.getSid());
        assertEquals(List.of("signing-key.deleted", "signing-key.updated", "signing-key.created"), types(events));
        for (Event e : events) {
            assertEquals(MAIN_SID, e.getAccountSid());
            assertEquals(MAIN_SID, e.getActorSid());
            assertEquals("signing-key", e.getResourceType());
        }
    }

    @Test
    void tokenActions_areRecordedAgainstTheAccount_actedByItself() {
        Account sub = Account.creator().create(main);
        TwilioRestClient subClient = as(sub);
        tick();
        SecondaryAuthToken.creator().create(subClient);
        tick();
        SecondaryAuthToken.deleter().delete(subClient);
        tick();
        SecondaryAuthToken.creator().create(subClient);
        tick();
        AuthTokenPromotion.updater().update(subClient);

        List<Event> events = about(sub.getSid());
        assertEquals(List.of("auth-token.promoted", "secondary-auth-token.created", "secondary-auth-token.deleted",
                "secondary-auth-token.created", "account.created"), types(events));
        for (Event e : events.subList(0, 4)) {
            assertEquals(sub.getSid(), e.getAccountSid());
            assertEquals(sub.getSid(), e.getActorSid(), "the account whose token acted");
            assertEquals("account", e.getActorType());
            assertEquals("api", e.getSource());
            assertEquals("127.0.0.1", e.getSourceIpAddress());
        }
    }

    @Test
    void bulkRotation_recordsOneEventPerSubaccount() {
        var family = server.app().accounts().createMain(Optional.of("events family"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient fm = server.client(family.sid(), family.authToken().value());
        Account a = Account.creator().create(fm);
        Account b = Account.creator().create(fm);

        Reply r = http.post("/_accountd/v1/AuthTokens/RotateSubaccounts", basic(family.sid(), family.authToken().value()), "");
        assertEquals(200, r.status(), r.body());

        List<Event> rotated = read(fm, q -> q.setEventType("auth-token.rotated"));
        assertEquals(Set.of(a.getSid(), b.getSid()), Set.copyOf(rotated.stream().map(Event::getResourceSid).toList()));
        assertEquals(2, rotated.size());
        for (Event e : rotated) {
            assertEquals(e.getResourceSid(), e.getAccountSid());
            assertEquals(family.sid(), e.getActorSid());
            assertEquals("account", e.getActorType());
            assertEquals("api", e.getSource());
        }
    }

    @Test
    void cliRotation_isRecordedWithSourceOperator() {
        var family = server.app().accounts().createMain(Optional.of("operator family"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient fm = server.client(family.sid(), family.authToken().value());
        Account a = Account.creator().create(fm);

        List<String> args = new ArrayList<>(List.of("tokens", "rotate", "--all-subaccounts-of", family.sid()));
        args.addAll(server.cliArgs());
        PrintStream oldOut = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine(args.toArray(String[]::new)).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, exit);

        Event e = only(read(fm, q -> q.setResourceSid(a.getSid())), "auth-token.rotated");
        assertEquals("operator", e.getSource());
        assertEquals(a.getSid(), e.getAccountSid());
    }

    @Test
    void sourceIpAddress_isThePeer_notAnUntrustedXForwardedFor() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/2010-04-01/Accounts.json"))
                .header("Authorization", MAIN_AUTH)
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("FriendlyName=forwarded")).build();
        Reply response = RawHttp.send(request);
        assertEquals(201, response.status(), response.body());
        String sid = response.json().get("sid").asText();
        assertEquals("127.0.0.1", only(about(sid), "account.created").getSourceIpAddress(),
                "X-Forwarded-For counts only when ACCOUNTD_TRUST_PROXY=true");
    }

    // ---- filters ---------------------------------------------------------------------------------------------

    @Test
    void actorSidFilter_returnsWhatThatActorDid() {
        Account sub = Account.creator().create(main);
        SecondaryAuthToken.creator().create(as(sub));
        List<Event> bySub = read(main, q -> q.setActorSid(sub.getSid()));
        assertEquals(List.of("secondary-auth-token.created"), types(bySub));
        assertEquals(List.of("account.created"), types(read(main, q -> q.setActorSid(MAIN_SID).setResourceSid(sub.getSid()))));
    }

    @Test
    void eventTypeFilter_returnsOnlyThatType() {
        NewSigningKey key = NewSigningKey.creator(MAIN_SID).create(main);
        List<Event> created = read(main, q -> q.setEventType("signing-key.created"));
        assertFalse(created.isEmpty());
        for (Event e : created) assertEquals("signing-key.created", e.getEventType());
        assertTrue(created.stream().anyMatch(e -> key.getSid().equals(e.getResourceSid())));
        assertEquals(List.of(), read(main, q -> q.setEventType("phone-number.created")));
    }

    @Test
    void sourceIpAddressFilter_isExact() {
        Account sub = Account.creator().create(main);
        assertEquals(1, read(main, q -> q.setResourceSid(sub.getSid()).setSourceIpAddress("127.0.0.1")).size());
        assertEquals(List.of(), read(main, q -> q.setResourceSid(sub.getSid()).setSourceIpAddress("192.0.2.1")));
        assertEquals(List.of(), read(main, q -> q.setResourceSid(sub.getSid()).setSourceIpAddress("127.0.0")));
    }

    @Test
    void dateFilters_acceptTheSdksFormAndIsoWithZoneOrOffset() {
        Account sub = Account.creator().setFriendlyName("t0").create(main);
        server.clock().advance(Duration.ofHours(2));
        Instant t1 = server.clock().instant();
        Account.updater(sub.getSid()).setFriendlyName("t1").update(main);
        server.clock().advance(Duration.ofHours(2));
        Account.updater(sub.getSid()).setFriendlyName("t2").update(main);
        List<Event> all = about(sub.getSid());
        assertEquals(3, all.size());
        String atT1 = all.get(1).getSid();

        // twilio-java sends ZonedDateTime values as yyyy-MM-ddTHH:mm:ss with no zone: the server reads them as UTC
        ZonedDateTime from = ZonedDateTime.ofInstant(t1.minus(1, ChronoUnit.MINUTES), ZoneOffset.UTC);
        ZonedDateTime to = ZonedDateTime.ofInstant(t1.plus(1, ChronoUnit.MINUTES), ZoneOffset.UTC);
        assertEquals(List.of(atT1), sids(read(main, q -> q.setResourceSid(sub.getSid()).setStartDate(from).setEndDate(to))));
        assertEquals(sids(all.subList(0, 2)), sids(read(main, q -> q.setResourceSid(sub.getSid()).setStartDate(from))));
        assertEquals(sids(all.subList(1, 3)), sids(read(main, q -> q.setResourceSid(sub.getSid()).setEndDate(to))));

        // twilio-node's form, with Z
        String zuluQuery = "ResourceSid=" + sub.getSid() + "&StartDate=" + ZULU.format(from) + "&EndDate=" + ZULU.format(to);
        assertEquals(List.of(atT1), rawList(zuluQuery, MAIN_AUTH).stream().map(e -> e.get("sid").asText()).toList());

        // the same instants written with a +02:00 offset
        DateTimeFormatter offset = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
        String offsetQuery = "ResourceSid=" + sub.getSid()
                + "&StartDate=" + enc(from.withZoneSameInstant(ZoneOffset.ofHours(2)).format(offset))
                + "&EndDate=" + enc(to.withZoneSameInstant(ZoneOffset.ofHours(2)).format(offset));
        assertEquals(List.of(atT1), rawList(offsetQuery, MAIN_AUTH).stream().map(e -> e.get("sid").asText()).toList());

        // a plain date means the start of that day (UTC) as StartDate
        String dayOfT0 = DateTimeFormatter.ISO_LOCAL_DATE.format(all.get(2).getEventDate().withZoneSameInstant(ZoneOffset.UTC));
        assertEquals(3, rawList("ResourceSid=" + sub.getSid() + "&StartDate=" + dayOfT0, MAIN_AUTH).size());
        String dayAfterT2 = DateTimeFormatter.ISO_LOCAL_DATE.format(all.get(0).getEventDate().withZoneSameInstant(ZoneOffset.UTC).plusDays(1));
        assertEquals(0, rawList("ResourceSid=" + sub.getSid() + "&StartDate=" + dayAfterT2, MAIN_AUTH).size());
    }

    // ---- paging and fetch ------------------------------------------------------------------------------------

    @Test
    void sdkPagesThroughEvents_twoAtATime() {
        Account sub = Account.creator().setFriendlyName("page 0").create(main);
        for (int i = 1; i <= 4; i++) {
            tick();
            Account.updater(sub.getSid()).setFriendlyName("page " + i).update(main);
        }
        List<Event> all = read(main, q -> q.setResourceSid(sub.getSid()).setPageSize(2L));
        assertEquals(5, all.size());
        assertEquals(5, Set.copyOf(sids(all)).size(), "no event twice");
        assertEquals("account.created", all.get(4).getEventType(), "newest first: the creation comes last");

        EventReader reader = Event.reader().setResourceSid(sub.getSid()).setPageSize(2L);
        Page<Event> page = reader.firstPage(main);
        int pages = 1;
        List<String> paged = new ArrayList<>(sids(page.getRecords()));
        while (page.hasNextPage()) {
            page = reader.nextPage(page, main);
            paged.addAll(sids(page.getRecords()));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(sids(all), paged);
    }

    @Test
    void rawPages_carryTheWholeV1MetaEnvelope_withAbsoluteUrls() {
        Account sub = Account.creator().create(main);
        for (int i = 0; i < 4; i++) {
            tick();
            Account.updater(sub.getSid()).setFriendlyName("meta " + i).update(main);
        }
        String base = server.baseUrl();
        Reply first = http.get("/v1/Events?ResourceSid=" + sub.getSid() + "&PageSize=2", MAIN_AUTH);
        assertEquals(200, first.status(), first.body());
        JsonNode meta = first.json().get("meta");
        Set<String> keys = new TreeSet<>();
        meta.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key")), keys);
        assertEquals(0, meta.get("page").asInt());
        assertEquals(2, meta.get("page_size").asInt());
        assertEquals("events", meta.get("key").asText());
        assertEquals(2, first.json().get("events").size());
        assertTrue(meta.get("previous_page_url").isNull());
        for (String k : List.of("url", "first_page_url", "next_page_url")) {
            assertTrue(meta.get(k).asText().startsWith(base + "/v1/Events?"), k + " = " + meta.get(k));
        }
        assertTrue(meta.get("next_page_url").asText().contains("ResourceSid=" + sub.getSid()), "the filter survives paging");

        JsonNode second = http.get(meta.get("next_page_url").asText().substring(base.length()), MAIN_AUTH).json();
        assertEquals(1, second.get("meta").get("page").asInt());
        assertTrue(second.get("meta").get("previous_page_url").asText().startsWith(base + "/v1/Events?"));
        JsonNode third = http.get(second.get("meta").get("next_page_url").asText().substring(base.length()), MAIN_AUTH).json();
        assertEquals(1, third.get("events").size());
        assertTrue(third.get("meta").get("next_page_url").isNull());
        assertEquals(7, third.get("meta").size(), "every key, null where empty");
    }

    @Test
    void fetch_returnsTheEvent_andUnknownOnesAreNotFound() {
        Account sub = Account.creator().create(main);
        Event listed = about(sub.getSid()).get(0);
        Event fetched = Event.fetcher(listed.getSid()).fetch(main);
        assertEquals(listed.getSid(), fetched.getSid());
        assertEquals(listed.getEventType(), fetched.getEventType());
        assertEquals(listed.getEventDate(), fetched.getEventDate());
        assertEquals(listed.getUrl(), fetched.getUrl());

        String unknown = "AE" + "0".repeat(32);
        assertTwilioError(404, 20404, "", () -> Event.fetcher(unknown).fetch(main));
        assertTwilioError(404, 20404, "", () -> Event.fetcher("AEnotanevent").fetch(main));
    }

    // ---- who sees what ---------------------------------------------------------------------------------------

    @Test
    void subaccount_seesOnlyItsOwnEvents_andTheMainSeesThemToo() {
        Account sub = Account.creator().create(main);
        Account sibling = Account.creator().create(main);
        SecondaryAuthToken.creator().create(as(sub));
        NewKey mainKey = NewKey.creator(MAIN_SID).create(main);

        List<Event> seenBySub = read(as(sub), q -> q);
        assertFalse(seenBySub.isEmpty());
        for (Event e : seenBySub) assertEquals(sub.getSid(), e.getAccountSid(), "a subaccount reads only its own events");
        assertTrue(types(seenBySub).contains("secondary-auth-token.created"));

        List<Event> seenByMain = read(main, q -> q.setEventType("secondary-auth-token.created"));
        assertTrue(seenByMain.stream().anyMatch(e -> sub.getSid().equals(e.getAccountSid())), "the main sees its subaccount's events");

        Event mainsEvent = only(about(mainKey.getSid()), "api-key.created");
        Event siblingsEvent = only(about(sibling.getSid()), "account.created");
        assertTwilioError(404, 20404, "", () -> Event.fetcher(mainsEvent.getSid()).fetch(as(sub)));
        assertTwilioError(404, 20404, "", () -> Event.fetcher(siblingsEvent.getSid()).fetch(as(sub)));
        assertEquals(List.of(), read(as(sub), q -> q.setResourceSid(sibling.getSid())));
    }

    @Test
    void apiKey_seesOnlyItsOwningAccountsEvents() {
        Account sub = Account.creator().create(main);
        NewKey subKey = NewKey.creator(sub.getSid()).create(main);
        NewKey mainKey = NewKey.creator(MAIN_SID).create(main);
        TwilioRestClient subKeyClient = server.client(subKey.getSid(), subKey.getSecret());
        TwilioRestClient mainKeyClient = server.client(mainKey.getSid(), mainKey.getSecret());

        List<Event> seen = read(subKeyClient, q -> q);
        assertFalse(seen.isEmpty());
        for (Event e : seen) assertEquals(sub.getSid(), e.getAccountSid());

        List<Event> seenByMainKey = read(mainKeyClient, q -> q);
        for (Event e : seenByMainKey) assertEquals(MAIN_SID, e.getAccountSid(), "a main's key does not see its subaccounts' events");
        assertEquals(List.of(), read(mainKeyClient, q -> q.setResourceSid(sub.getSid())));
        Event subsEvent = only(about(sub.getSid()), "account.created");
        assertTwilioError(404, 20404, "", () -> Event.fetcher(subsEvent.getSid()).fetch(mainKeyClient));
        assertEquals(subsEvent.getSid(), Event.fetcher(subsEvent.getSid()).fetch(subKeyClient).getSid());
    }

    // ---- secrets and retention -------------------------------------------------------------------------------

    @Test
    void noSecretEverAppearsInAnEvent() {
        List<String> secrets = new ArrayList<>();
        Account sub = Account.creator().create(main);
        secrets.add(sub.getAuthToken());
        String secondary = SecondaryAuthToken.creator().create(as(sub)).getSecondaryAuthToken();
        secrets.add(secondary);
        secrets.add(AuthTokenPromotion.updater().update(as(sub)).getAuthToken());
        secrets.add(SecondaryAuthToken.creator().create(server.client(sub.getSid(), secondary)).getSecondaryAuthToken());
        secrets.add(NewKey.creator(sub.getSid()).create(main).getSecret());
        secrets.add(NewSigningKey.creator(sub.getSid()).create(main).getSecret());
        var family = server.app().accounts().createMain(Optional.of("secret family"), Optional.empty(), Optional.empty(), 10);
        secrets.add(family.authToken().value());
        Account familySub = Account.creator().create(server.client(family.sid(), family.authToken().value()));
        secrets.add(familySub.getAuthToken());
        Reply rotation = http.post("/_accountd/v1/AuthTokens/RotateSubaccounts", basic(family.sid(), family.authToken().value()), "");
        rotation.json().get("rotated").forEach(r -> secrets.add(r.get("auth_token").asText()));
        secrets.add(TestServer.MAIN_TOKEN);

        StringBuilder everything = new StringBuilder();
        for (JsonNode e : rawList("PageSize=1000", MAIN_AUTH)) everything.append(e).append('\n');
        for (JsonNode e : rawList("PageSize=1000", basic(family.sid(), family.authToken().value()))) everything.append(e).append('\n');
        assertTrue(everything.toString().contains("auth-token.rotated"), "the scenario's events were read");
        for (String secret : secrets) {
            assertFalse(everything.toString().contains(secret), "a secret appears in an event: " + secret.substring(0, 4) + "…");
        }
    }

    /** Every event type accountd emits. */
    static final Set<String> EVENT_TYPES = Set.of("account.created", "account.updated", "api-key.created", "api-key.updated",
            "api-key.deleted", "signing-key.created", "signing-key.updated", "signing-key.deleted", "secondary-auth-token.created",
            "secondary-auth-token.deleted", "auth-token.promoted", "auth-token.rotated", "address.created", "address.updated",
            "address.deleted", "phone-number.created", "phone-number.updated", "phone-number.transferred", "phone-number.deleted",
            "price.updated", "price.deleted");

    @Test
    void everyLinkOfEveryEventType_leadsToItsResource_orTo404OnceItIsDeleted() {
        try (TestServer own = TestServer.start()) {
            TwilioRestClient c = own.mainClient();
            RawHttp raw = own.raw();
            Account sub = Account.creator().setFriendlyName("links").create(c);
            Account.updater(sub.getSid()).setFriendlyName("links renamed").update(c);
            TwilioRestClient asSub = own.client(sub.getSid(), sub.getAuthToken());
            SecondaryAuthToken.creator().create(asSub);
            SecondaryAuthToken.deleter().delete(asSub);
            SecondaryAuthToken.creator().create(asSub);
            asSub = own.client(sub.getSid(), AuthTokenPromotion.updater().update(asSub).getAuthToken());
            NewKey key = NewKey.creator(sub.getSid()).create(c);
            Key.updater(sub.getSid(), key.getSid()).setFriendlyName("renamed").update(c);
            NewKey doomedKey = NewKey.creator(sub.getSid()).create(c);
            // an event whose actor is a key
            com.twilio.rest.api.v2010.account.Address.creator(sub.getSid(), "Ada", "1 Main St", "London", "London", "N1 1AA", "GB")
                    .create(own.client(key.getSid(), key.getSecret()));
            Key.deleter(sub.getSid(), doomedKey.getSid()).delete(c);
            NewSigningKey signing = NewSigningKey.creator(sub.getSid()).create(c);
            SigningKey.updater(sub.getSid(), signing.getSid()).setFriendlyName("renamed").update(c);
            SigningKey.deleter(sub.getSid(), signing.getSid()).delete(c);
            var address = com.twilio.rest.api.v2010.account.Address.creator(sub.getSid(), "Ada", "2 Main St", "London", "London",
                    "N1 1AA", "GB").create(c);
            com.twilio.rest.api.v2010.account.Address.updater(sub.getSid(), address.getSid()).setCity("Leeds").update(c);
            com.twilio.rest.api.v2010.account.Address.deleter(sub.getSid(), address.getSid()).delete(c);
            var number = com.twilio.rest.api.v2010.account.IncomingPhoneNumber.creator(sub.getSid(), "415").create(c);
            com.twilio.rest.api.v2010.account.IncomingPhoneNumber.updater(sub.getSid(), number.getSid()).setFriendlyName("line").update(c);
            com.twilio.rest.api.v2010.account.IncomingPhoneNumber.updater(sub.getSid(), number.getSid())
                    .setAccountSid(TestServer.MAIN_SID).update(c);
            var released = com.twilio.rest.api.v2010.account.IncomingPhoneNumber.creator(TestServer.MAIN_SID, "212").create(c);
            com.twilio.rest.api.v2010.account.IncomingPhoneNumber.deleter(TestServer.MAIN_SID, released.getSid()).delete(c);
            raw.post("/_accountd/v1/AuthTokens/RotateSubaccounts", basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "AccountSid=" + sub.getSid());
            // a price override's link leads to the family's Prices, which stay after a deletion
            String prices = "/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Prices";
            assertEquals(200, raw.post(prices, MAIN_AUTH, "IsoCountry=US&Kind=number&NumberType=local&Price=1").status());
            assertEquals(204, raw.delete(prices + "?IsoCountry=US", MAIN_AUTH).status());

            List<JsonNode> events = new ArrayList<>();
            String path = "/v1/Events?PageSize=1000";
            while (path != null) {
                Reply page = raw.get(path, MAIN_AUTH);
                page.json().get("events").forEach(events::add);
                JsonNode next = page.json().get("meta").get("next_page_url");
                path = next.isNull() ? null : next.asText().substring(own.baseUrl().length());
            }
            Set<String> seen = new TreeSet<>();
            Set<String> deleted = new TreeSet<>();
            for (JsonNode e : events) {
                seen.add(e.get("event_type").asText());
                // a secondary token's deletion leaves its account; these delete the resource itself
                if (Set.of("api-key.deleted", "signing-key.deleted", "address.deleted", "phone-number.deleted").contains(e.get("event_type").asText())) {
                    deleted.add(e.get("resource_sid").asText());
                }
            }
            assertEquals(new TreeSet<>(EVENT_TYPES), seen, "the scenario emits every event type");
            List<String> broken = new ArrayList<>();
            for (JsonNode e : events) {
                for (String link : List.of("actor", "resource")) {
                    JsonNode url = e.get("links").get(link);
                    if (url.isNull()) continue;
                    assertTrue(url.asText().startsWith(own.baseUrl() + "/"), "an absolute URL of this server: " + url);
                    int status = raw.get(url.asText().substring(own.baseUrl().length()), MAIN_AUTH).status();
                    String target = e.get(link.equals("actor") ? "actor_sid" : "resource_sid").asText();
                    int expected = deleted.contains(target) ? 404 : 200;
                    if (status != expected) broken.add(e.get("event_type").asText() + " links." + link + " " + url + " -> " + status);
                }
            }
            assertEquals(List.of(), broken);
        }
    }

    @Test
    void eventsOlderThanTheRetentionPeriod_arePruned() {
        try (TestServer own = TestServer.start()) {
            TwilioRestClient c = own.mainClient();
            Account old = Account.creator().create(c);
            String oldEvent = sidOfOnly(own, c, old.getSid());

            own.clock().advance(Duration.ofDays(29));
            assertEquals(0, own.app().pruneEvents(), "nothing is 30 days old yet");
            assertEquals(oldEvent, Event.fetcher(oldEvent).fetch(c).getSid(), "kept for 30 days");

            own.clock().advance(Duration.ofDays(2));
            Account recent = Account.creator().create(c);
            assertEquals(2, own.app().pruneEvents(), "the account.created events of the main account and of the old subaccount");
            assertTwilioError(404, 20404, "", () -> Event.fetcher(oldEvent).fetch(c));
            List<Event> left = new ArrayList<>();
            Event.reader().setResourceSid(old.getSid()).read(c).forEach(left::add);
            assertEquals(List.of(), left);
            assertEquals(1, countAbout(c, recent.getSid()), "recent events stay");
        }
    }

    @Test
    void retentionPeriod_isConfigurable() {
        try (TestStore store = TestStore.fresh();
             TestServer own = TestServer.startOn(store, Map.of("ACCOUNTD_EVENT_RETENTION_DAYS", "7"))) {
            TwilioRestClient c = own.mainClient();
            Account old = Account.creator().create(c);
            String oldEvent = sidOfOnly(own, c, old.getSid());
            own.clock().advance(Duration.ofDays(6));
            own.app().pruneEvents();
            assertEquals(oldEvent, Event.fetcher(oldEvent).fetch(c).getSid());
            own.clock().advance(Duration.ofDays(2));
            own.app().pruneEvents();
            assertTwilioError(404, 20404, "", () -> Event.fetcher(oldEvent).fetch(c));
        }
    }

    private static String sidOfOnly(TestServer s, TwilioRestClient c, String resourceSid) {
        List<Event> events = new ArrayList<>();
        Event.reader().setResourceSid(resourceSid).read(c).forEach(events::add);
        assertEquals(1, events.size(), "one event about " + resourceSid + " on " + s.baseUrl());
        return events.get(0).getSid();
    }

    private static int countAbout(TwilioRestClient c, String resourceSid) {
        List<Event> events = new ArrayList<>();
        Event.reader().setResourceSid(resourceSid).read(c).forEach(events::add);
        return events.size();
    }
}
