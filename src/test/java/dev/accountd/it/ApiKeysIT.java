package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.NewSigningKey;
import com.twilio.rest.api.v2010.account.SigningKey;
import dev.accountd.domain.AccountStatus;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys and signing keys (2010-04-01 Keys.json / SigningKeys.json): their lifecycle, the secret shown once,
 * and what a standard key may and may not do when it authenticates.
 *
 * <p>Every authentication failure here counts toward the server's per-address budget (more than 30 a minute from
 * 127.0.0.1 locks everyone out); this class causes fewer than ten.
 */
class ApiKeysIT {
    static final String MAIN_SID = TestServer.MAIN_SID;
    static final String MAIN_AUTH = basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final String KEY_SID = "^SK[0-9a-f]{32}$";
    static final String SECRET = "^[A-Za-z0-9]{32}$";
    static final String RFC_2822 = "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$";

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

    static TwilioRestClient as(Account account) { return server.client(account.getSid(), account.getAuthToken()); }

    static TwilioRestClient as(NewKey key) { return server.client(key.getSid(), key.getSecret()); }

    static Set<String> fieldsOf(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String notFound(String accountSid, String collection, String sid) {
        return "The requested resource /2010-04-01/Accounts/" + accountSid + "/" + collection + "/" + sid + ".json was not found";
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    @Test
    void closedSubaccount_keysAndSigningKeysAreReadOnly_evenForTheMainAccount() {
        Account sub = Account.creator().create(main);
        NewKey key = NewKey.creator(sub.getSid()).setFriendlyName("before close").create(main);
        NewSigningKey signing = NewSigningKey.creator(sub.getSid()).create(main);
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);

        assertTwilioError(400, 21479, "Unable to create Key for subaccount, subaccount has been closed.",
                () -> NewKey.creator(sub.getSid()).create(main));
        assertTwilioError(400, 21479, "Unable to update Key for subaccount, subaccount has been closed.",
                () -> Key.updater(sub.getSid(), key.getSid()).setFriendlyName("after close").update(main));
        assertTwilioError(400, 21479, "Unable to delete Key for subaccount, subaccount has been closed.",
                () -> Key.deleter(sub.getSid(), key.getSid()).delete(main));
        assertTwilioError(400, 21479, "Unable to create SigningKey for subaccount, subaccount has been closed.",
                () -> NewSigningKey.creator(sub.getSid()).create(main));
        assertTwilioError(400, 21479, "Unable to delete SigningKey for subaccount, subaccount has been closed.",
                () -> SigningKey.deleter(sub.getSid(), signing.getSid()).delete(main));
        // still readable, and unchanged
        assertEquals("before close", Key.fetcher(sub.getSid(), key.getSid()).fetch(main).getFriendlyName());
        List<String> keys = new ArrayList<>();
        Key.reader(sub.getSid()).read(main).forEach(k -> keys.add(k.getSid()));
        assertEquals(List.of(key.getSid()), keys);
    }

    @Test
    void newKey_isCreatedWith201_andShowsItsSecretOnlyThatOnce() {
        Reply created = http.post("/2010-04-01/Accounts/" + MAIN_SID + "/Keys.json", MAIN_AUTH, "FriendlyName=deploy%20bot");
        assertEquals(201, created.status(), created.body());
        JsonNode k = created.json();
        assertEquals(Set.of("sid", "friendly_name", "date_created", "date_updated", "secret"), fieldsOf(k));
        String sid = k.get("sid").asText();
        String secret = k.get("secret").asText();
        assertTrue(sid.matches(KEY_SID), sid);
        assertTrue(secret.matches(SECRET), "secret is 32 characters [A-Za-z0-9]: " + secret);
        assertEquals("deploy bot", k.get("friendly_name").asText());
        assertTrue(k.get("date_created").asText().matches(RFC_2822), k.get("date_created").asText());
        assertTrue(k.get("date_updated").asText().matches(RFC_2822), k.get("date_updated").asText());

        Reply fetched = http.get("/2010-04-01/Accounts/" + MAIN_SID + "/Keys/" + sid + ".json", MAIN_AUTH);
        assertEquals(200, fetched.status(), fetched.body());
        assertEquals(Set.of("sid", "friendly_name", "date_created", "date_updated"), fieldsOf(fetched.json()));
        assertFalse(fetched.body().contains(secret), "a fetch never shows the secret");

        Reply listed = http.get("/2010-04-01/Accounts/" + MAIN_SID + "/Keys.json?PageSize=1000", MAIN_AUTH);
        assertEquals(200, listed.status(), listed.body());
        assertFalse(listed.body().contains(secret), "a list never shows the secret");
        boolean found = false;
        for (JsonNode record : listed.json().get("keys")) {
            assertEquals(Set.of("sid", "friendly_name", "date_created", "date_updated"), fieldsOf(record));
            found |= record.get("sid").asText().equals(sid);
        }
        assertTrue(found, "the new key is listed");
    }

    @Test
    void newKey_throughTheSdk_hasASecretAndTheSameFieldsOnFetch() {
        NewKey created = NewKey.creator(MAIN_SID).setFriendlyName("sdk key").create(main);
        assertTrue(created.getSid().matches(KEY_SID));
        assertTrue(created.getSecret().matches(SECRET));
        assertEquals("sdk key", created.getFriendlyName());
        assertNotNull(created.getDateCreated(), "RFC 2822 date_created parses");
        assertNotNull(created.getDateUpdated());

        Key fetched = Key.fetcher(MAIN_SID, created.getSid()).fetch(main);
        assertEquals(created.getSid(), fetched.getSid());
        assertEquals("sdk key", fetched.getFriendlyName());
        assertEquals(created.getDateCreated(), fetched.getDateCreated());
    }

    @Test
    void newKey_withoutFriendlyName_hasANullName() {
        NewKey created = NewKey.creator(MAIN_SID).create(main);
        assertNull(created.getFriendlyName());
        Reply fetched = http.get("/2010-04-01/Accounts/" + MAIN_SID + "/Keys/" + created.getSid() + ".json", MAIN_AUTH);
        assertTrue(fetched.json().get("friendly_name").isNull(), fetched.body());
    }

    @Test
    void key_canBeRenamed_andDeletedWith204() {
        NewKey created = NewKey.creator(MAIN_SID).setFriendlyName("before").create(main);
        Key renamed = Key.updater(MAIN_SID, created.getSid()).setFriendlyName("after").update(main);
        assertEquals("after", renamed.getFriendlyName());
        assertEquals(created.getSid(), renamed.getSid());
        assertFalse(renamed.getDateUpdated().isBefore(created.getDateUpdated()));
        assertEquals("after", Key.fetcher(MAIN_SID, created.getSid()).fetch(main).getFriendlyName());

        Reply deleted = http.delete("/2010-04-01/Accounts/" + MAIN_SID + "/Keys/" + created.getSid() + ".json", MAIN_AUTH);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.response().body(), "204 has an empty body");
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", created.getSid()),
                () -> Key.fetcher(MAIN_SID, created.getSid()).fetch(main));
        assertTwilioError(404, 20404, "was not found", () -> Key.deleter(MAIN_SID, created.getSid()).delete(main));
    }

    @Test
    void signingKeys_haveTheSameLifecycle_underSigningKeys() {
        Reply raw = http.post("/2010-04-01/Accounts/" + MAIN_SID + "/SigningKeys.json", MAIN_AUTH, "FriendlyName=jwt");
        assertEquals(201, raw.status(), raw.body());
        assertEquals(Set.of("sid", "friendly_name", "date_created", "date_updated", "secret"), fieldsOf(raw.json()));
        assertTrue(raw.json().get("secret").asText().matches(SECRET));

        NewSigningKey created = NewSigningKey.creator(MAIN_SID).setFriendlyName("video tokens").create(main);
        assertTrue(created.getSid().matches(KEY_SID));
        assertTrue(created.getSecret().matches(SECRET));
        assertEquals("video tokens", created.getFriendlyName());

        SigningKey fetched = SigningKey.fetcher(MAIN_SID, created.getSid()).fetch(main);
        assertEquals("video tokens", fetched.getFriendlyName());
        Reply rawFetch = http.get("/2010-04-01/Accounts/" + MAIN_SID + "/SigningKeys/" + created.getSid() + ".json", MAIN_AUTH);
        assertEquals(Set.of("sid", "friendly_name", "date_created", "date_updated"), fieldsOf(rawFetch.json()));

        assertEquals("renamed", SigningKey.updater(MAIN_SID, created.getSid()).setFriendlyName("renamed").update(main).getFriendlyName());

        List<String> listed = new ArrayList<>();
        SigningKey.reader(MAIN_SID).read(main).forEach(s -> listed.add(s.getSid()));
        assertTrue(listed.contains(created.getSid()));
        Reply rawList = http.get("/2010-04-01/Accounts/" + MAIN_SID + "/SigningKeys.json", MAIN_AUTH);
        assertTrue(rawList.json().has("signing_keys"), "records key signing_keys: " + rawList.body());
        assertFalse(rawList.body().contains(created.getSecret()));

        assertTrue(SigningKey.deleter(MAIN_SID, created.getSid()).delete(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "SigningKeys", created.getSid()),
                () -> SigningKey.fetcher(MAIN_SID, created.getSid()).fetch(main));
    }

    @Test
    void keyLists_pageInCreationOrder_andKeepTheTwoKindsApart() {
        Account sub = Account.creator().setFriendlyName("five keys").create(main);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) created.add(NewKey.creator(sub.getSid()).setFriendlyName("key " + i).create(main).getSid());
        String signing = NewSigningKey.creator(sub.getSid()).create(main).getSid();

        List<String> listed = new ArrayList<>();
        Key.reader(sub.getSid()).setPageSize(2L).read(main).forEach(k -> listed.add(k.getSid()));
        assertEquals(created, listed, "every key once, in creation order, across three pages");

        List<String> signingListed = new ArrayList<>();
        SigningKey.reader(sub.getSid()).setPageSize(2L).read(main).forEach(k -> signingListed.add(k.getSid()));
        assertEquals(List.of(signing), signingListed, "signing keys are listed apart from standard keys");

        String path = "/2010-04-01/Accounts/" + sub.getSid() + "/Keys.json";
        JsonNode first = http.get(path + "?PageSize=2", MAIN_AUTH).json();
        assertEquals(2, first.get("keys").size());
        assertEquals(0, first.get("page").asInt());
        assertEquals(2, first.get("page_size").asInt());
        assertTrue(first.get("previous_page_uri").isNull());
        assertTrue(first.get("uri").asText().startsWith(path), first.get("uri").asText());
        String next = first.get("next_page_uri").asText();
        assertTrue(next.startsWith(path + "?"), next);
        int pages = 1;
        List<String> rawListed = new ArrayList<>();
        first.get("keys").forEach(k -> rawListed.add(k.get("sid").asText()));
        while (next != null) {
            JsonNode page = http.get(next, MAIN_AUTH).json();
            page.get("keys").forEach(k -> rawListed.add(k.get("sid").asText()));
            pages++;
            next = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
        }
        assertEquals(3, pages);
        assertEquals(created, rawListed);
    }

    @Test
    void friendlyNameOf65Characters_isRefused_64IsAccepted() {
        String name64 = "k".repeat(64);
        String name65 = name64 + "k";
        NewKey key = NewKey.creator(MAIN_SID).setFriendlyName(name64).create(main);
        assertEquals(name64, key.getFriendlyName());
        assertTwilioError(400, 20002, "", () -> NewKey.creator(MAIN_SID).setFriendlyName(name65).create(main));
        assertTwilioError(400, 20002, "", () -> Key.updater(MAIN_SID, key.getSid()).setFriendlyName(name65).update(main));
        assertEquals(name64, Key.fetcher(MAIN_SID, key.getSid()).fetch(main).getFriendlyName());

        NewSigningKey signing = NewSigningKey.creator(MAIN_SID).setFriendlyName(name64).create(main);
        assertTwilioError(400, 20002, "", () -> NewSigningKey.creator(MAIN_SID).setFriendlyName(name65).create(main));
        assertTwilioError(400, 20002, "", () -> SigningKey.updater(MAIN_SID, signing.getSid()).setFriendlyName(name65).update(main));
    }

    // ---- 404s ------------------------------------------------------------------------------------------------

    @Test
    void unknownKey_isNotFound() {
        String unknown = "SK" + "0".repeat(32);
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", unknown), () -> Key.fetcher(MAIN_SID, unknown).fetch(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", unknown),
                () -> Key.updater(MAIN_SID, unknown).setFriendlyName("x").update(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "SigningKeys", unknown), () -> SigningKey.fetcher(MAIN_SID, unknown).fetch(main));
    }

    @Test
    void anotherAccountsKey_isNotFoundUnderThisAccount() {
        Account sub = Account.creator().create(main);
        NewKey subKey = NewKey.creator(sub.getSid()).create(main);
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", subKey.getSid()),
                () -> Key.fetcher(MAIN_SID, subKey.getSid()).fetch(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", subKey.getSid()),
                () -> Key.deleter(MAIN_SID, subKey.getSid()).delete(main));
        assertEquals(subKey.getSid(), Key.fetcher(sub.getSid(), subKey.getSid()).fetch(main).getSid(), "still there under its own account");
    }

    @Test
    void signingKeyUnderKeys_andStandardKeyUnderSigningKeys_areNotFound() {
        NewSigningKey signing = NewSigningKey.creator(MAIN_SID).create(main);
        NewKey standard = NewKey.creator(MAIN_SID).create(main);
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", signing.getSid()),
                () -> Key.fetcher(MAIN_SID, signing.getSid()).fetch(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "Keys", signing.getSid()),
                () -> Key.deleter(MAIN_SID, signing.getSid()).delete(main));
        assertTwilioError(404, 20404, notFound(MAIN_SID, "SigningKeys", standard.getSid()),
                () -> SigningKey.fetcher(MAIN_SID, standard.getSid()).fetch(main));
        assertEquals(signing.getSid(), SigningKey.fetcher(MAIN_SID, signing.getSid()).fetch(main).getSid());
    }

    // ---- authenticating with a key ---------------------------------------------------------------------------

    @Test
    void standardKey_authenticates_withTheAccountSidInPaths_butNeverLearnsTheToken() {
        Account sub = Account.creator().setFriendlyName("key owner").create(main);
        NewKey key = NewKey.creator(sub.getSid()).create(as(sub));
        TwilioRestClient keyClient = as(key);

        Account self = Account.fetcher(sub.getSid()).fetch(keyClient);
        assertEquals(sub.getSid(), self.getSid());
        assertEquals("key owner", self.getFriendlyName());
        assertNull(self.getAuthToken(), "a key never learns the auth token");

        Reply raw = http.get("/2010-04-01/Accounts/" + sub.getSid() + ".json", basic(key.getSid(), key.getSecret()));
        assertEquals(200, raw.status(), raw.body());
        assertTrue(raw.json().has("auth_token") && raw.json().get("auth_token").isNull(), raw.body());
        assertFalse(raw.body().contains(sub.getAuthToken()));

        List<String> listed = new ArrayList<>();
        Account.reader().read(keyClient).forEach(a -> listed.add(a.getSid()));
        assertEquals(List.of(sub.getSid()), listed, "ListAccount shows only the owning account");
        Reply rawList = http.get("/2010-04-01/Accounts.json", basic(key.getSid(), key.getSecret()));
        assertFalse(rawList.body().contains(sub.getAuthToken()), "nor does a list show the token");
    }

    @Test
    void mainAccountsKey_listsOnlyTheMainAccount_andCannotFetchItsSubaccounts() {
        Account sub = Account.creator().create(main);
        NewKey key = NewKey.creator(MAIN_SID).create(main);
        TwilioRestClient keyClient = as(key);
        assertEquals(MAIN_SID, Account.fetcher(MAIN_SID).fetch(keyClient).getSid());
        assertNull(Account.fetcher(MAIN_SID).fetch(keyClient).getAuthToken());

        List<String> listed = new ArrayList<>();
        Account.reader().read(keyClient).forEach(a -> listed.add(a.getSid()));
        assertEquals(List.of(MAIN_SID), listed, "a main's key lists only the main account");
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(keyClient));
    }

    @Test
    void subaccountsKey_cannotReachItsMainOrASibling() {
        Account sub = Account.creator().create(main);
        Account sibling = Account.creator().create(main);
        TwilioRestClient keyClient = as(NewKey.creator(sub.getSid()).create(main));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(MAIN_SID).fetch(keyClient));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sibling.getSid()).fetch(keyClient));
        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(keyClient).getSid(), "the key itself still works");
    }

    @Test
    void standardKey_cannotCreateOrUpdateAccounts() {
        Account sub = Account.creator().setFriendlyName("unchanged").create(main);
        TwilioRestClient subKey = as(NewKey.creator(sub.getSid()).create(main));
        TwilioRestClient mainKey = as(NewKey.creator(MAIN_SID).create(main));

        assertTwilioError(403, 20403, "", () -> Account.creator().setFriendlyName("by a key").create(mainKey));
        assertTwilioError(403, 20403, "", () -> Account.updater(MAIN_SID).setFriendlyName("by a key").update(mainKey));
        assertTwilioError(403, 20403, "", () -> Account.updater(sub.getSid()).setFriendlyName("by a key").update(subKey));
        assertTwilioError(403, 20403, "", () -> Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(subKey));
        Account after = Account.fetcher(sub.getSid()).fetch(main);
        assertEquals("unchanged", after.getFriendlyName());
        assertEquals(Account.Status.ACTIVE, after.getStatus());
    }

    @Test
    void standardKey_cannotManageKeysOrSigningKeys() {
        NewKey key = NewKey.creator(MAIN_SID).setFriendlyName("itself").create(main);
        NewSigningKey signing = NewSigningKey.creator(MAIN_SID).create(main);
        TwilioRestClient keyClient = as(key);

        assertTwilioError(403, 20403, "", () -> NewKey.creator(MAIN_SID).create(keyClient));
        assertTwilioError(403, 20403, "", () -> Key.reader(MAIN_SID).read(keyClient));
        assertTwilioError(403, 20403, "", () -> Key.fetcher(MAIN_SID, key.getSid()).fetch(keyClient));
        assertTwilioError(403, 20403, "", () -> Key.updater(MAIN_SID, key.getSid()).setFriendlyName("x").update(keyClient));
        assertTwilioError(403, 20403, "", () -> Key.deleter(MAIN_SID, key.getSid()).delete(keyClient));
        assertTwilioError(403, 20403, "", () -> NewSigningKey.creator(MAIN_SID).create(keyClient));
        assertTwilioError(403, 20403, "", () -> SigningKey.reader(MAIN_SID).read(keyClient));
        assertTwilioError(403, 20403, "", () -> SigningKey.fetcher(MAIN_SID, signing.getSid()).fetch(keyClient));
        assertTwilioError(403, 20403, "", () -> SigningKey.deleter(MAIN_SID, signing.getSid()).delete(keyClient));

        assertEquals("itself", Key.fetcher(MAIN_SID, key.getSid()).fetch(main).getFriendlyName(), "nothing changed");
        assertEquals(signing.getSid(), SigningKey.fetcher(MAIN_SID, signing.getSid()).fetch(main).getSid());
    }

    @Test
    void standardKey_cannotTouchAuthTokens() {
        Account sub = Account.creator().create(main);
        TwilioRestClient keyClient = as(NewKey.creator(sub.getSid()).create(main));
        assertTwilioError(403, 20403, "", () -> SecondaryAuthToken.creator().create(keyClient));
        assertTwilioError(403, 20403, "", () -> SecondaryAuthToken.deleter().delete(keyClient));
        assertTwilioError(403, 20403, "", () -> AuthTokenPromotion.updater().update(keyClient));
        assertEquals(sub.getAuthToken(), Account.fetcher(sub.getSid()).fetch(main).getAuthToken(), "the token is unchanged");
        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(as(sub)));
    }

    @Test
    void signingKey_cannotAuthenticateRestRequests() {
        NewSigningKey signing = NewSigningKey.creator(MAIN_SID).create(main);
        TwilioRestClient signingClient = server.client(signing.getSid(), signing.getSecret());
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(MAIN_SID).fetch(signingClient));
    }

    @Test
    void deletedKey_stopsAuthenticatingAtOnce() {
        NewKey key = NewKey.creator(MAIN_SID).create(main);
        TwilioRestClient keyClient = as(key);
        Account.fetcher(MAIN_SID).fetch(keyClient); // warms the credential cache: the deletion must still be seen at once

        assertTrue(Key.deleter(MAIN_SID, key.getSid()).delete(main));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(MAIN_SID).fetch(keyClient));
    }

    @Test
    void keyOfASuspendedSubaccount_stopsWorking_untilReactivated_andForGoodWhenClosed() {
        Account sub = Account.creator().create(main);
        TwilioRestClient keyClient = as(NewKey.creator(sub.getSid()).create(main));
        Account.fetcher(sub.getSid()).fetch(keyClient); // cached as verified

        Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(main);
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(keyClient));

        Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(main);
        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(keyClient).getSid());

        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(keyClient));
    }

    @Test
    void keyOfASubaccount_stopsWorkingWhileItsMainIsSuspended() {
        var family = server.app().accounts().createMain(Optional.of("keys family"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient familyMain = server.client(family.sid(), family.authToken().value());
        Account sub = Account.creator().create(familyMain);
        TwilioRestClient keyClient = as(NewKey.creator(sub.getSid()).create(familyMain));
        Account.fetcher(sub.getSid()).fetch(keyClient);

        server.app().accounts().setMainStatus(family.sid(), AccountStatus.SUSPENDED);
        try {
            assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(keyClient));
        } finally {
            server.app().accounts().setMainStatus(family.sid(), AccountStatus.ACTIVE);
        }
        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(keyClient).getSid());
    }

    // ---- who manages keys ------------------------------------------------------------------------------------

    @Test
    void mainToken_managesASubaccountsKeys_andTheSubaccountItsOwn() {
        Account sub = Account.creator().create(main);
        NewKey byMain = NewKey.creator(sub.getSid()).setFriendlyName("made by main").create(main);
        NewKey bySub = NewKey.creator(sub.getSid()).setFriendlyName("made by sub").create(as(sub));

        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(as(byMain)).getSid(), "a key the main made works for the subaccount");
        assertEquals("made by sub", Key.fetcher(sub.getSid(), bySub.getSid()).fetch(main).getFriendlyName());
        assertEquals("renamed by main", Key.updater(sub.getSid(), bySub.getSid()).setFriendlyName("renamed by main").update(main).getFriendlyName());

        List<String> seenBySub = new ArrayList<>();
        Key.reader(sub.getSid()).read(as(sub)).forEach(k -> seenBySub.add(k.getSid()));
        assertEquals(List.of(byMain.getSid(), bySub.getSid()), seenBySub);

        assertTrue(Key.deleter(sub.getSid(), byMain.getSid()).delete(as(sub)));
        assertTrue(Key.deleter(sub.getSid(), bySub.getSid()).delete(main));
        List<String> left = new ArrayList<>();
        Key.reader(sub.getSid()).read(main).forEach(k -> left.add(k.getSid()));
        assertEquals(List.of(), left);
    }

    @Test
    void subaccountToken_cannotManageTheMainsOrASiblingsKeys() {
        Account sub = Account.creator().create(main);
        Account sibling = Account.creator().create(main);
        NewKey siblingKey = NewKey.creator(sibling.getSid()).create(main);
        assertTwilioError(401, 20003, "Authenticate", () -> NewKey.creator(MAIN_SID).create(as(sub)));
        assertTwilioError(401, 20003, "Authenticate", () -> Key.fetcher(sibling.getSid(), siblingKey.getSid()).fetch(as(sub)));
        assertNotEquals(sub.getSid(), sibling.getSid());
    }
}
