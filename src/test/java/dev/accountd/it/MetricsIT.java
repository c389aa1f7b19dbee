package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /metrics in Prometheus's text format: requests by route template, method and status (never a SID in a label), the
 * outbox, the pools, the credential cache, the scheduler and the JVM; open to loopback peers, or to a bearer token.
 */
class MetricsIT {
    static final String MAIN = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);

    @Test
    void aScrape_showsRequestsByRouteTemplate_andTheServersParts_withoutASid() {
        try (TestServer server = TestServer.start()) {
            RawHttp http = server.raw();
            Account.fetcher(TestServer.MAIN_SID).fetch(server.mainClient());
            RawHttp.Reply fetched = http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", MAIN);
            assertTrue(fetched.header("Twilio-Request-Id").matches("RQ[0-9a-f]{32}"), "every answer names its request");
            http.get("/2010-04-01/Accounts/AC" + "0".repeat(32) + ".json", MAIN); // a 404
            RawHttp.Reply scrape = http.get("/metrics", null);
            assertEquals(200, scrape.status(), scrape.body());
            assertTrue(scrape.header("Content-Type").startsWith("text/plain"), scrape.header("Content-Type"));
            String text = scrape.body();
            assertTrue(text.contains("accountd_http_requests_seconds_count{method=\"GET\",route=\"/2010-04-01/Accounts/{sid}.json\",status=\"200\"}")
                    || text.contains("route=\"/2010-04-01/Accounts/{sid}.json\""), text);
            assertTrue(text.contains("status=\"404\""), "refusals are counted under their route too");
            for (String metric : new String[] {"accountd_outbox_depth", "accountd_outbox_delivery_seconds", "accountd_db_pool_active", "accountd_db_writer_waiting",
                    "accountd_credential_cache_lookups_total{result=\"hit\"", "accountd_scheduler_lag_seconds", "jvm_memory_used_bytes",
                    "jvm_gc_", "process_cpu_usage"}) {
                assertTrue(text.contains(metric), metric + " is scraped");
            }
            assertFalse(Pattern.compile("AC[0-9a-f]{32}").matcher(text).find(), "no SID in any label");
        }
    }

    @Test
    void withAToken_aScrapeNeedsIt() {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_METRICS_TOKEN", "scrape-me"))) {
            RawHttp http = server.raw();
            assertTwilioError(http.get("/metrics", null), 403, 20403, "Bearer");
            assertTwilioError(http.get("/metrics", "Bearer wrong"), 403, 20403, "Bearer");
            assertEquals(200, http.get("/metrics", "Bearer scrape-me").status());
        }
    }
}
