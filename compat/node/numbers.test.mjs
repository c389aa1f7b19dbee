// Black-box compatibility suite, phone numbers and addresses: AvailablePhoneNumbers, IncomingPhoneNumbers (buy,
// configure, release, transfer) and Addresses (with DependentPhoneNumbers) through the official twilio-node helper
// library against a running accountd.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// Suites run in parallel against one server and that server may already hold data, so no test names a phone number
// of its own: each searches AvailablePhoneNumbers first and buys what it is offered. Every test works on fresh
// subaccounts; the main account's credentials are used but never changed.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError, assertValidDate } from './support.mjs';

const RUN = randomBytes(4).toString('hex');
let counter = 0;
/** A friendly name unique to this run (and to this call), at most 64 characters. */
const uniqueName = (label) => `node-num-${RUN}-${++counter}-${label}`.slice(0, 64);

const PN_SID = /^PN[0-9a-f]{32}$/;
const AD_SID = /^AD[0-9a-f]{32}$/;

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const account = (sid, client = main()) => client.api.v2010.accounts(sid);
const createSub = () => main().api.v2010.accounts.create({ friendlyName: uniqueName('sub') });
const sidsOf = (list) => list.map((x) => x.sid);

/** The first number offered in a US area code. */
async function offeredIn(accountSid, areaCode) {
    const [first] = await account(accountSid).availablePhoneNumbers('US').local.list({ areaCode, limit: 1 });
    assert.ok(first, `a number is offered in area code ${areaCode}`);
    return first.phoneNumber;
}

/** Every number offered in a US area code (the search answers at most 1000 at once). */
async function allOfferedIn(accountSid, areaCode) {
    const offered = await account(accountSid).availablePhoneNumbers('US').local.list({ areaCode, pageSize: 1000 });
    return offered.map((n) => n.phoneNumber);
}

const buy = (accountSid, phoneNumber, extra = {}) => account(accountSid).incomingPhoneNumbers.create({ phoneNumber, ...extra });

const createAddress = (accountSid, isoCountry, extra = {}) => account(accountSid).addresses.create({
    customerName: 'Grace Hopper', street: '1 Main Street', city: 'Springfield', region: 'Region', postalCode: '12345',
    isoCountry, ...extra,
});

