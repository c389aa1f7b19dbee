package dev.accountd.store;

import dev.accountd.domain.Account;
import dev.accountd.domain.ApiKey;
import dev.accountd.domain.KeyKind;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.Slice;
import java.time.Instant;
import java.util.Optional;

/** Persistence of API keys and signing keys. Secrets never reach it: only their keyed hashes. */
public interface KeyStore {

    /** A key with what authentication needs: the hash of its secret and its owner's current state. */
    record KeyCredential(ApiKey key, byte[] secretHash, Account owner) {}

    ApiKey insert(ApiKey key, byte[] secretHash, Audit<ApiKey> audit);

    Optional<ApiKey> find(String accountSid, KeyKind kind, String sid);

    Optional<KeyCredential> findForAuthentication(String sid);

    Slice<ApiKey> list(String accountSid, KeyKind kind, PageRequest page);

    Optional<ApiKey> rename(String accountSid, KeyKind kind, String sid, Optional<String> friendlyName, Instant now, Audit<ApiKey> audit);

    boolean delete(String accountSid, KeyKind kind, String sid, Audit<ApiKey> audit);
}
