package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Concurrent requests for the tests of rules that must hold under races. */
public final class Storms {
    private Storms() {}

    /**
     * Fires {@code attempts} subaccount creates from 16 threads, spread round-robin over {@code clients} (one per
     * node), and returns how many succeeded. Every refusal must be the limit's 21480.
     */
    public static int concurrentCreates(List<TwilioRestClient> clients, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                TwilioRestClient client = clients.get(i % clients.size());
                results.add(pool.submit((Callable<Boolean>) () -> {
                    try {
                        Account.creator().create(client);
                        return true;
                    } catch (ApiException e) {
                        assertEquals(21480, e.getCode());
                        return false;
                    }
                }));
            }
            int created = 0;
            for (Future<Boolean> f : results) if (f.get()) created++;
            return created;
        } finally {
            pool.shutdownNow();
        }
    }
}