/** A POST that twilio-node would refuse to send (it checks required parameters itself), sent as a plain form. */
async function rawPost(path, form) {
    const response = await fetch(`${BASE_URL}${path}`, {
        method: 'POST',
        headers: {
            Authorization: 'Basic ' + Buffer.from(`${MAIN_SID}:${MAIN_TOKEN}`).toString('base64'),
            'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: await response.json() };
}

describe('AvailablePhoneNumbers', () => {
    test('the countries list and a country fetch name the offered countries and their number types', async () => {
        const sub = await createSub();
        const countries = await account(sub.sid).availablePhoneNumbers.list();
        const codes = countries.map((c) => c.countryCode);
        for (const code of ['US', 'CA', 'GB', 'DE', 'AU']) assert.ok(codes.includes(code), `${code} in ${codes}`);
        const us = countries.find((c) => c.countryCode === 'US');
        assert.equal(us.country, 'United States');
        assert.equal(us.uri, `/2010-04-01/Accounts/${sub.sid}/AvailablePhoneNumbers/US.json`);
        assert.equal(us.subresourceUris.local, `/2010-04-01/Accounts/${sub.sid}/AvailablePhoneNumbers/US/Local.json`);

        const gb = await account(sub.sid).availablePhoneNumbers('GB').fetch();
        assert.equal(gb.countryCode, 'GB');
        assert.equal(gb.country, 'United Kingdom');
        assert.ok(gb.subresourceUris.mobile.endsWith('/AvailablePhoneNumbers/GB/Mobile.json'));

        await expectRestError(account(sub.sid).availablePhoneNumbers('ZZ').fetch(), 404, 20404);
    });

    test('a Local search by area code offers realistic numbers of that place', async () => {
        const sub = await createSub();
        const offered = await account(sub.sid).availablePhoneNumbers('US').local.list({ areaCode: 415, limit: 5 });
        assert.equal(offered.length, 5);
        for (const n of offered) {
            assert.match(n.phoneNumber, /^\+1415[2-9]\d{6}$/);
            assert.equal(n.friendlyName, `(415) ${n.phoneNumber.slice(5, 8)}-${n.phoneNumber.slice(8)}`);
            assert.equal(n.isoCountry, 'US');
            assert.equal(n.region, 'CA');
            assert.equal(n.locality, 'San Francisco');
            assert.equal(n.addressRequirements, 'none');
            // libphonenumber, where the inventory's places come from, has no postal codes, rate centres, LATAs or coordinates
            assert.equal(n.postalCode, null);
            assert.equal(n.rateCenter, null);
            assert.equal(n.latitude, null);
            assert.equal(n.capabilities.voice, true);
            assert.equal(n.capabilities.sms, true);
        }
        assert.equal(new Set(offered.map((n) => n.phoneNumber)).size, 5, 'no number is offered twice');
    });

    test('every North American area code offers numbers, with its state or province and main locality', async () => {
        const sub = await createSub();
        const v = account(sub.sid).availablePhoneNumbers;
        for (const [country, areaCode, locality, region] of [['US', 646, 'New York', 'NY'], ['US', 305, 'Miami', 'FL'],
            ['US', 303, 'Denver', 'CO'], ['CA', 514, 'Montreal', 'QC']]) {
            const offered = await v(country).local.list({ areaCode, limit: 10 });
            assert.equal(offered.length, 10, `area code ${areaCode}`);
            for (const n of offered) {
                assert.match(n.phoneNumber, new RegExp(`^\\+1${areaCode}[2-9]\\d{6}$`));
                assert.equal(n.friendlyName, `(${areaCode}) ${n.phoneNumber.slice(5, 8)}-${n.phoneNumber.slice(8)}`);
                assert.equal(n.isoCountry, country);
                assert.equal(n.locality, locality);
                assert.equal(n.region, region);
            }
            const again = await v(country).local.list({ areaCode, limit: 10 });
            assert.deepEqual(again.map((n) => n.phoneNumber), offered.map((n) => n.phoneNumber), 'the same numbers every time');
        }
        const bought = await account(sub.sid).incomingPhoneNumbers.create({ areaCode: '514' });
        assert.match(bought.phoneNumber, /^\+1514\d{7}$/);
        const montreal = await v('CA').local.list({ areaCode: 514, pageSize: 1000 });
        assert.ok(!montreal.map((n) => n.phoneNumber).includes(bought.phoneNumber), 'an owned number is never offered');
        const [hamburg] = await v('DE').local.list({ inLocality: 'Hamburg', limit: 1 });
        assert.match(hamburg.phoneNumber, /^\+4940\d{8}$/);
        const [leeds] = await v('GB').local.list({ contains: '+441134960%', limit: 1 });
        assert.equal(leeds.locality, 'Leeds');
    });

    test('filters narrow the search: Contains with wildcards, InRegion, address requirements', async () => {
        const sub = await createSub();
        const v = account(sub.sid).availablePhoneNumbers;
        const first = await offeredIn(sub.sid, 212);
        const lastFour = first.slice(-4);
        const containing = await v('US').local.list({ contains: `%${lastFour}$`, areaCode: 212, limit: 20 });
        assert.ok(containing.some((n) => n.phoneNumber === first));
        for (const n of containing) assert.match(n.phoneNumber, new RegExp(`^\\+1212\\d{3}${lastFour}$`));
        const startingWith = await v('US').local.list({ contains: `+${first.slice(1, 8)}***`, limit: 20 });
        assert.ok(startingWith.some((n) => n.phoneNumber === first));
        for (const n of startingWith) assert.ok(n.phoneNumber.startsWith(first.slice(0, 8)), n.phoneNumber);
        await expectRestError(v('US').local.list({ contains: `212***${lastFour}` }), 400, 20001); // never between digits

        const texas = await v('US').local.list({ inRegion: 'TX', limit: 10 });
        assert.ok(texas.length > 0);
        for (const n of texas) assert.equal(n.region, 'TX');

        const tollFree = await v('US').tollFree.list({ limit: 5 });
        assert.ok(tollFree.length > 0);
        for (const n of tollFree) assert.match(n.phoneNumber, /^\+18[0-8]{2}\d{7}$/);

        const gbMobile = await v('GB').mobile.list({ limit: 3 });
        assert.ok(gbMobile.length > 0);
        for (const n of gbMobile) {
            assert.match(n.phoneNumber, /^\+447\d{9}$/);
            assert.equal(n.addressRequirements, 'any');
        }
        assert.deepEqual(await v('GB').mobile.list({ excludeAllAddressRequired: true, limit: 3 }), [],
            'every GB number needs an address');
        const de = await v('DE').local.list({ limit: 1 });
        assert.equal(de[0].addressRequirements, 'local');
        assert.deepEqual(await v('DE').local.list({ excludeLocalAddressRequired: true, limit: 3 }), []);

        await expectRestError(v('US').local.list({ areaCode: 12 }), 400, 21451);
    });

    test('National, Voip, SharedCost and MachineToMachine searches offer numbers; they are bought untyped', async () => {
        const sub = await createSub();
        const v = account(sub.sid).availablePhoneNumbers;
        const [national] = await v('GB').national.list({ limit: 1 });
        assert.match(national.phoneNumber, /^\+443069990\d{3}$/);
        assert.equal(national.addressRequirements, 'any');
        const [voip] = await v('GB').voip.list({ limit: 1 });
        assert.match(voip.phoneNumber, /^\+4456\d{8}$/);
        const [shared] = await v('DE').sharedCost.list({ limit: 1 });
        assert.match(shared.phoneNumber, /^\+49180\d+$/);
        const [m2m] = await v('NL').machineToMachine.list({ limit: 1 });
        assert.match(m2m.phoneNumber, /^\+3197\d{9}$/);
        assert.equal(m2m.capabilities.voice, false);

        const bought = await buy(sub.sid, m2m.phoneNumber);
        assert.equal(bought.type, 'machinetomachine');
        const offered = await v('NL').machineToMachine.list({ pageSize: 1000 });
        assert.ok(!offered.some((n) => n.phoneNumber === m2m.phoneNumber), 'an owned number is never offered');
    });
});

describe('IncomingPhoneNumbers', () => {
    test('buying an offered number gives the account an in-use number that is no longer offered', async () => {
        const sub = await createSub();
        const e164 = await offeredIn(sub.sid, 415);
        const before = Date.now();
        const n = await buy(sub.sid, e164);

        assert.match(n.sid, PN_SID);
        assert.equal(n.accountSid, sub.sid);
        assert.equal(n.phoneNumber, e164);
        assert.equal(n.friendlyName, `(415) ${e164.slice(5, 8)}-${e164.slice(8)}`);
        assert.equal(n.status, 'in-use');
        assert.equal(n.origin, 'twilio');
        assert.equal(n.type, 'local');
        assert.equal(n.addressRequirements, 'none');
        assert.equal(n.apiVersion, '2010-04-01');
        assert.equal(n.voiceMethod, 'POST');
        assert.equal(n.smsMethod, 'POST');
        assert.equal(n.voiceReceiveMode, 'voice');
        assert.equal(n.emergencyStatus, 'Inactive');
        assert.equal(n.voiceCallerIdLookup, false);
        assert.equal(n.voiceUrl, null);
        assert.equal(n.addressSid, null);
        assert.equal(n.capabilities.voice, true);
        assert.equal(n.uri, `/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers/${n.sid}.json`);
        assertValidDate(n.dateCreated, 'dateCreated');
        assertValidDate(n.dateUpdated, 'dateUpdated');
        assert.ok(Math.abs(n.dateCreated.getTime() - before) < 60_000, 'dateCreated is now');

        const fetched = await account(sub.sid).incomingPhoneNumbers(n.sid).fetch();
        assert.equal(fetched.phoneNumber, e164);
        assert.equal(fetched.dateCreated.getTime(), n.dateCreated.getTime());
        assert.deepEqual(sidsOf(await account(sub.sid).incomingPhoneNumbers.list()), [n.sid]);
        assert.ok(!(await allOfferedIn(sub.sid, 415)).includes(e164), 'an owned number is never offered');
    });

    test('purchases by area code and by type (Local, TollFree, Mobile lists)', async () => {
        const sub = await createSub();
        const numbers = account(sub.sid).incomingPhoneNumbers;
        const byArea = await numbers.create({ areaCode: '312' });
        assert.match(byArea.phoneNumber, /^\+1312\d{7}$/);

        const [tf] = await account(sub.sid).availablePhoneNumbers('US').tollFree.list({ limit: 1 });
        const tollFree = await numbers.tollFree.create({ phoneNumber: tf.phoneNumber });
        assert.equal(tollFree.phoneNumber, tf.phoneNumber);
        assert.equal(tollFree.accountSid, sub.sid);

        const local = await numbers.local.create({ phoneNumber: await offeredIn(sub.sid, 206) });

        const locals = await numbers.local.list();
        assert.deepEqual(new Set(locals.map((x) => x.sid)), new Set([byArea.sid, local.sid]));
        assert.deepEqual((await numbers.tollFree.list()).map((x) => x.phoneNumber), [tf.phoneNumber]);
        assert.deepEqual(await numbers.mobile.list(), []);

        const [another] = await account(sub.sid).availablePhoneNumbers('US').tollFree.list({ limit: 1 });
        await expectRestError(numbers.local.create({ phoneNumber: another.phoneNumber }), 400, 21422);
    });

    test('purchases that cannot happen are Twilio errors and leave nothing behind', async () => {
        const sub = await createSub();
        const numbers = account(sub.sid).incomingPhoneNumbers;
        const owned = (await buy(sub.sid, await offeredIn(sub.sid, 512))).phoneNumber;
        const other = await createSub();

        let e = await expectRestError(buy(other.sid, owned), 400, 21422);
        assert.match(e.message, /is not available/);
        await expectRestError(buy(sub.sid, '4155550123'), 400, 21421);
        await expectRestError(numbers.create({ areaCode: '12' }), 400, 21451);
        await expectRestError(numbers.create({ areaCode: '299' }), 400, 21452);

        const neither = await rawPost(`/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers.json`, { FriendlyName: 'x' });
        assert.equal(neither.status, 400);
        assert.equal(neither.body.code, 20001);
        assert.equal(neither.body.message, 'Missing required parameter PhoneNumber or AreaCode in the post body');
        assert.equal(neither.body.more_info, 'https://www.twilio.com/docs/errors/20001');

        assert.equal((await numbers.list()).length, 1, 'no failed purchase left a number behind');
        assert.equal((await account(other.sid).incomingPhoneNumbers.list()).length, 0);
    });

    test('the list pages and filters by partial number with wildcards, exact friendly name and origin', async () => {
        const sub = await createSub();
        const numbers = account(sub.sid).incomingPhoneNumbers;
        const bought = [];
        for (const areaCode of [415, 212, 206]) bought.push(await buy(sub.sid, await offeredIn(sub.sid, areaCode)));
        const [sf, ny] = bought;
        await numbers(ny.sid).update({ friendlyName: 'front desk' });

        const client = main();
        const paged = await account(sub.sid, client).incomingPhoneNumbers.list({ pageSize: 2 });
        assert.deepEqual(new Set(sidsOf(paged)), new Set(sidsOf(bought)));
        const gets = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.equal(gets.length, 2, '3 numbers at 2 per page = 2 pages');
        for (const r of gets) assert.ok(r.uri.startsWith(`${BASE_URL}/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers.json`), r.uri);

        assert.deepEqual(sidsOf(await numbers.list({ phoneNumber: '+1415' })), [sf.sid]);
        const nyDigits = ny.phoneNumber.slice(5);
        assert.deepEqual(sidsOf(await numbers.list({ phoneNumber: nyDigits })), [ny.sid], 'a partial number matches anywhere');
        assert.deepEqual(sidsOf(await numbers.list({ phoneNumber: `+1212***${nyDigits.slice(3)}` })), [ny.sid], '* is any digit');
        assert.deepEqual(sidsOf(await numbers.list({ friendlyName: 'front desk' })), [ny.sid]);
        assert.deepEqual(await numbers.list({ friendlyName: 'front' }), [], 'FriendlyName is exact');
        assert.deepEqual(await numbers.list({ origin: 'hosted' }), []);
        assert.equal((await numbers.list({ origin: 'twilio' })).length, 3);
        await expectRestError(numbers.list({ origin: 'ported' }), 400, 20001);
    });

    test('update sets every spec field, an empty value resets one, bad values are 400s', async () => {
        const sub = await createSub();
        const n = await buy(sub.sid, await offeredIn(sub.sid, 512));
        const ap = (await account(sub.sid).applications.create({ friendlyName: 'app' })).sid; // an Application of the same account
        const u = await account(sub.sid).incomingPhoneNumbers(n.sid).update({
            friendlyName: 'support line', apiVersion: '2008-08-01',
            voiceUrl: 'https://example.com/voice', voiceMethod: 'GET',
            voiceFallbackUrl: 'https://example.com/voice-fallback', voiceFallbackMethod: 'GET',
            voiceCallerIdLookup: true, voiceApplicationSid: ap, voiceReceiveMode: 'fax',
            smsUrl: 'https://example.com/sms', smsMethod: 'GET',
            smsFallbackUrl: 'https://example.com/sms-fallback', smsFallbackMethod: 'GET', smsApplicationSid: ap,
            statusCallback: 'https://example.com/status', statusCallbackMethod: 'GET',
            identitySid: 'RI' + '3'.repeat(32), bundleSid: 'BU' + '4'.repeat(32), emergencyStatus: 'Active',
        });
        assert.equal(u.sid, n.sid);
        assert.equal(u.phoneNumber, n.phoneNumber);
        assert.deepEqual({
            friendlyName: u.friendlyName, apiVersion: u.apiVersion, voiceUrl: u.voiceUrl, voiceMethod: u.voiceMethod,
            voiceFallbackUrl: u.voiceFallbackUrl, voiceFallbackMethod: u.voiceFallbackMethod,
            voiceCallerIdLookup: u.voiceCallerIdLookup, voiceApplicationSid: u.voiceApplicationSid,
            voiceReceiveMode: u.voiceReceiveMode, smsUrl: u.smsUrl, smsMethod: u.smsMethod,
            smsFallbackUrl: u.smsFallbackUrl, smsFallbackMethod: u.smsFallbackMethod, smsApplicationSid: u.smsApplicationSid,
            statusCallback: u.statusCallback, statusCallbackMethod: u.statusCallbackMethod, trunkSid: u.trunkSid,
            identitySid: u.identitySid, bundleSid: u.bundleSid, emergencyStatus: u.emergencyStatus,
        }, {
            friendlyName: 'support line', apiVersion: '2008-08-01', voiceUrl: 'https://example.com/voice', voiceMethod: 'GET',
            voiceFallbackUrl: 'https://example.com/voice-fallback', voiceFallbackMethod: 'GET',
            voiceCallerIdLookup: true, voiceApplicationSid: ap, voiceReceiveMode: 'fax',
            smsUrl: 'https://example.com/sms', smsMethod: 'GET',
            smsFallbackUrl: 'https://example.com/sms-fallback', smsFallbackMethod: 'GET', smsApplicationSid: ap,
            statusCallback: 'https://example.com/status', statusCallbackMethod: 'GET', trunkSid: null,
            identitySid: 'RI' + '3'.repeat(32), bundleSid: 'BU' + '4'.repeat(32), emergencyStatus: 'Active',
        });
        assert.ok(u.dateUpdated.getTime() >= n.dateUpdated.getTime());

        // calls go to a trunk or to an application: setting one deletes the other (the spec's TrunkSid rule)
        const tk = 'TK' + '2'.repeat(32);
        const trunked = await account(sub.sid).incomingPhoneNumbers(n.sid).update({ trunkSid: tk });
        assert.equal(trunked.trunkSid, tk);
        assert.equal(trunked.voiceApplicationSid, null);
        const applied = await account(sub.sid).incomingPhoneNumbers(n.sid).update({ voiceApplicationSid: ap });
        assert.equal(applied.trunkSid, null);
        await expectRestError(account(sub.sid).incomingPhoneNumbers(n.sid).update({ voiceApplicationSid: ap, trunkSid: tk }), 400, 20001);

        const reset = await account(sub.sid).incomingPhoneNumbers(n.sid).update({ voiceUrl: '', friendlyName: '' });
        assert.equal(reset.voiceUrl, null, 'an empty value clears a URL');
        assert.equal(reset.friendlyName, n.friendlyName, 'an empty FriendlyName restores the formatted number');
        assert.equal(reset.voiceMethod, 'GET', 'fields not sent stay as they were');

        const numberApi = account(sub.sid).incomingPhoneNumbers(n.sid);
        await expectRestError(numberApi.update({ voiceUrl: 'ftp://x' }), 400, 20001);
        await expectRestError(numberApi.update({ trunkSid: 'TK123' }), 400, 20001);
        await expectRestError(numberApi.update({ voiceMethod: 'PUT' }), 400, 20001);
        await expectRestError(numberApi.update({ friendlyName: 'x'.repeat(65) }), 400, 20002);
    });

    test('remove releases the number back to the inventory', async () => {
        const sub = await createSub();
        const e164 = await offeredIn(sub.sid, 415);
        const n = await buy(sub.sid, e164);

        assert.equal(await account(sub.sid).incomingPhoneNumbers(n.sid).remove(), true);
        await expectRestError(account(sub.sid).incomingPhoneNumbers(n.sid).fetch(), 404, 20404);
        await expectRestError(account(sub.sid).incomingPhoneNumbers(n.sid).remove(), 404, 20404);
        assert.ok((await allOfferedIn(sub.sid, 415)).includes(e164), 'a released number is offered again');
        const again = await buy((await createSub()).sid, e164);
        assert.notEqual(again.sid, n.sid, 'buying it again makes a new IncomingPhoneNumber');
    });

    test('credentials reach only their own account\'s numbers; a subaccount buys with its own', async () => {
        const a = await createSub();
        const b = await createSub();
        const asA = clientFor(a.sid, a.authToken);
        const own = await account(a.sid, asA).incomingPhoneNumbers.create({ phoneNumber: await offeredIn(a.sid, 312) });
        assert.equal(own.accountSid, a.sid);
        await expectRestError(account(b.sid, asA).incomingPhoneNumbers.list(), 401, 20003);
        await expectRestError(account(a.sid, clientFor(b.sid, b.authToken)).incomingPhoneNumbers(own.sid).fetch(), 401, 20003);

        const key = await account(a.sid, asA).newKeys.create({ friendlyName: 'numbers' });
        const withKey = clientFor(key.sid, key.secret, { accountSid: a.sid });
        assert.deepEqual(sidsOf(await withKey.api.v2010.accounts(a.sid).incomingPhoneNumbers.list()), [own.sid]);
    });

    test('concurrent purchases of one number leave exactly one owner; the rest get 21422', async () => {
        const buyers = [];
        for (let i = 0; i < 8; i++) buyers.push(await createSub());
        const e164 = await offeredIn(buyers[0].sid, 206);
        const results = await Promise.allSettled(buyers.map((b) => buy(b.sid, e164)));
        const won = results.filter((r) => r.status === 'fulfilled');
        assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
        for (const r of results.filter((x) => x.status === 'rejected')) {
            assert.equal(r.reason.status, 400, r.reason.message);
            assert.equal(r.reason.code, 21422, r.reason.message);
        }
        const owners = [];
        for (const b of buyers) {
            if ((await account(b.sid).incomingPhoneNumbers.list({ phoneNumber: e164 })).length) owners.push(b.sid);
        }
        assert.deepEqual(owners, [won[0].value.accountSid]);
    });
});

describe('Addresses', () => {
    test('create, fetch, update, list with filters, remove', async () => {
        const sub = await createSub();
        const addresses = account(sub.sid).addresses;
        const home = await createAddress(sub.sid, 'US', { friendlyName: 'home', emergencyEnabled: true, streetSecondary: 'Apt 2' });
        assert.match(home.sid, AD_SID);
        assert.equal(home.accountSid, sub.sid);
        assert.equal(home.customerName, 'Grace Hopper');
        assert.equal(home.street, '1 Main Street');
        assert.equal(home.streetSecondary, 'Apt 2');
        assert.equal(home.city, 'Springfield');
        assert.equal(home.region, 'Region');
        assert.equal(home.postalCode, '12345');
        assert.equal(home.isoCountry, 'US');
        assert.equal(home.friendlyName, 'home');
        assert.equal(home.emergencyEnabled, true);
        assert.equal(typeof home.validated, 'boolean');
        assert.equal(typeof home.verified, 'boolean');
        assert.equal(home.uri, `/2010-04-01/Accounts/${sub.sid}/Addresses/${home.sid}.json`);
        assertValidDate(home.dateCreated, 'dateCreated');

        const office = await createAddress(sub.sid, 'GB', { customerName: 'Ada Lovelace', friendlyName: 'office' });
        assert.equal((await addresses(office.sid).fetch()).city, 'Springfield');
        const updated = await addresses(office.sid).update({ street: '2 High Street', friendlyName: 'London office' });
        assert.equal(updated.street, '2 High Street');
        assert.equal(updated.friendlyName, 'London office');
        assert.equal(updated.isoCountry, 'GB');

        assert.deepEqual(sidsOf(await addresses.list({ pageSize: 1 })), [home.sid, office.sid]);
        assert.deepEqual(sidsOf(await addresses.list({ customerName: 'Ada Lovelace' })), [office.sid]);
        assert.deepEqual(sidsOf(await addresses.list({ friendlyName: 'home' })), [home.sid]);
        assert.deepEqual(sidsOf(await addresses.list({ isoCountry: 'GB' })), [office.sid]);
        assert.deepEqual(sidsOf(await addresses.list({ emergencyEnabled: true })), [home.sid]);

        assert.equal(await addresses(home.sid).remove(), true);
        await expectRestError(addresses(home.sid).fetch(), 404, 20404);
        assert.deepEqual(sidsOf(await addresses.list()), [office.sid]);
    });

    test('a missing required field is a 400 naming it; IsoCountry cannot change', async () => {
        const sub = await createSub();
        const missing = await rawPost(`/2010-04-01/Accounts/${sub.sid}/Addresses.json`, {
            CustomerName: 'Grace Hopper', Street: '1 Main Street', City: 'Springfield', Region: 'Region', IsoCountry: 'US',
        });
        assert.equal(missing.status, 400);
        assert.equal(missing.body.code, 20001);
        assert.match(missing.body.message, /PostalCode/);
        assert.equal(missing.body.status, 400);
        assert.deepEqual(await account(sub.sid).addresses.list(), [], 'nothing was half-created');

        const a = await createAddress(sub.sid, 'US');
        const moved = await rawPost(`/2010-04-01/Accounts/${sub.sid}/Addresses/${a.sid}.json`, { IsoCountry: 'GB' });
        assert.equal(moved.status, 400);
        assert.equal(moved.body.code, 20001);
        assert.match(moved.body.message, /IsoCountry/);
        assert.equal((await account(sub.sid).addresses(a.sid).fetch()).isoCountry, 'US');
    });

    test('numbers with address requirements need a matching address of the buyer (21631)', async () => {
        const sub = await createSub();
        const [gbMobile] = await account(sub.sid).availablePhoneNumbers('GB').mobile.list({ limit: 1 });
        await expectRestError(buy(sub.sid, gbMobile.phoneNumber), 400, 21631);
        const foreign = await createAddress((await createSub()).sid, 'GB');
        await expectRestError(buy(sub.sid, gbMobile.phoneNumber, { addressSid: foreign.sid }), 400, 21631);

        const us = await createAddress(sub.sid, 'US');
        const gb = await buy(sub.sid, gbMobile.phoneNumber, { addressSid: us.sid });
        assert.equal(gb.addressSid, us.sid, "'any' accepts an address in any country");
        assert.equal(gb.addressRequirements, 'any');

        const [berlin] = await account(sub.sid).availablePhoneNumbers('DE').local.list({ limit: 1 });
        await expectRestError(buy(sub.sid, berlin.phoneNumber, { addressSid: us.sid }), 400, 21631);
        const de = await createAddress(sub.sid, 'DE');
        const local = await buy(sub.sid, berlin.phoneNumber, { addressSid: de.sid });
        assert.equal(local.addressRequirements, 'local');

        await expectRestError(account(sub.sid).incomingPhoneNumbers(gb.sid).update({ addressSid: '' }), 400, 21631);
        await expectRestError(account(sub.sid).incomingPhoneNumbers(local.sid).update({ addressSid: us.sid }), 400, 21631);
    });

    test('an address in use lists its DependentPhoneNumbers and cannot be removed until they are gone', async () => {
        const sub = await createSub();
        const office = await createAddress(sub.sid, 'GB');
        const [london] = await account(sub.sid).availablePhoneNumbers('GB').local.list({ limit: 1 });
        const n = await buy(sub.sid, london.phoneNumber, { addressSid: office.sid });

        const dependents = await account(sub.sid).addresses(office.sid).dependentPhoneNumbers.list();
        assert.deepEqual(sidsOf(dependents), [n.sid]);
        assert.equal(dependents[0].phoneNumber, london.phoneNumber);
        assert.equal(dependents[0].accountSid, sub.sid);

        const e = await expectRestError(account(sub.sid).addresses(office.sid).remove(), 400, 20001);
        assert.match(e.message, /DependentPhoneNumbers/);
        assert.equal((await account(sub.sid).addresses(office.sid).fetch()).sid, office.sid, 'the address is still there');

        await account(sub.sid).incomingPhoneNumbers(n.sid).remove();
        assert.deepEqual(await account(sub.sid).addresses(office.sid).dependentPhoneNumbers.list(), []);
        assert.equal(await account(sub.sid).addresses(office.sid).remove(), true);
    });
});

describe('Transfers between the accounts of one family', () => {
    test('the main account moves a number; it keeps its sid and settings', async () => {
        const a = await createSub();
        const b = await createSub();
        const n = await buy(a.sid, await offeredIn(a.sid, 415));
        await account(a.sid).incomingPhoneNumbers(n.sid).update({ voiceUrl: 'https://example.com/a', friendlyName: 'shared line' });

        const moved = await account(a.sid).incomingPhoneNumbers(n.sid).update({ accountSid: b.sid });
        assert.equal(moved.sid, n.sid);
        assert.equal(moved.accountSid, b.sid);
        assert.equal(moved.voiceUrl, 'https://example.com/a');
        assert.equal(moved.friendlyName, 'shared line');
        assert.equal(moved.uri, `/2010-04-01/Accounts/${b.sid}/IncomingPhoneNumbers/${n.sid}.json`);
        assert.deepEqual(await account(a.sid).incomingPhoneNumbers.list(), []);
        assert.deepEqual(sidsOf(await account(b.sid).incomingPhoneNumbers.list()), [n.sid]);
        await expectRestError(account(a.sid).incomingPhoneNumbers(n.sid).fetch(), 404, 20404);

        const events = await main().monitor.v1.events.list({ resourceSid: n.sid });
        const transfer = events.find((e) => e.eventType === 'phone-number.transferred');
        assert.ok(transfer, `events: ${events.map((e) => e.eventType)}`);
        assert.equal(transfer.actorSid, MAIN_SID);
        assert.equal(transfer.eventData.previous_account_sid, a.sid);
    });

    test('transfers follow the rules of caller (21474), target (21472, 21473) and address (21613)', async () => {
        const a = await createSub();
        const b = await createSub();
        const n = await buy(a.sid, await offeredIn(a.sid, 212));
        const number = (client = main()) => account(a.sid, client).incomingPhoneNumbers(n.sid);

        await expectRestError(number(clientFor(a.sid, a.authToken)).update({ accountSid: b.sid }), 400, 21474);
        await expectRestError(number().update({ accountSid: 'AC' + randomBytes(16).toString('hex') }), 400, 21473);
        await expectRestError(number().update({ accountSid: 'ACnope' }), 400, 20001);

        await account(b.sid).update({ status: 'suspended' });
        await expectRestError(number().update({ accountSid: b.sid }), 400, 21472);
        await account(b.sid).update({ status: 'closed' });
        await expectRestError(number().update({ accountSid: b.sid }), 400, 21472);
        assert.equal((await number().fetch()).accountSid, a.sid, 'no failed transfer moved it');

        const aOffice = await createAddress(a.sid, 'DE');
        const [berlin] = await account(a.sid).availablePhoneNumbers('DE').local.list({ limit: 1 });
        const de = await buy(a.sid, berlin.phoneNumber, { addressSid: aOffice.sid });
        const c = await createSub();
        await createAddress(c.sid, 'FR');
        await expectRestError(account(a.sid).incomingPhoneNumbers(de.sid).update({ accountSid: c.sid }), 400, 21613);
        const cOffice = await createAddress(c.sid, 'DE');
        const moved = await account(a.sid).incomingPhoneNumbers(de.sid).update({ accountSid: c.sid });
        assert.equal(moved.addressSid, cOffice.sid, 'the number uses its new owner\'s matching address');
        assert.equal(await account(a.sid).addresses(aOffice.sid).remove(), true, 'the old owner\'s address is free again');
    });

    test('a transfer may name the new owner\'s AddressSid and EmergencyAddressSid', async () => {
        const a = await createSub();
        const b = await createSub();
        const aOffice = await createAddress(a.sid, 'DE');
        const [berlin] = await account(a.sid).availablePhoneNumbers('DE').local.list({ limit: 1 });
        const n = await buy(a.sid, berlin.phoneNumber, { addressSid: aOffice.sid });
        await createAddress(b.sid, 'DE');
        const bHome = await createAddress(b.sid, 'DE');
        const bParis = await createAddress(b.sid, 'FR');
        const number = account(a.sid).incomingPhoneNumbers(n.sid);

        await expectRestError(number.update({ accountSid: b.sid, addressSid: aOffice.sid }), 400, 21613);
        await expectRestError(number.update({ accountSid: b.sid, addressSid: bParis.sid }), 400, 21613);
        const moved = await number.update({ accountSid: b.sid, addressSid: bHome.sid, emergencyAddressSid: bHome.sid });
        assert.equal(moved.accountSid, b.sid);
        assert.equal(moved.addressSid, bHome.sid);
        assert.equal(moved.emergencyAddressSid, bHome.sid);
    });
});

describe('Lifecycle', () => {
    test('a suspended account keeps its numbers but cannot buy; closing releases them all at once', async () => {
        const sub = await createSub();
        const kept = await buy(sub.sid, await offeredIn(sub.sid, 206));
        const wanted = await offeredIn(sub.sid, 206);

        await account(sub.sid).update({ status: 'suspended' });
        await expectRestError(buy(sub.sid, wanted), 400, 10001);
        assert.deepEqual(sidsOf(await account(sub.sid).incomingPhoneNumbers.list()), [kept.sid], 'a suspended account keeps its numbers');

        await account(sub.sid).update({ status: 'active' });
        const second = await buy(sub.sid, wanted);
        await account(sub.sid).update({ status: 'closed' });

        assert.deepEqual(await account(sub.sid).incomingPhoneNumbers.list(), [], 'closing releases every number');
        const offered = new Set(await allOfferedIn(sub.sid, 206));
        assert.ok(offered.has(kept.phoneNumber) && offered.has(second.phoneNumber), 'both are offered again');
        await expectRestError(buy(sub.sid, wanted), 400, 21479); // a closed account is read-only
    });
});
