package dev.accountd.service;

import dev.accountd.domain.Account;
import dev.accountd.domain.ApiKey;
import dev.accountd.domain.Event;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.KeySecret;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.error.TwilioException;
import dev.accountd.store.AccountStore;
import dev.accountd.store.Audit;
import dev.accountd.store.KeyStore;
import dev.accountd.store.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API keys and signing keys: created with a secret shown once, kept only as a keyed hash, revoked at once on
 * deletion. Managed with the account's own auth token or its main account's; never with an API key.
 */
public final class KeyService {
    private final AccountStore accounts;
    private final KeyStore keys;
    private final SecretBox secrets;
    private final CredentialCache cache;
    private final Auditor auditor;
    private final Clock clock;

    public KeyService(AccountStore accounts, KeyStore keys, SecretBox secrets, CredentialCache cache, Auditor auditor, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.secrets = secrets;
        this.cache = cache;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** A key just created, with the secret that is shown this once. */
    public record NewKey(ApiKey key, KeySecret secret) {}

    public NewKey create(Caller caller, String accountSid, KeyKind kind, Optional<String> friendlyName) {
        Account owner = manageable(caller, accountSid, Optional.of("create " + kind.resourceName()));
        friendlyName.ifPresent(AccountService::checkFriendlyName);
        Instant now = clock.instant();
        KeySecret secret = KeySecret.generate();
        ApiKey key = new ApiKey(Sid.generate(Sid.KEY), owner.sid(), kind, friendlyName, now, now);
        ApiKey stored = keys.insert(key, secrets.keyedHash(secret.value()),
                Audit.of(k -> event(caller, owner, k, "created", properties(k))));
        return new NewKey(stored, secret);
    }

    public ApiKey fetch(Caller caller, String accountSid, KeyKind kind, String sid) {
        manageable(caller, accountSid, Optional.empty());
        return find(accountSid, kind, sid);
    }

    public Slice<ApiKey> list(Caller caller, String accountSid, KeyKind kind, PageRequest page) {
        manageable(caller, accountSid, Optional.empty());
        return keys.list(accountSid, kind, page);
    }

    public ApiKey update(Caller caller, String accountSid, KeyKind kind, String sid, Optional<String> friendlyName) {
        Account owner = manageable(caller, accountSid, Optional.of("update " + kind.resourceName()));
        friendlyName.ifPresent(AccountService::checkFriendlyName);
        ApiKey current = find(accountSid, kind, sid);
        if (friendlyName.isEmpty()) return current;
        return keys.rename(accountSid, kind, sid, friendlyName, clock.instant(),
                        Auditor.updates(KeyService::properties, (after, changes) -> event(caller, owner, after, "updated", changes)))
                .orElseThrow(TwilioException::notFound);
    }

    public void delete(Caller caller, String accountSid, KeyKind kind, String sid) {
        Account owner = manageable(caller, accountSid, Optional.of("delete " + kind.resourceName()));
        boolean deleted = keys.delete(accountSid, kind, sid, Audit.of(k -> event(caller, owner, k, "deleted", properties(k))));
        if (!deleted) throw TwilioException.notFound();
        cache.invalidate(sid);
    }

    private ApiKey find(String accountSid, KeyKind kind, String sid) {
        if (!Sid.isValid(sid, Sid.KEY)) throw TwilioException.notFound();
        return keys.find(accountSid, kind, sid).orElseThrow(TwilioException::notFound);
    }

    /**
     * The owning account, if the caller may manage its keys: its own or its main's auth token, not a key.
     *
     * @param change what a write would do (a closed account's keys are read-only); empty for a read
     */
    private Account manageable(Caller caller, String accountSid, Optional<String> change) {
        Account owner = change.isPresent() ? Access.reachToChange(caller, accountSid, accounts, change.get())
                : Access.reach(caller, accountSid, accounts);
        Access.requireAuthToken(caller, "manage API keys or signing keys");
        return owner;
    }

    private Event event(Caller caller, Account owner, ApiKey key, String action, Map<String, Object> data) {
        return auditor.event(caller, key.kind().resourceType() + "." + action, key.kind().resourceType(), key.sid(),
                owner.sid(), owner.mainSid(), data);
    }

    private static Map<String, Object> properties(ApiKey k) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("friendly_name", k.friendlyName().orElse(null));
        return p;
    }
}
