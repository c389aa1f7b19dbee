package dev.accountd.api.console;

import dev.accountd.api.console.Console.Outcome;
import dev.accountd.api.console.Console.Redirect;
import dev.accountd.api.console.Console.Request;
import dev.accountd.api.console.Console.Section;
import dev.accountd.api.console.Console.View;
import dev.accountd.api.console.ConsoleApi.Routes;
import dev.accountd.api.console.ConsoleApi.Services;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressFilter;
import dev.accountd.domain.AvailableNumber;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Slice;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.service.AddressService;
import dev.accountd.service.AvailableNumberService;
import dev.accountd.service.Inventory;
import dev.accountd.service.NumberPurchaseService;
import dev.accountd.service.PhoneNumberService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Phone numbers of the account shown: search the inventory, buy, transfer within the family, release; its addresses. */
final class NumbersPages {
    private static final PhoneNumberService.Fields NO_FIELDS = new PhoneNumberService.Fields(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    private final Services s;

    NumbersPages(Services s) { this.s = s; }

    static void routes(Routes r) {
        r.page("/console/numbers", c -> c.numbers::list);
        r.page("/console/numbers/search", c -> c.numbers::search);
        r.action("/console/numbers", c -> c.numbers::buy);
        r.action("/console/numbers/{sid}/transfer", c -> c.numbers::transfer);
        r.action("/console/numbers/{sid}/release", c -> c.numbers::release);
        r.page("/console/addresses", c -> c.numbers::addresses);
        r.action("/console/addresses", c -> c.numbers::createAddress);
    }

    private Outcome list(Request r) {
        String account = r.acting().sid();
        Slice<PhoneNumber> owned = s.numbers().list(r.caller(), account, Optional.empty(),
                new PhoneNumberService.ListFilter(Optional.empty(), r.param("PhoneNumber"), Optional.empty()), r.page());
        boolean canTransfer = r.isMain();
        Html rows = Html.each(owned.items(), n -> Html.of("""
                <tr><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>
                <td class="actions">{}
                <form method="post" action="/console/numbers/{}/release" class="inline">{}
                  <label class="check"><input type="checkbox" name="confirm" value="release" required> sure</label>
                  <button type="submit" class="small danger">Release</button></form></td></tr>""",
                n.phoneNumber(), n.friendlyName(), n.type().wire(), n.isoCountry(), capabilities(n.capabilities()), Fmt.instant(n.dateCreated()),
                Html.when(canTransfer, Html.of("""
                        <form method="post" action="/console/numbers/{}/transfer" class="inline">{}
                          <label class="visually-hidden" for="to-{}">Transfer to account SID</label>
                          <input id="to-{}" name="AccountSid" placeholder="AC… to transfer to" size="20" required pattern="AC[0-9a-f]{32}">
                          <button type="submit" class="small">Transfer</button></form>""", n.sid(), Layout.csrfField(r), n.sid(), n.sid())),
                n.sid(), Layout.csrfField(r)));
        Html table = owned.items().isEmpty() ? Html.of("<p class=\"muted\">No phone numbers yet: search below and buy one.</p>") : Html.of("""
                <div class="scroll"><table><caption>Numbers of {}; each is charged monthly on the day it was bought</caption>
                <thead><tr><th scope="col">Number</th><th scope="col">Friendly name</th><th scope="col">Type</th><th scope="col">Country</th>
                <th scope="col">Capabilities</th><th scope="col">Bought</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>{}</tbody></table></div>{}""", r.acting().friendlyName(), rows, Pager.links("/console/numbers", owned));
        Html body = Html.of("{}{}<p><a href=\"/console/addresses\">Addresses of this account</a></p>", table, searchForm(r, Optional.empty(), Optional.empty(), Optional.empty()));
        return new View(Section.NUMBERS, "Phone numbers", body);
    }

    private Html searchForm(Request r, Optional<String> country, Optional<String> type, Optional<String> areaCode) {
        List<Inventory.Country> countries = s.available().countries(r.caller(), r.acting().sid());
        List<Html> options = new ArrayList<>();
        for (Inventory.Country c : countries) {
            options.add(c.code().equals(country.orElse("US"))
                    ? Html.of("<option value=\"{}\" selected>{} ({})</option>", c.code(), c.name(), c.code())
                    : Html.of("<option value=\"{}\">{} ({})</option>", c.code(), c.name(), c.code()));
        }
        return Html.of("""
                <section class="card" aria-labelledby="search-h"><h2 id="search-h">Find a number to buy</h2>
                <form method="get" action="/console/numbers/search" class="row" role="search">
                  <label for="country">Country</label><select id="country" name="Country">{}</select>
                  <label for="type">Type</label><select id="type" name="Type">{}</select>
                  <label for="area">Area code</label><input id="area" name="AreaCode" size="4" inputmode="numeric" value="{}">
                  <label for="contains">Contains</label><input id="contains" name="Contains" size="8" value="{}">
                  <button type="submit" class="primary">Search</button>
                </form></section>""", Html.join(options), Fmt.options(type.or(() -> Optional.of("Local")), List.of("Local", "Mobile", "TollFree")),
                areaCode, r.param("Contains"));
    }

    private Outcome search(Request r) {
        String country = r.param("Country").orElse("US");
        String type = r.param("Type").orElse("Local");
        Optional<Integer> areaCode = r.param("AreaCode").map(NumberPurchaseService::areaCode);
        AvailableNumberService.Search search = new AvailableNumberService.Search(areaCode, r.param("Contains"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 20);
        List<AvailableNumber> found = s.available().search(r.caller(), r.acting().sid(), country, type, search);
        Html rows = Html.each(found, n -> Html.of("""
                <tr><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="actions">
                <form method="post" action="/console/numbers" class="inline">{}<input type="hidden" name="PhoneNumber" value="{}">
                <button type="submit" class="small primary">Buy</button></form></td></tr>""",
                n.phoneNumber(), n.friendlyName(), Fmt.optional(n.locality()), Fmt.optional(n.region()),
                capabilities(new PhoneNumber.Capabilities(n.voice(), n.sms(), n.mms(), n.fax())), Layout.csrfField(r), n.phoneNumber()));
        Html results = found.isEmpty() ? Html.of("<p class=\"muted\">No numbers match: try another area code or type.</p>") : Html.of("""
                <div class="scroll"><table><caption>{} {} numbers for {}; buying one charges its first month at once</caption>
                <thead><tr><th scope="col">Number</th><th scope="col">Friendly name</th><th scope="col">Locality</th><th scope="col">Region</th>
                <th scope="col">Capabilities</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>{}</tbody></table></div>""", country, type, r.acting().friendlyName(), rows);
        return new View(Section.NUMBERS, "Available numbers", Html.of("{}{}", searchForm(r, Optional.of(country), Optional.of(type), r.param("AreaCode")), results));
    }

    private static Html capabilities(PhoneNumber.Capabilities c) {
        List<String> has = new ArrayList<>();
        if (c.voice()) has.add("voice");
        if (c.sms()) has.add("SMS");
        if (c.mms()) has.add("MMS");
        if (c.fax()) has.add("fax");
        return Html.text(String.join(", ", has));
    }

    private Outcome buy(Request r) {
        PhoneNumber bought = s.purchases().purchase(r.caller(), r.acting().sid(), Optional.empty(),
                new NumberPurchaseService.Wanted(r.param("PhoneNumber"), Optional.empty()), NO_FIELDS);
        return Redirect.to("/console/numbers", Notice.NUMBER_BOUGHT, bought.phoneNumber());
    }

    private Outcome transfer(Request r) {
        String to = r.param("AccountSid").orElseThrow(() -> TwilioException.of(ErrorCode.MISSING_PARAMETER, "AccountSid"));
        PhoneNumber moved = s.numbers().update(r.caller(), r.acting().sid(), r.pathParam("sid"), Optional.of(to), NO_FIELDS);
        return Redirect.to("/console/numbers", Notice.NUMBER_TRANSFERRED, moved.phoneNumber() + " to " + moved.accountSid());
    }

    private Outcome release(Request r) {
        if (r.param("confirm").filter("release"::equals).isEmpty()) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "tick the confirmation: a released number goes back to the inventory");
        }
        PhoneNumber n = s.numbers().fetch(r.caller(), r.acting().sid(), r.pathParam("sid"));
        s.numbers().release(r.caller(), r.acting().sid(), n.sid());
        return Redirect.to("/console/numbers", Notice.NUMBER_RELEASED, n.phoneNumber());
    }

