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
    void outOfRangeOrForgedValues_are400s() {
        for (String q : List.of("PageSize=0", "PageSize=1001", "PageSize=x", "Page=-1", "Page=2", "PageToken=XX1", "PageToken=PA!!", "PageToken=PAbm90YW51bWJlcg")) {
            assertThrows(TwilioException.class, () -> Paging.from(Form.parse(q)), q);
        }
    }
}
