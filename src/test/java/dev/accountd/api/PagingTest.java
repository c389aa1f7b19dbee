package dev.accountd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Slice;
import dev.accountd.error.TwilioException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void defaults_areTwilios() {
        Paging p = Paging.from(Form.empty());
        assertEquals(50, p.request().pageSize());
        assertEquals(0, p.page());
        assertTrue(p.request().after().isEmpty() && p.request().before().isEmpty());
    }

    @Test
    void nextPageToken_leadsAfterTheLastItem_andPreviousBeforeTheFirst() {
        Paging first = Paging.from(Form.parse("PageSize=2"));
        Slice<String> slice = new Slice<>(List.of("a", "b"), List.of(10L, 11L), true, false);
        Map<String, Object> env = first.envelope("/x.json", List.of(), "items", slice, List.of(Map.of(), Map.of()));
        String next = (String) env.get("next_page_uri");
        Paging second = Paging.from(Form.parse(next.substring(next.indexOf('?') + 1)));
        assertEquals(1, second.page());
        assertEquals(Optional.of(11L), second.request().after());

        Slice<String> secondSlice = new Slice<>(List.of("c"), List.of(12L), false, true);
        Map<String, Object> env2 = second.envelope("/x.json", List.of(), "items", secondSlice, List.of(Map.of()));
        String previous = (String) env2.get("previous_page_uri");
        Paging back = Paging.from(Form.parse(previous.substring(previous.indexOf('?') + 1)));
        assertEquals(0, back.page());
        assertEquals(Optional.of(12L), back.request().before());
        assertEquals(null, env2.get("next_page_uri"));
    }

    @Test
    void filtersAreKeptInEveryUri_urlEncoded() {
        Paging p = Paging.from(Form.empty());
        Slice<String> slice = new Slice<>(List.of("a"), List.of(1L), true, false);
        Map<String, Object> env = p.envelope("/2010-04-01/Accounts.json",
                List.of(Map.entry("FriendlyName", Optional.of("a b&c")), Map.entry("Status", Optional.empty())),
                "accounts", slice, List.of(Map.of()));
        assertEquals("/2010-04-01/Accounts.json?FriendlyName=a+b%26c&PageSize=50&Page=0", env.get("uri"));
        assertTrue(((String) env.get("next_page_uri")).startsWith("/2010-04-01/Accounts.json?FriendlyName=a+b%26c&PageSize=50&Page=1&PageToken=PA"));
    }

    @Test
    void pageSizeAboveTheMaximum_isServedAsTheMaximum() {
        assertEquals(1000, Paging.from(Form.parse("PageSize=1001")).request().pageSize());
        assertEquals(1000, Paging.from(Form.parse("PageSize=5000")).request().pageSize());
        assertEquals(1000, Paging.from(Form.parse("PageSize=9223372036854775807")).request().pageSize());
        assertEquals(1000, Paging.from(Form.parse("PageSize=1000")).request().pageSize());
    }

    @Test
    void outOfRangeOrForgedValues_are400sWithTheirCodeAndTheParameterNamed() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("PageSize=0", "20001 Invalid PageSize '0'");
        refused.put("PageSize=x", "20001 Invalid PageSize 'x'");
        refused.put("PageSize=99999999999999999999", "20001 Invalid PageSize");
        refused.put("Page=-1", "20001 Invalid Page '-1'");
        refused.put("Page=2", "20001 PageToken is required for paging.");
        refused.put("PageToken=XX1", "21481 Invalid PageToken");
        refused.put("PageToken=PA!!", "21481 Invalid PageToken");
        refused.put("PageToken=PAbm90YW51bWJlcg", "21481 Invalid PageToken");
        refused.forEach((q, expected) -> {
            TwilioException e = assertThrows(TwilioException.class, () -> Paging.from(Form.parse(q)), q);
            String actual = e.errorCode().code() + " " + e.getMessage();
            assertTrue(actual.startsWith(expected), q + ": " + actual);
            assertEquals(400, e.errorCode().httpStatus(), q);
        });
    }
}
