// Black-box compatibility suite, voice: Calls, Applications and OutgoingCallerIds through the official twilio-node
// helper library against a running accountd (on its system clock: a call rings after 1 s and is answered after 3 s).
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MAIN_SID, MAIN_TOKEN, clientFor, expectRestError } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const TO = '+14155550123';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function subaccountWithNumber(name) {
    const sub = await main().api.v2010.accounts.create({ friendlyName: name });
    const number = await main().api.v2010.accounts(sub.sid).incomingPhoneNumbers.create({ areaCode: '646' });
    return { sub, client: clientFor(sub.sid, sub.authToken), from: number.phoneNumber };
}

describe('Calls', () => {
    test('calls.create() answers queued; the call completes on the clock, priced per minute; update, list and remove', async () => {
        const { client, from } = await subaccountWithNumber('node calls');
        const created = await client.calls.create({ to: TO, from, twiml: '<Response><Say>Hi</Say></Response>', timeLimit: 1 });
        assert.match(created.sid, /^CA[0-9a-f]{32}$/);
        assert.equal(created.status, 'queued');
        assert.equal(created.price, null);
        assert.equal(created.priceUnit, 'USD');
        assert.equal(created.toFormatted, '(415) 555-0123');
        let fetched;
        for (let i = 0; i < 100; i++) {
            fetched = await client.calls(created.sid).fetch();
            if (fetched.status === 'completed') break;
            await sleep(100);
        }
        assert.equal(fetched.status, 'completed');
        assert.equal(fetched.duration, '1');
        assert.equal(fetched.price, '-0.01300', 'a second is a whole minute');
        const listed = await client.calls.list({ status: 'completed' });
        assert.deepEqual(listed.map((c) => c.sid), [created.sid]);
        await expectRestError(client.calls(created.sid).update({ status: 'completed' }), 400, 21220);

        const hungUp = await client.calls.create({ to: TO, from, url: 'https://example.com/voice' });
        const canceled = await client.calls(hungUp.sid).update({ status: 'canceled' });
        assert.equal(canceled.status, 'canceled');
        assert.equal(await client.calls(created.sid).remove(), true);
        await expectRestError(client.calls(created.sid).fetch(), 404, 20404);
    });

    test('refusals carry Twilio\'s codes', async () => {
        const { client, from } = await subaccountWithNumber('node call refusals');
        await expectRestError(client.calls.create({ to: TO, from: '+16465550199', url: 'https://example.com/voice' }), 400, 21210);
        await expectRestError(client.calls.create({ to: 'nope', from, url: 'https://example.com/voice' }), 400, 21211);
        await expectRestError(client.calls.create({ to: '+819012345678', from, url: 'https://example.com/voice' }), 400, 21215);
    });
});

describe('Applications', () => {
    test('create, fetch, update, list and remove', async () => {
        const { sub, client } = await subaccountWithNumber('node applications');
        const app = await client.applications.create({ friendlyName: 'node app', voiceUrl: 'https://example.com/voice' });
        assert.match(app.sid, /^AP[0-9a-f]{32}$/);
        assert.equal(app.accountSid, sub.sid);
        assert.equal(app.voiceUrl, 'https://example.com/voice');
        assert.equal(app.voiceMethod, 'POST');
        const updated = await client.applications(app.sid).update({ smsUrl: 'https://example.com/sms' });
        assert.equal(updated.smsUrl, 'https://example.com/sms');
        assert.equal((await client.applications(app.sid).fetch()).friendlyName, 'node app');
        assert.deepEqual((await client.applications.list({ friendlyName: 'node app' })).map((a) => a.sid), [app.sid]);
        assert.equal(await client.applications(app.sid).remove(), true);
        await expectRestError(client.applications(app.sid).fetch(), 404, 20404);
    });
});

describe('OutgoingCallerIds', () => {
    test('a validation request verifies the number; list, fetch, update and remove it', async () => {
        const { client } = await subaccountWithNumber('node caller ids');
        const request = await client.validationRequests.create({ phoneNumber: '+14155550188', friendlyName: 'cell' });
        assert.match(request.validationCode, /^[0-9]{6}$/);
        const [id] = await client.outgoingCallerIds.list({ phoneNumber: '+14155550188' });
        assert.match(id.sid, /^PN[0-9a-f]{32}$/);
        assert.equal(id.friendlyName, 'cell');
        assert.equal((await client.outgoingCallerIds(id.sid).update({ friendlyName: 'renamed' })).friendlyName, 'renamed');
        assert.equal((await client.outgoingCallerIds(id.sid).fetch()).phoneNumber, '+14155550188');
        const call = await client.calls.create({ to: TO, from: '+14155550188', url: 'https://example.com/voice' });
        assert.equal(call.phoneNumberSid, id.sid);
        assert.equal(await client.outgoingCallerIds(id.sid).remove(), true);
        await expectRestError(client.outgoingCallerIds(id.sid).fetch(), 404, 20404);
    });
});
