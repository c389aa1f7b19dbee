package dev.accountd.service;

import dev.accountd.domain.CountryPrices;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Price;
import dev.accountd.domain.PriceKind;
import dev.accountd.domain.PricedNumberType;
import dev.accountd.error.ErrorCode;
import dev.accountd.error.TwilioException;
import dev.accountd.store.PhoneNumberStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's Pricing API over the price table: any account's credentials (and API keys) read it, and the current
 * prices are the caller's family's. A country the table does not price, or prices nothing of the kind asked for,
 * is 404 / 20404.
 *
 * <p>Not like Twilio: outbound SMS prices have one carrier per country (see {@code PricingApi}); origination
 * prefixes are always {@code ["ALL"]} (the table has no origin-based prices); the Trunking resources are not served.
 */
public final class PricingService {
    private final PriceBook book;
    private final PhoneNumberStore numbers;

    public PricingService(PriceBook book, PhoneNumberStore numbers) {
        this.book = book;
        this.numbers = numbers;
    }

    /** A country of a list: its code and name. */
    public record Country(String isoCountry, String name) {}

    public record VoiceCountry(String isoCountry, String name, List<FamilyPrices.VoiceRoute> outbound,
                               Map<PricedNumberType, Price> inbound, String currency) {}

    public record MessagingCountry(String isoCountry, String name, Map<PricedNumberType, Price> outbound,
                                   Map<PricedNumberType, Price> inbound, String currency) {}

    public record NumberCountry(String isoCountry, String name, Map<PricedNumberType, Price> numbers, String currency) {}

    /** The inbound price of a Twilio number the caller's account owns. */
    public record InboundPrice(PricedNumberType type, Price price) {}

    /**
     * The prices of calls to one number.
     *
     * @param inbound present when the number is one the caller's account owns, as the spec says
     */
    public record VoiceNumber(String destination, Optional<String> origination, String isoCountry, String name,
                              FamilyPrices.VoiceRate outbound, Optional<InboundPrice> inbound, String currency) {}

    private static final PriceKind[] VOICE = {PriceKind.VOICE_OUTBOUND, PriceKind.VOICE_INBOUND};
    private static final PriceKind[] MESSAGING = {PriceKind.SMS_OUTBOUND, PriceKind.SMS_INBOUND};
    private static final PriceKind[] NUMBERS = {PriceKind.NUMBER};

    public List<Country> voiceCountries() { return countries(VOICE); }

    public List<Country> messagingCountries() { return countries(MESSAGING); }

    public List<Country> phoneNumberCountries() { return countries(NUMBERS); }

    /** The countries with a price of any of these kinds, in the order of their codes. */
    private List<Country> countries(PriceKind... kinds) {
        return book.table().countries().values().stream().filter(c -> Arrays.stream(kinds).anyMatch(c::has))
                .map(c -> new Country(c.isoCountry(), c.name())).toList();
    }

    public VoiceCountry voiceCountry(Caller caller, String isoCountry) {
        CountryPrices c = country(isoCountry, VOICE);
        FamilyPrices family = book.family(caller.mainSid());
        return new VoiceCountry(c.isoCountry(), c.name(), family.outboundVoiceRoutes(c.isoCountry()),
                family.prices(c.isoCountry(), PriceKind.VOICE_INBOUND), family.currency());
    }

    public MessagingCountry messagingCountry(Caller caller, String isoCountry) {
        CountryPrices c = country(isoCountry, MESSAGING);
        FamilyPrices family = book.family(caller.mainSid());
        return new MessagingCountry(c.isoCountry(), c.name(), family.prices(c.isoCountry(), PriceKind.SMS_OUTBOUND),
                family.prices(c.isoCountry(), PriceKind.SMS_INBOUND), family.currency());
    }

    public NumberCountry numberCountry(Caller caller, String isoCountry) {
        CountryPrices c = country(isoCountry, NUMBERS);
        FamilyPrices family = book.family(caller.mainSid());
        return new NumberCountry(c.isoCountry(), c.name(), family.prices(c.isoCountry(), PriceKind.NUMBER), family.currency());
    }

    /**
     * The prices of calls to {@code destination}.
     *
     * @param parameter the name of the destination's parameter in the request, for the error message
     * @throws TwilioException 400 / 20001 when a number is not E.164; 404 / 20404 when the table has no outbound price for it
     */
    public VoiceNumber voiceNumber(Caller caller, String parameter, String destination, Optional<String> origination) {
        requireE164(parameter, destination);
        origination.ifPresent(o -> requireE164("OriginationNumber", o));
        PriceBook.Destination d = PriceBook.Destination.of(destination).orElseThrow(TwilioException::notFound);
        CountryPrices c = book.table().country(d.isoCountry()).orElseThrow(TwilioException::notFound);
        FamilyPrices family = book.family(caller.mainSid());
        FamilyPrices.VoiceRate rate = family.outboundVoice(d.isoCountry(), d.digits()).orElseThrow(TwilioException::notFound);
        Optional<InboundPrice> inbound = owned(caller, destination).flatMap(n -> {
            PricedNumberType type = PricedNumberType.of(n.type());
            return family.price(n.isoCountry(), PriceKind.VOICE_INBOUND, type).map(p -> new InboundPrice(type, p));
        });
        return new VoiceNumber(destination, origination, c.isoCountry(), c.name(), rate, inbound, family.currency());
    }

    private Optional<PhoneNumber> owned(Caller caller, String e164) {
        PhoneNumberStore.Filter exact = new PhoneNumberStore.Filter(Optional.empty(), Optional.empty(), Optional.of(e164), Optional.empty());
        return numbers.list(caller.accountSid(), exact, PageRequest.first(1)).items().stream()
                .filter(n -> n.phoneNumber().equals(e164)).findFirst();
    }

    private static void requireE164(String parameter, String value) {
        if (!PriceBook.Destination.isE164(value)) {
            throw TwilioException.of(ErrorCode.INVALID_PARAMETER, "Invalid " + parameter + " '" + value
                    + "': expected a phone number in E.164 format, such as +14155550123");
        }
    }

    /** The country of a fetch, if the table prices any of these kinds there; 404 otherwise. */
    private CountryPrices country(String isoCountry, PriceKind... kinds) {
        return book.table().country(isoCountry.toUpperCase(Locale.ROOT))
                .filter(c -> Arrays.stream(kinds).anyMatch(c::has))
                .orElseThrow(TwilioException::notFound);
    }
}
