package dev.accountd.support.spec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.twilio.http.TwilioRestClient;
import dev.accountd.support.BaseUrlHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Every request of the integration tests goes through a client that checks its answer against the specs:
 * {@code TestServer.client}/{@code mainClient} (a {@code SpecCheckedHttpClient}) or {@code RawHttp}. No test
 * builds its own SDK client, JDK HttpClient or socket, so no answer escapes the check. Two classes are outside the
 * rule by what they are: {@code FreezableProxy} relays PostgreSQL's protocol, not HTTP, and {@code JavaSnippet}
 * compiles the README's example, which uses the {@code BaseUrlHttpClient} users copy.
 */
class SpecCheckedClientsTest {
    @Test
    void integrationTests_sendRequestsOnlyThroughSpecCheckedClients() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.accountd.it", "dev.accountd.support");
        noClasses().that().resideInAnyPackage("dev.accountd.it..", "dev.accountd.support")
                .and().doNotHaveSimpleName("RawHttp").and().doNotHaveSimpleName("TestServer")
                .and().doNotHaveSimpleName("BaseUrlHttpClient").and().doNotHaveSimpleName("SpecCheckedHttpClient")
                .and().haveNameNotMatching(".*\\.FreezableProxy(\\$.*)?")
                .and().doNotHaveSimpleName("JavaSnippet")
                .should().dependOnClassesThat().belongToAnyOf(java.net.http.HttpClient.class, java.net.Socket.class,
                        TwilioRestClient.Builder.class, BaseUrlHttpClient.class)
                .because("answers must pass SpecCheck: use TestServer.client/mainClient, a SpecCheckedHttpClient or RawHttp")
                .check(tests);
    }
}
