// Black-box compatibility suite, money: the Balance resource through the official twilio-node helper library against
// a running accountd, and accountd's Recharges and Ledger (plain requests: twilio-node does not know them).
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// Other suites buy numbers from the same family, so this one never assumes what the balance is: it checks shapes,
// that a subaccount reads its family's balance, and what a recharge's own answer says.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
// at least two decimals: a family that sent messages has sub-cent charges (0.0083 a segment) in its balance
const DECIMAL = /^-?\d+\.\d{2,6}$/;

/** accountd's own API under /_accountd/v1, with the main account's credentials. */
async function accountd(method, path, form = undefined) {
    const response = await fetch(`${BASE_URL}/_accountd/v1/Accounts/${MAIN_SID}${path}`, {
        method,
        headers: {
            Authorization: 'Basic ' + Buffer.from(`${MAIN_SID}:${MAIN_TOKEN}`).toString('base64'),
            ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: response.status, body: await response.json() };
}

describe('Balance', () => {
    test('accounts(sid).balance.fetch() gives the balance as a decimal string, in upper-case USD', async () => {
        const balance = await main().api.v2010.accounts(MAIN_SID).balance.fetch();
        assert.equal(balance.accountSid, MAIN_SID);
        assert.match(balance.balance, DECIMAL);
        assert.equal(balance.currency, 'USD');
    });

    test('a subaccount reads its family\'s balance, under its own SID', async () => {
        const sub = await main().api.v2010.accounts.create({ friendlyName: 'node billing' });
        const own = await clientFor(sub.sid, sub.authToken).api.v2010.accounts(sub.sid).balance.fetch();
        assert.equal(own.accountSid, sub.sid);
        assert.match(own.balance, DECIMAL);
        assert.equal(own.currency, 'USD');
    });

    test('another account\'s balance is not readable', async () => {
        const sub = await main().api.v2010.accounts.create({ friendlyName: 'node billing, other' });
        await expectRestError(clientFor(sub.sid, sub.authToken).api.v2010.accounts(MAIN_SID).balance.fetch(), 401, 20003);
    });
});

describe('Recharges and the ledger', () => {
    test('a recharge answers 201 with the balance after it, once per Reference, and is in the ledger', async () => {
        const reference = `node-${randomUUID()}`;
        const first = await accountd('POST', '/Recharges', { Amount: '12.34', Reference: reference });
        assert.equal(first.status, 201, JSON.stringify(first.body));
        assert.match(first.body.sid, /^RC[0-9a-f]{32}$/);
        assert.equal(first.body.amount, '12.34');
        assert.equal(first.body.currency, 'USD');
        assert.match(first.body.balance, DECIMAL);
        assert.equal(first.body.reference, reference);

        const again = await accountd('POST', '/Recharges', { Amount: '12.34', Reference: reference });
        assert.equal(again.status, 201);
        assert.deepEqual(again.body, first.body, 'the same Reference answers the first recharge');

        const ledger = await accountd('GET', '/Ledger?Category=recharge&PageSize=1000');
        assert.equal(ledger.status, 200);
        assert.equal(ledger.body.meta.key, 'entries');
        const entries = ledger.body.entries.filter((e) => e.reference === reference);
        assert.equal(entries.length, 1, 'paid once');
        assert.equal(entries[0].sid, first.body.sid);
        assert.equal(entries[0].balance, first.body.balance);
    });

    test('a bad amount is a Twilio-style 400', async () => {
        const bad = await accountd('POST', '/Recharges', { Amount: '1.234' });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.code, 20001);
        assert.match(bad.body.message, /Amount/);
    });
});
