// Black-box compatibility suite, usage: the nine Usage Records paths and the five Usage Triggers operations through
// the official twilio-node helper library against a running accountd. Records add up what the ledger charged, per
// category and period, for a subaccount or a main account's whole family; a trigger's callback is received by a real
// local HTTP server and validated with twilio-node's own validateRequest.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// accountd runs on its system clock here: a message is charged when it is sent, about 2 s after it is created. The
// main account is shared with the other files of the suite, which may run at the same time: what is asserted about it
// holds whatever else its family uses before or meanwhile (its counters only grow).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import twilio from 'twilio';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const TO = '+14155550123';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A local receiver that records every callback: its method, its URL as requested, its form parameters and its signature. */
const received = [];
let server;
let port;
before(async () => {
    server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => { body += chunk; });
        req.on('end', () => {
            received.push({
                method: req.method,
                url: `http://127.0.0.1:${port}${req.url}`,
                params: Object.fromEntries(new URLSearchParams(body)),
                signature: req.headers['x-twilio-signature'],
            });
            res.writeHead(204).end();
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
});
after(() => server.close());

/** A decimal string ("-0.0083", "1.15") as a whole number of millionths, so sums of prices compare exactly. */
function micros(decimal) {
    const m = /^(-?)([0-9]+)(?:\.([0-9]{0,6}))?$/.exec(String(decimal));
    assert.ok(m, `a decimal with at most 6 places: ${JSON.stringify(decimal)}`);
    const value = BigInt(m[2]) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
    return m[1] === '-' ? -value : value;
}

async function subaccountWithNumber(name) {
    const sub = await main().api.v2010.accounts.create({ friendlyName: name });
    const number = await main().api.v2010.accounts(sub.sid).incomingPhoneNumbers.create({ areaCode: '646' });
    return { sub, client: clientFor(sub.sid, sub.authToken), number, from: number.phoneNumber };
}

/** Sends a message and waits until it is sent and charged: its price is set then. */
async function sendCharged(client, from, body) {
    const created = await client.messages.create({ to: TO, from, body });
    for (let i = 0; i < 100; i++) {
        const fetched = await client.messages(created.sid).fetch();
        if (fetched.price !== null) return fetched;
        await sleep(100);
    }
    assert.fail(`message ${created.sid} was not charged within 10 s`);
}

/** The ledger entries a subaccount caused, read from accountd's own API with the main account's credentials. */
async function ledgerOf(accountSid) {
    const res = await fetch(`${BASE_URL}/_accountd/v1/Accounts/${MAIN_SID}/Ledger?AccountSid=${accountSid}&PageSize=1000`,
        { headers: { Authorization: `Basic ${Buffer.from(`${MAIN_SID}:${MAIN_TOKEN}`).toString('base64')}` } });
    assert.equal(res.status, 200);
    return (await res.json()).entries;
}

const byCategory = (records) => Object.fromEntries(records.map((r) => [r.category, r]));

/** One category's record of an account's usage since it was created (AllTime), as the main account reads it. */
async function allTime(accountSid, category, includeSubaccounts) {
    const records = await main().api.v2010.accounts(accountSid).usage.records.allTime.list({ category, includeSubaccounts });
    assert.equal(records.length, 1, `one ${category} record: ${JSON.stringify(records)}`);
    return records[0];
}

describe('Usage Records', () => {
    let sub;
    let client;
    let number;
    let messages;
    before(async () => {
        ({ sub, client, number } = await subaccountWithNumber('node usage records'));
        messages = [await sendCharged(client, number.phoneNumber, 'first'), await sendCharged(client, number.phoneNumber, 'second')];
    });

    test('records.list() shows every category alphabetically, with the subaccount\'s messages, number and total price', async () => {
        const records = await client.api.v2010.accounts(sub.sid).usage.records.list();
        const names = records.map((r) => r.category);
        assert.deepEqual(names, [...names].sort(), 'alphabetical by category');
        assert.equal(new Set(names).size, names.length, 'each category once');
        for (const expected of ['calls', 'calls-outbound', 'sms', 'sms-outbound-longcode', 'phonenumbers-local', 'mms', 'recordings', 'totalprice']) {
            assert.ok(names.includes(expected), `${expected} is listed even at zero: ${names}`);
        }
        const r = byCategory(records);

        const sms = r['sms-outbound-longcode'];
        assert.equal(sms.accountSid, sub.sid);
        assert.equal(sms.apiVersion, '2010-04-01');
        assert.equal(sms.count, '2');
        assert.equal(sms.usage, '2', 'one segment each');
        assert.equal(sms.countUnit, 'messages');
        assert.equal(sms.usageUnit, 'messages');
        assert.equal(sms.priceUnit, 'usd');
        assert.equal(micros(sms.price), -messages.reduce((sum, m) => sum + micros(m.price), 0n), 'the negated message prices, positive');
        assert.ok(sms.startDate instanceof Date && sms.endDate instanceof Date);
        assert.match(sms.uri, new RegExp(`^/2010-04-01/Accounts/${sub.sid}/Usage/Records\\.json\\?Category=sms-outbound-longcode&StartDate=`));
        assert.equal(sms.subresourceUris.daily, `/2010-04-01/Accounts/${sub.sid}/Usage/Records/Daily.json?Category=sms-outbound-longcode`);
        assert.equal(r.sms.count, '2', 'the sms rollup sums its leaves');
        assert.equal(r['sms-inbound'].count, '0');

        const numbers = r['phonenumbers-local'];
        assert.equal(numbers.count, '1');
        assert.equal(numbers.countUnit, 'numbers');
        assert.equal(r.phonenumbers.count, '1');

        const total = r.totalprice;
        assert.equal(total.count, null, 'totalprice has no count');
        assert.equal(total.usageUnit, 'usd');
        assert.equal(total.priceUnit, 'usd');
        assert.equal(micros(total.usage), micros(total.price), 'its usage is its price');
        assert.equal(micros(total.price), micros(sms.price) + micros(numbers.price), 'messages plus the number');

        const ledger = await ledgerOf(sub.sid);
        const charged = ledger.map((e) => micros(e.amount)).filter((a) => a < 0n).reduce((sum, a) => sum - a, 0n);
        assert.equal(micros(total.price), charged, `totalprice is what the ledger charged: ${JSON.stringify(ledger)}`);
        const month = ledger.find((e) => e.category === 'phonenumbers-local' && e.resource_sid === number.sid);
        assert.ok(month, `the number's first month is in the ledger: ${JSON.stringify(ledger)}`);
        assert.equal(micros(numbers.price), -micros(month.amount), "the number's monthly price");
    });

    test('all nine Records paths answer through twilio-node, on the paths the spec names', async () => {
        const records = client.api.v2010.accounts(sub.sid).usage.records;
        const category = 'sms-outbound-longcode';
        const sent = client.httpClient.requests.length;
        const lists = {
            'Records.json': await records.list({ category }),
            'Records/AllTime.json': await records.allTime.list({ category }),
            'Records/Daily.json': await records.daily.list({ category, startDate: new Date(Date.now() - 2 * 86_400_000) }),
            'Records/Monthly.json': await records.monthly.list({ category }),
            'Records/Yearly.json': await records.yearly.list({ category }),
            'Records/Today.json': await records.today.list({ category }),
            'Records/Yesterday.json': await records.yesterday.list({ category }),
            'Records/ThisMonth.json': await records.thisMonth.list({ category }),
            'Records/LastMonth.json': await records.lastMonth.list({ category }),
        };
        assert.deepEqual(client.httpClient.requests.slice(sent).map((r) => `${r.method.toUpperCase()} ${new URL(r.uri).pathname}`),
            Object.keys(lists).map((p) => `GET /2010-04-01/Accounts/${sub.sid}/Usage/${p}`));
        for (const [path, list] of Object.entries(lists)) {
            assert.ok(list.length >= 1, `${path} lists the category`);
            for (const r of list) {
                assert.equal(r.category, category, path);
                assert.equal(r.accountSid, sub.sid, path);
                assert.equal(r.priceUnit, 'usd', path);
                assert.ok(r.startDate instanceof Date && !Number.isNaN(r.startDate.getTime()), `${path} start_date is a date`);
                assert.ok(r.endDate >= r.startDate, `${path} ends on or after it starts`);
            }
        }
        // the subaccount was created moments ago: its whole usage is in every period that includes today
        const today = new Date().toISOString().slice(0, 10);
        for (const path of ['Records.json', 'Records/AllTime.json', 'Records/Monthly.json', 'Records/Yearly.json', 'Records/Today.json',
            'Records/ThisMonth.json']) {
            assert.equal(lists[path].length, 1, `${path}: one period since the subaccount was created`);
            if (lists[path][0].endDate.toISOString().slice(0, 10) === today) assert.equal(lists[path][0].count, '2', path);
        }
        const daily = lists['Records/Daily.json'];
        assert.ok(daily.length >= 1, 'Daily lists a day for each day asked for, clipped to the account\'s creation');
        assert.ok(daily.every((r, i) => i === 0 || r.startDate < daily[i - 1].startDate), 'Daily lists the newest day first');
        assert.equal(daily.reduce((sum, r) => sum + Number(r.count), 0), 2, 'the days add up to both messages');
        for (const path of ['Records/Yesterday.json', 'Records/LastMonth.json']) {
            assert.equal(lists[path].length, 1, path);
            assert.equal(lists[path][0].count, '0', `${path}: the subaccount did not exist yet`);
        }
        const lastMonth = lists['Records/LastMonth.json'][0];
        assert.equal(lastMonth.startDate.getUTCDate(), 1, 'LastMonth starts on the first');
    });

    test('a subaccount reads the same records with its own credentials or the main account\'s, with or without IncludeSubaccounts', async () => {
        const category = 'totalprice';
        const own = await client.usage.records.list({ category });
        const byMain = await main().api.v2010.accounts(sub.sid).usage.records.list({ category });
        const excluding = await main().api.v2010.accounts(sub.sid).usage.records.list({ category, includeSubaccounts: false });
        assert.equal(own.length, 1);
        assert.deepEqual(byMain.map((r) => r.price), own.map((r) => r.price));
        assert.deepEqual(excluding.map((r) => r.price), own.map((r) => r.price), 'a subaccount has no subaccounts');
    });

    test('the main account\'s records include its subaccounts\' usage by default, and not with includeSubaccounts: false', async () => {
        // read its own usage first and the family's after: the family's can only have grown in between, so the difference
        // is at least this subaccount's usage; it would be zero (give or take concurrent usage) if the flag were ignored
        for (const [category, field] of [['sms-outbound-longcode', 'count'], ['phonenumbers-local', 'count'], ['totalprice', 'price']]) {
            const subs = await allTime(sub.sid, category, false);
            const own = await allTime(MAIN_SID, category, false);
            const family = await allTime(MAIN_SID, category, true);
            const implicit = await allTime(MAIN_SID, category, undefined);
            assert.equal(own.accountSid, MAIN_SID);
            assert.equal(family.accountSid, MAIN_SID);
            const value = (r) => (field === 'count' ? BigInt(r.count) : micros(r.price));
            assert.ok(value(subs) > 0n, `the subaccount used ${category}`);
            assert.ok(value(family) - value(own) >= value(subs),
                `${category}: family ${value(family)} - own ${value(own)} >= the subaccount's ${value(subs)}`);
            assert.ok(value(implicit) >= value(family), `${category}: IncludeSubaccounts is true by default`);
        }
    });

    test('a bad StartDate is 400 / 20001; an EndDate before the StartDate is 404 / 20404', async () => {
        const records = main().api.v2010.accounts(sub.sid).usage.records;
        await expectRestError(records.list({ startDate: 'barfoobaz' }), 400, 20001);
        await expectRestError(records.daily.list({ startDate: 'barfoobaz' }), 400, 20001);
        await expectRestError(records.list({ startDate: new Date('2024-02-01T00:00:00Z'), endDate: new Date('2024-01-01T00:00:00Z') }), 404, 20404);
        await expectRestError(records.monthly.list({ startDate: '2024-02-01', endDate: '2024-01-31' }), 404, 20404);
    });
});

describe('Usage Triggers', () => {
    test('create, fetch, update, list; it fires once, signed with the owner\'s auth token; remove', async () => {
        const { sub, client, from } = await subaccountWithNumber('node usage triggers');
        const callbackUrl = `http://127.0.0.1:${port}/usage?customer=${sub.sid}`;
        const sent = client.httpClient.requests.length;

        const created = await client.usage.triggers.create({ callbackUrl, triggerValue: '1', usageCategory: 'sms', recurring: 'daily' });
        assert.match(created.sid, /^UT[0-9a-f]{32}$/);
        assert.equal(created.accountSid, sub.sid);
        assert.equal(created.callbackUrl, callbackUrl);
        assert.equal(created.callbackMethod, 'POST');
        assert.equal(created.usageCategory, 'sms');
        assert.equal(created.recurring, 'daily');
        assert.equal(created.triggerBy, 'usage');
        assert.equal(created.dateFired, null, 'nothing used yet');
        assert.equal(created.uri, `/2010-04-01/Accounts/${sub.sid}/Usage/Triggers/${created.sid}.json`);

        const fetched = await client.usage.triggers(created.sid).fetch();
        assert.equal(fetched.triggerValue, '1.000000');
        assert.equal(fetched.usageRecordUri, `/2010-04-01/Accounts/${sub.sid}/Usage/Records/Today.json?Category=sms`);

        const updated = await client.usage.triggers(created.sid).update({ friendlyName: 'one text a day' });
        assert.equal(updated.friendlyName, 'one text a day');
        assert.equal(updated.triggerValue, '1.000000', 'update leaves the value');
        assert.deepEqual((await client.usage.triggers.list({ usageCategory: 'sms' })).map((t) => t.sid), [created.sid]);
        assert.deepEqual((await client.usage.triggers.list({ usageCategory: 'calls' })).map((t) => t.sid), []);

        await sendCharged(client, from, 'trip the trigger');
        await sendCharged(client, from, 'a second text the same day does not fire it again');
        let got = [];
        for (let i = 0; i < 100 && got.length === 0; i++, await sleep(100)) got = received.filter((r) => r.params.UsageTriggerSid === created.sid);
        await sleep(1000);
        got = received.filter((r) => r.params.UsageTriggerSid === created.sid);
        assert.equal(got.length, 1, `exactly one callback: ${JSON.stringify(got)}`);
        const [callback] = got;
        assert.equal(callback.method, 'POST');
        assert.equal(callback.url, callbackUrl);
        assert.deepEqual(Object.keys(callback.params).sort(), ['AccountSid', 'CurrentValue', 'DateFired', 'IdempotencyToken', 'Recurring',
            'TriggerBy', 'TriggerValue', 'UsageCategory', 'UsageRecordUri', 'UsageTriggerSid']);
        assert.equal(callback.params.AccountSid, sub.sid);
        assert.equal(callback.params.Recurring, 'daily');
        assert.equal(callback.params.UsageCategory, 'sms');
        assert.equal(callback.params.TriggerBy, 'usage');
        assert.equal(Number(callback.params.TriggerValue), 1);
        assert.ok(Number(callback.params.CurrentValue) >= 1, `CurrentValue ${callback.params.CurrentValue}`);
        assert.equal(callback.params.UsageRecordUri, fetched.usageRecordUri);
        assert.ok(!Number.isNaN(Date.parse(callback.params.DateFired)), `DateFired ${callback.params.DateFired}`);
        assert.ok(callback.params.IdempotencyToken.length > 0);
        assert.ok(twilio.validateRequest(sub.authToken, callback.signature, callback.url, callback.params), `valid signature: ${JSON.stringify(callback)}`);
        assert.ok(!twilio.validateRequest(MAIN_TOKEN, callback.signature, callback.url, callback.params), 'not signed with the main token');

        const fired = await client.usage.triggers(created.sid).fetch();
        assert.ok(fired.dateFired instanceof Date, 'date_fired is set once it fired');
        assert.equal(fired.currentValue, '2', 'two messages of one segment today');

        assert.equal(await client.usage.triggers(created.sid).remove(), true);
        await expectRestError(client.usage.triggers(created.sid).fetch(), 404, 20404);
        assert.deepEqual(client.httpClient.requests.slice(sent).filter((r) => r.uri.includes('/Usage/')).map((r) => r.method.toUpperCase()).join(' '),
            'POST GET POST GET GET GET DELETE GET', 'create, fetch, update, list, remove on the Triggers paths');
    });
});
