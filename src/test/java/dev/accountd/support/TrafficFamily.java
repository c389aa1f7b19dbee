package dev.accountd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A main account of its own for a test of calls and messages, with its SDK client: what it owns, what it was charged,
 * and how it sets its simulated destinations. The tests of one class share a server and its manual clock.
 */
public record TrafficFamily(String sid, String token, TwilioRestClient client, RawHttp http) {

    public static TrafficFamily create(TestServer server, String name) {
        dev.accountd.domain.Account main = server.app().accounts().createMain(Optional.of(name), Optional.empty(), Optional.empty(), 1000);
        return new TrafficFamily(main.sid(), main.authToken().value(), server.client(main.sid(), main.authToken().value()), server.raw());
    }

    public String auth() { return RawHttp.basic(sid, token); }

    public Account subaccount(String name) { return Account.creator().setFriendlyName(name).create(client); }

    public BigDecimal balance() { return new BigDecimal(Balance.fetcher(sid).fetch(client).getBalance()); }

    /** The family's ledger entries, oldest first (query: more parameters, each starting with {@code &}). */
    public List<JsonNode> ledger(String query) {
        RawHttp.Reply r = http.get("/_accountd/v1/Accounts/" + sid + "/Ledger?PageSize=1000" + query, auth());
        assertEquals(200, r.status(), r.body());
        List<JsonNode> entries = new ArrayList<>();
        r.json().get("entries").forEach(entries::add);
        return entries;
    }

    public List<JsonNode> charges(String category) { return ledger("&Category=" + category); }

    /** Buys a local number of area code 646 for one of the family's accounts. */
    public IncomingPhoneNumber buyLocal(String accountSid) {
        String number = Local.reader(accountSid, "US").setAreaCode(646).limit(1).read(client).iterator().next().getPhoneNumber().toString();
        return IncomingPhoneNumber.creator(accountSid, new PhoneNumber(number)).create(client);
    }

    /** Sets what a destination does in the family's simulation. */
    public void destination(String number, String form) {
        RawHttp.Reply r = http.post("/_accountd/v1/Simulation/Destinations/" + number, auth(), form);
        assertEquals(200, r.status(), r.body());
    }

    /** Moves the server's manual clock (with the seeded main account's credentials). */
    public static void move(RawHttp http, String form) {
        RawHttp.Reply r = http.post("/_accountd/v1/Clock", RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), form);
        assertEquals(200, r.status(), r.body());
    }

    public static String enc(String v) { return URLEncoder.encode(v, StandardCharsets.UTF_8); }
}