    private Outcome addresses(Request r) {
        Slice<Address> page = s.addresses().list(r.caller(), r.acting().sid(), new AddressFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), r.page());
        Html rows = Html.each(page.items(), a -> Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>""",
                Fmt.optional(a.friendlyName()), a.customerName(), a.street(), a.streetSecondary().map(x -> ", " + x), a.city() + ", " + a.region() + " " + a.postalCode(),
                a.isoCountry(), a.emergencyEnabled() ? "yes" : "no", a.sid()));
        Html table = page.items().isEmpty() ? Html.of("<p class=\"muted\">No addresses. Some countries' numbers need one.</p>") : Html.of("""
                <div class="scroll"><table><caption>Addresses of {}</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Customer</th><th scope="col">Street</th><th scope="col">City</th>
                <th scope="col">Country</th><th scope="col">Emergency</th><th scope="col">SID</th></tr></thead><tbody>{}</tbody></table></div>{}""",
                r.acting().friendlyName(), rows, Pager.links("/console/addresses", page));
        Html form = Html.of("""
                <section class="card" aria-labelledby="addr-h"><h2 id="addr-h">Add an address</h2>
                <form method="post" action="/console/addresses" class="grid">{}
                  <div class="stack"><label for="a-customer">Customer name</label><input id="a-customer" name="CustomerName" required></div>
                  <div class="stack"><label for="a-name">Friendly name</label><input id="a-name" name="FriendlyName"></div>
                  <div class="stack"><label for="a-street">Street</label><input id="a-street" name="Street" required></div>
                  <div class="stack"><label for="a-city">City</label><input id="a-city" name="City" required></div>
                  <div class="stack"><label for="a-region">Region</label><input id="a-region" name="Region" required></div>
                  <div class="stack"><label for="a-postal">Postal code</label><input id="a-postal" name="PostalCode" required></div>
                  <div class="stack"><label for="a-country">Country (ISO code)</label><input id="a-country" name="IsoCountry" required maxlength="2" size="3"></div>
                  <div><button type="submit" class="primary">Add address</button></div>
                </form></section>""", Layout.csrfField(r));
        return new View(Section.NUMBERS, "Addresses", Html.of("{}{}", table, form));
    }

    private Outcome createAddress(Request r) {
        Address a = s.addresses().create(r.caller(), r.acting().sid(), new AddressService.Fields(r.param("CustomerName"), r.param("FriendlyName"),
                r.param("Street"), Optional.empty(), r.param("City"), r.param("Region"), r.param("PostalCode"), r.param("IsoCountry"), Optional.empty()));
        return Redirect.to("/console/addresses", Notice.ADDRESS_CREATED, a.sid());
    }
}
