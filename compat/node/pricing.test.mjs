// Black-box compatibility suite, prices: Twilio's Pricing API (v1 Voice, Messaging and PhoneNumbers; v2 Voice) through
// the official twilio-node helper library against a running accountd, and accountd's per-family price overrides.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// The values are those of accountd's built-in price table (README, Billing > Prices). Prices are decimal strings, as
// Twilio sends them. twilio-node 6.2 camelCases the keys of most nested price objects (basePrice), but not those of
// outbound_sms_prices[].prices, which keep the wire's snake_case (base_price).
//
// Only the override test changes anything: it sets prices on the main account's family (no other suite reads prices)
// and removes them again.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const COUNTRIES = ['AU', 'CA', 'DE', 'GB', 'NL', 'US'];
const PRICES = `/_accountd/v1/Accounts/${MAIN_SID}/Prices`;

/** accountd's own override API, which twilio-node does not know: a plain request with the main credentials. */
async function prices(method, query = '', form = undefined) {
    const response = await fetch(`${BASE_URL}${PRICES}${query}`, {
        method,
        headers: {
            Authorization: 'Basic ' + Buffer.from(`${MAIN_SID}:${MAIN_TOKEN}`).toString('base64'),
            ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

const route = (country, prefix) => country.outboundPrefixPrices.find((p) => (p.destinationPrefixes ?? p.prefixes).includes(prefix));

describe('Pricing API v2 Voice', () => {
    test('countries("US").fetch() has the built-in table, with absolute URLs', async () => {
        const us = await main().pricing.v2.voice.countries('US').fetch();
        assert.equal(us.country, 'United States');
        assert.equal(us.isoCountry, 'US');
        assert.equal(us.priceUnit, 'USD');
        assert.equal(us.url, `${BASE_URL}/v2/Voice/Countries/US`);
        const all = route(us, '1');
        assert.equal(all.friendlyName, 'Programmable Outbound Minute - United States & Canada');
        assert.equal(all.basePrice, '0.013');
        assert.equal(all.currentPrice, '0.013');
        assert.deepEqual(all.originationPrefixes, ['ALL']);
        assert.equal(route(us, '1907').basePrice, '0.09', 'Alaska');
        assert.deepEqual(us.inboundCallPrices.map((p) => [p.numberType, p.basePrice]), [['local', '0.0085'], ['toll free', '0.022']]);
    });

    test('countries.list() reads every country, page by page', async () => {
        const client = main();
        const listed = await client.pricing.v2.voice.countries.list({ pageSize: 4 });
        assert.deepEqual(listed.map((c) => c.isoCountry), COUNTRIES);
        assert.equal(listed[0].url, `${BASE_URL}/v2/Voice/Countries/AU`);
        const gets = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.equal(gets.length, 2, '6 countries at 4 per page = 2 pages');
    });

    test('numbers(+E.164).fetch() prices the destination by its longest prefix', async () => {
        const client = main();
        const us = await client.pricing.v2.voice.numbers('+14155550123').fetch();
        assert.equal(us.destinationNumber, '+14155550123');
        assert.equal(us.isoCountry, 'US');
        assert.equal(us.outboundCallPrices[0].basePrice, '0.013');
        assert.deepEqual(us.outboundCallPrices[0].originationPrefixes, ['ALL']);
        assert.equal(us.inboundCallPrice.numberType, null, 'not a number of this account');
        assert.equal(us.originationNumber, null);
        const mobile = await client.pricing.v2.voice.numbers('+447700900123').fetch({ originationNumber: '+14155550100' });
        assert.equal(mobile.isoCountry, 'GB');
        assert.equal(mobile.outboundCallPrices[0].basePrice, '0.035');
        assert.equal(mobile.originationNumber, '+14155550100');
        assert.equal((await client.pricing.v2.voice.numbers('+442079460123').fetch()).outboundCallPrices[0].basePrice, '0.0175');
    });

    test('an unknown country is 404 / 20404, a destination that is not E.164 400 / 20001', async () => {
        await expectRestError(main().pricing.v2.voice.countries('FR').fetch(), 404, 20404);
        await expectRestError(main().pricing.v2.voice.numbers('+33123456789').fetch(), 404, 20404);
        await expectRestError(main().pricing.v2.voice.numbers('4155550123').fetch(), 400, 20001);
    });
});

describe('Pricing API v1', () => {
    test('voice countries use prefixes; voice numbers have one outbound price', async () => {
        const gb = await main().pricing.v1.voice.countries('GB').fetch();
        assert.equal(route(gb, '447').basePrice, '0.035');
        assert.equal(gb.url, `${BASE_URL}/v1/Voice/Countries/GB`);
        const n = await main().pricing.v1.voice.numbers('+61491570156').fetch();
        assert.equal(n.isoCountry, 'AU');
        assert.equal(n.outboundCallPrice.basePrice, '0.05');
        assert.equal(n.inboundCallPrice, null);
    });

    test('messaging countries: one carrier with prices by sender type (snake_case inside)', async () => {
        const listed = await main().pricing.v1.messaging.countries.list();
        assert.deepEqual(listed.map((c) => c.isoCountry), COUNTRIES);
        const gb = await main().pricing.v1.messaging.countries('GB').fetch();
        assert.equal(gb.outboundSmsPrices.length, 1);
        assert.equal(gb.outboundSmsPrices[0].carrier, 'Other');
        assert.equal(gb.outboundSmsPrices[0].mcc, '234');
        assert.deepEqual(gb.outboundSmsPrices[0].prices, [
            { number_type: 'local', base_price: '0.04', current_price: '0.04' },
            { number_type: 'mobile', base_price: '0.04', current_price: '0.04' },
        ]);
        assert.deepEqual(gb.inboundSmsPrices.map((p) => [p.numberType, p.basePrice]), [['local', '0.0075'], ['mobile', '0.0075']]);
        assert.equal(gb.priceUnit, 'USD');
    });

    test('phone number countries: the monthly price of each type', async () => {
        const us = await main().pricing.v1.phoneNumbers.countries('US').fetch();
        assert.deepEqual(us.phoneNumberPrices.map((p) => [p.numberType, p.basePrice, p.currentPrice]),
            [['local', '1.15', '1.15'], ['toll free', '2.15', '2.15']]);
        assert.equal(us.url, `${BASE_URL}/v1/PhoneNumbers/Countries/US`);
        assert.deepEqual((await main().pricing.v1.phoneNumbers.countries.list()).map((c) => c.isoCountry), COUNTRIES);
        await expectRestError(main().pricing.v1.phoneNumbers.countries('JP').fetch(), 404, 20404);
    });
});

describe('price overrides (accountd)', () => {
    test("an override changes current_price for the family's every credential", async () => {
        const set = await prices('POST', '', { IsoCountry: 'GB', Kind: 'number', NumberType: 'mobile', Price: '0.75' });
        assert.equal(set.status, 200, JSON.stringify(set.body));
        try {
            const sub = await main().api.v2010.accounts.create({ friendlyName: 'node-pricing-sub' });
            for (const client of [main(), clientFor(sub.sid, sub.authToken)]) {
                const gb = await client.pricing.v1.phoneNumbers.countries('GB').fetch();
                const mobile = gb.phoneNumberPrices.find((p) => p.numberType === 'mobile');
                assert.equal(mobile.basePrice, '1.00');
                assert.equal(mobile.currentPrice, '0.75');
                assert.equal(gb.phoneNumberPrices.find((p) => p.numberType === 'local').currentPrice, '1.00');
            }
            const listed = await prices('GET');
            assert.deepEqual(listed.body.prices.map((p) => [p.iso_country, p.kind, p.number_type, p.base_price, p.current_price]),
                [['GB', 'number', 'mobile', '1.00', '0.75']]);
            const asSub = await fetch(`${BASE_URL}${PRICES}`, {
                headers: { Authorization: 'Basic ' + Buffer.from(`${sub.sid}:${sub.authToken}`).toString('base64') },
            });
            assert.equal(asSub.status, 403, 'only the main account manages prices');
        } finally {
            assert.equal((await prices('DELETE', '?IsoCountry=GB')).status, 204);
        }
        const after = await main().pricing.v1.phoneNumbers.countries('GB').fetch();
        assert.equal(after.phoneNumberPrices.find((p) => p.numberType === 'mobile').currentPrice, '1.00');
    });
});
