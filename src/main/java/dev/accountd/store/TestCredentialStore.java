package dev.accountd.store;

import java.util.Optional;

/** Which account each test Account SID stands for. */
public interface TestCredentialStore {
    /** Records that this test Account SID is the account's (once; again changes nothing). */
    void remember(String testAccountSid, String accountSid);

    Optional<String> accountOf(String testAccountSid);
}
