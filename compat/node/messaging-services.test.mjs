// Black-box compatibility suite, Messaging Services: a service and its sender pool through twilio-node's
// client.messaging.v1.services, a message sent through it by messagingServiceSid, and a scheduled message canceled.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// accountd runs on its system clock here: a message sent through a service is queued at once, delivered after 4 s.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MAIN_SID, MAIN_TOKEN, clientFor, expectRestError, assertValidDate } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const TO = '+14155550123';

async function subaccountWithService(name) {
    const sub = await main().api.v2010.accounts.create({ friendlyName: name });
    const client = clientFor(sub.sid, sub.authToken);
    const number = await client.incomingPhoneNumbers.create({ areaCode: '646' });
    const service = await client.messaging.v1.services.create({ friendlyName: name });
    return { sub, client, number, service };
}

describe('Messaging Services', () => {
    test('services are created, fetched, listed, updated and removed; the pool takes the account\'s numbers', async () => {
        const { client, number, service } = await subaccountWithService('node services');
        assert.match(service.sid, /^MG[0-9a-f]{32}$/);
        assert.equal(service.stickySender, true);
        assert.equal(service.validityPeriod, 36000);
        assertValidDate(service.dateCreated, 'dateCreated');
        const updated = await client.messaging.v1.services(service.sid).update({ friendlyName: 'renamed', areaCodeGeomatch: false });
        assert.equal(updated.friendlyName, 'renamed');
        assert.equal(updated.areaCodeGeomatch, false);
        assert.deepEqual((await client.messaging.v1.services.list()).map((s) => s.sid), [service.sid]);

        const pooled = await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });
        assert.equal(pooled.sid, number.sid);
        assert.equal(pooled.phoneNumber, number.phoneNumber);
        assert.equal(pooled.serviceSid, service.sid);
        await expectRestError(client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid }), 409, 21710);
        assert.deepEqual((await client.messaging.v1.services(service.sid).phoneNumbers.list()).map((p) => p.sid), [number.sid]);
        assert.equal((await client.messaging.v1.services(service.sid).phoneNumbers(number.sid).fetch()).countryCode, 'US');
        assert.equal(await client.messaging.v1.services(service.sid).phoneNumbers(number.sid).remove(), true);
        assert.deepEqual(await client.messaging.v1.services(service.sid).phoneNumbers.list(), []);
        assert.equal(await client.messaging.v1.services(service.sid).remove(), true);
        await expectRestError(client.messaging.v1.services(service.sid).fetch(), 404, 20404);
    });

    test('a message sent by messagingServiceSid is accepted without from, then delivered from the pool', async () => {
        const { client, number, service } = await subaccountWithService('node service message');
        await expectRestError(client.messages.create({ to: TO, messagingServiceSid: service.sid, body: 'x' }), 400, 21704);
        await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });
        const created = await client.messages.create({ to: TO, messagingServiceSid: service.sid, body: 'Your code is 123456' });
        assert.equal(created.status, 'accepted');
        assert.equal(created.from, null);
        assert.equal(created.messagingServiceSid, service.sid);
        let fetched;
        for (let i = 0; i < 100; i++) {
            fetched = await client.messages(created.sid).fetch();
            if (fetched.status === 'delivered') break;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(fetched.status, 'delivered');
        assert.equal(fetched.from, number.phoneNumber);
        assert.equal(fetched.price, '-0.00830');
        await expectRestError(client.messages.create({ to: TO, messagingServiceSid: 'MG123', body: 'x' }), 400, 21705);
    });

    test('a scheduled message waits as scheduled and can be canceled, as Twilio\'s scheduling guide shows', async () => {
        const { client, number, service } = await subaccountWithService('node scheduled');
        await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });
        const sendAt = new Date(Date.now() + 2 * 3600_000);
        const scheduled = await client.messages.create({ to: TO, messagingServiceSid: service.sid, body: 'later', scheduleType: 'fixed', sendAt });
        assert.equal(scheduled.status, 'scheduled');
        assert.equal(scheduled.from, null);
        assert.equal(scheduled.price, null);
        const canceled = await client.messages(scheduled.sid).update({ status: 'canceled' });
        assert.equal(canceled.status, 'canceled');
        await expectRestError(client.messages(scheduled.sid).update({ status: 'canceled' }), 400, 30409);
        const soon = new Date(Date.now() + 60_000);
        await expectRestError(client.messages.create({ to: TO, messagingServiceSid: service.sid, body: 'x', scheduleType: 'fixed', sendAt: soon }),
            400, 35114);
        await expectRestError(client.messages.create({ to: TO, from: number.phoneNumber, body: 'x', scheduleType: 'fixed', sendAt }), 400, 35118);
    });
});
