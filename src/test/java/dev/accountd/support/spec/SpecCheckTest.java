package dev.accountd.support.spec;

import dev.accountd.domain.Rfc2822;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The response check itself: what it accepts, what it refuses, and how it says so. */
class SpecCheckTest {
    static final SpecCheck check = SpecCheck.get();
    static final String AC = "AC0123456789abcdef0123456789abcdef";
    static final String KEY = "{\"sid\":\"SK0123456789abcdef0123456789abcdef\",\"friendly_name\":null,"
            + "\"date_created\":\"Thu, 30 Jul 2015 20:00:00 +0000\",\"date_updated\":\"Thu, 30 Jul 2015 20:00:00 +0000\"}";
    static final String KEY_PATH = "/2010-04-01/Accounts/" + AC + "/Keys/SK0123456789abcdef0123456789abcdef.json";

    static List<String> problems(String method, String target, int status, String body) {
        return check.problems(method, target, status, body, true);
    }

    static void assertOneProblem(String expectedPart, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expectedPart), problems.get(0) + " should contain " + expectedPart);
    }

    @Test
    void theSpecsOperationsAreFoundByMethodAndPath_mostLiteralTemplateFirst() {
        assertEquals("FetchKey", check.operations().find("GET", KEY_PATH).orElseThrow().operationId());
        assertEquals("ListIncomingPhoneNumberLocal", check.operations()
                .find("GET", "/2010-04-01/Accounts/" + AC + "/IncomingPhoneNumbers/Local.json").orElseThrow().operationId());
        assertEquals("FetchEvent", check.operations().find("GET", "/v1/Events/AE0123").orElseThrow().operationId());
        assertEquals("UpdateAuthTokenPromotion", check.operations().find("POST", "/v1/AuthTokens/Promote").orElseThrow().operationId());
        assertTrue(check.operations().find("GET", "/healthz").isEmpty());
    }

    @Test
    void noPathOfOneSpecIsAPathOfAnother_soThePathTellsTheSpec() {
        List<SpecOperations.Operation> all = check.operations().all();
        for (SpecOperations.Operation a : all) {
            String example = a.path().replaceAll("\\{[^}/]+}", "X1");
            for (SpecOperations.Operation b : all) {
                if (!a.spec().equals(b.spec()) && b.regex().matcher(example).matches()) {
                    throw new AssertionError(a.describe() + " collides with " + b.describe());
                }
            }
        }
    }

    @Test
    void aBodyLikeTheSpec_passes() {
        assertEquals(List.of(), problems("GET", KEY_PATH, 200, KEY));
        assertEquals(List.of(), problems("DELETE", KEY_PATH, 204, ""));
        assertEquals(List.of(), problems("GET", "/healthz", 200, "{\"status\":\"ok\"}"));
    }

    @Test
    void aMissingField_isNamedByItsPointer() {
        assertOneProblem("/friendly_name: required property 'friendly_name' not found",
                problems("GET", KEY_PATH, 200, KEY.replace("\"friendly_name\":null,", "")));
    }

    @Test
    void anUndocumentedField_isRefused() {
        assertOneProblem("/secret: property 'secret' is not defined",
                problems("GET", KEY_PATH, 200, KEY.replace("{", "{\"secret\":\"x\",")));
    }

    @Test
    void datesMustBeTwiliosRfc2822_withATwoDigitDay() {
        assertOneProblem("/date_created: is 'Thu, 2 Jul 2015 20:00:00 GMT', not Twilio's RFC 2822 date",
                problems("GET", KEY_PATH, 200, KEY.replaceFirst("Thu, 30 Jul 2015 20:00:00 \\+0000", "Thu, 2 Jul 2015 20:00:00 GMT")));
        assertOneProblem("/date_created", problems("GET", KEY_PATH, 200,
                KEY.replaceFirst("Thu, 30 Jul 2015", "Fri, 30 Jul 2015")));
    }

    @Test
    void typesAndPatternsAreChecked() {
        assertOneProblem("/sid: does not match the regex pattern", problems("GET", KEY_PATH, 200, KEY.replace("SK0123", "PN0123")));
        assertOneProblem("/friendly_name: integer found, [string, null] expected",
                problems("GET", KEY_PATH, 200, KEY.replace("\"friendly_name\":null", "\"friendly_name\":7")));
    }

    @Test
    void anUndocumentedStatus_isRefused() {
        assertOneProblem("status 201 is not a documented response", problems("GET", KEY_PATH, 201, KEY));
        assertOneProblem("a 204 answer has no body", problems("DELETE", KEY_PATH, 204, "{}"));
    }

    @Test
    void errorsHaveExactlyTwiliosFourKeys_andTheHttpStatus() {
        String ok = "{\"code\":20404,\"message\":\"not found\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}";
        assertEquals(List.of(), problems("GET", KEY_PATH, 404, ok));
        assertEquals(List.of(), problems("GET", "/_accountd/nothing", 404, ok));
        assertOneProblem("/status", problems("GET", KEY_PATH, 400, ok));
        assertOneProblem("/more_info", problems("GET", KEY_PATH, 404, ok.replace("errors/20404", "errors/404")));
        assertOneProblem("/detail: property 'detail' is not defined", problems("GET", KEY_PATH, 404, ok.replace("{", "{\"detail\":\"x\",")));
        assertOneProblem("not JSON", problems("GET", "/healthz", 503, "starting"));
    }

    @Test
    void violationsOnOtherThreads_failTheirTestThroughTheAutodetectedExtension() throws Exception {
        assertTrue(java.util.ServiceLoader.load(org.junit.jupiter.api.extension.Extension.class).stream()
                .anyMatch(p -> p.type() == SpecViolations.class), "SpecViolations is listed in META-INF/services");
        java.util.Properties junit = new java.util.Properties();
        try (var in = SpecCheckTest.class.getResourceAsStream("/junit-platform.properties")) {
            junit.load(in);
        }
        assertEquals("true", junit.getProperty("junit.jupiter.extensions.autodetection.enabled"));
    }

    @Test
    void headAnswersHaveNoBody_unlessTheRequestLineWasNotUnderstood() {
        assertEquals(List.of(), problems("HEAD", KEY_PATH, 200, ""));
        assertOneProblem("a HEAD answer has no body", problems("HEAD", KEY_PATH, 200, KEY));
        String jetty = "{\"code\":400,\"message\":\"Bad request\",\"more_info\":\"https://www.twilio.com/docs/errors/400\",\"status\":400}";
        assertEquals(List.of(), check.problems("HEAD", "/%", 400, jetty, false));
    }
}
