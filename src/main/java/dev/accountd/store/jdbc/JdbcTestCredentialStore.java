package dev.accountd.store.jdbc;

import dev.accountd.store.TestCredentialStore;
import java.util.Optional;

/** Test Account SIDs in a SQL store. */
public final class JdbcTestCredentialStore implements TestCredentialStore {
    private final Database db;

    public JdbcTestCredentialStore(Database db) { this.db = db; }

    @Override
    public void remember(String testAccountSid, String accountSid) {
        db.writer().useHandle(h -> h.createUpdate("""
                        INSERT INTO test_credentials (test_account_sid, account_sid) VALUES (:test, :account)
                        ON CONFLICT (test_account_sid) DO NOTHING""")
                .bind("test", testAccountSid).bind("account", accountSid).execute());
    }

    @Override
    public Optional<String> accountOf(String testAccountSid) {
        return db.reader().withHandle(h -> h.createQuery("SELECT account_sid FROM test_credentials WHERE test_account_sid = :test")
                .bind("test", testAccountSid).mapTo(String.class).findOne());
    }
}
