// Black-box compatibility suite, messages: create, fetch, list, redact and delete through the official twilio-node
// helper library against a running accountd, and the status callbacks it sends, received by a real local HTTP server
// and validated with twilio-node's own validateRequest.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// accountd runs on its system clock here: a message is sent about 2 s after it is created and delivered after 4 s.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import twilio from 'twilio';
import { MAIN_SID, MAIN_TOKEN, clientFor, expectRestError } from './support.mjs';

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const TO = '+14155550123';

/** A local receiver that records every callback: its URL as requested, its form parameters and its signature. */
const received = [];
let server;
let port;
before(async () => {
    server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => { body += chunk; });
        req.on('end', () => {
            received.push({
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

async function callbacksFor(sid, count) {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const found = received.filter((r) => r.params.MessageSid === sid);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return received.filter((r) => r.params.MessageSid === sid);
}

async function subaccountWithNumber(name) {
    const sub = await main().api.v2010.accounts.create({ friendlyName: name });
    const number = await main().api.v2010.accounts(sub.sid).incomingPhoneNumbers.create({ areaCode: '646' });
    return { sub, from: number.phoneNumber };
}

describe('Messages', () => {
    test('messages.create() answers queued with no price; the message is delivered and priced on the clock', async () => {
        const { sub, from } = await subaccountWithNumber('node messages');
        const client = clientFor(sub.sid, sub.authToken);
        const created = await client.messages.create({ to: TO, from, body: 'Hello from twilio-node' });
        assert.match(created.sid, /^SM[0-9a-f]{32}$/);
        assert.equal(created.status, 'queued');
        assert.equal(created.price, null);
        assert.equal(created.numSegments, '1');
        assert.equal(created.direction, 'outbound-api');
        let fetched;
        for (let i = 0; i < 100; i++) {
            fetched = await client.messages(created.sid).fetch();
            if (fetched.status === 'delivered') break;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(fetched.status, 'delivered');
        assert.equal(fetched.price, '-0.00830');
        assert.equal(fetched.priceUnit, 'USD');
        const listed = await client.messages.list({ to: TO });
        assert.deepEqual(listed.map((m) => m.sid), [created.sid]);
        // a day as Twilio's examples give it: its midnight GMT as a Date, which twilio-node sends as 2026-12-03T00:00:00Z
        const sent = fetched.dateSent;
        const day = new Date(Date.UTC(sent.getUTCFullYear(), sent.getUTCMonth(), sent.getUTCDate()));
        assert.deepEqual((await client.messages.list({ dateSent: day })).map((m) => m.sid), [created.sid]);
        assert.deepEqual((await client.messages.list({ dateSentBefore: day })).map((m) => m.sid), [created.sid]);
        const dayBefore = new Date(day.getTime() - 86_400_000);
        assert.deepEqual(await client.messages.list({ dateSent: dayBefore }), []);
        const redacted = await client.messages(created.sid).update({ body: '' });
        assert.equal(redacted.body, '');
        assert.equal(await client.messages(created.sid).remove(), true);
        await expectRestError(client.messages(created.sid).fetch(), 404, 20404);
    });

    test('refusals carry Twilio\'s codes', async () => {
        const { sub, from } = await subaccountWithNumber('node message refusals');
        const client = clientFor(sub.sid, sub.authToken);
        await expectRestError(client.messages.create({ to: TO, from }), 400, 21602);
        await expectRestError(client.messages.create({ to: 'not a number', from, body: 'x' }), 400, 21211);
        await expectRestError(client.messages.create({ to: TO, from: '+16465550199', body: 'x' }), 400, 21606);
        await expectRestError(client.messages.create({ to: TO, from, body: 'x'.repeat(1601) }), 400, 21617);
    });

    test('an MMS\'s media are listed, fetched and deleted through messages(sid).media', async () => {
        const { sub, from } = await subaccountWithNumber('node media');
        const client = clientFor(sub.sid, sub.authToken);
        const created = await client.messages.create({ to: TO, from, mediaUrl: ['https://example.com/cat.png', 'https://example.com/clip.mp4'] });
        assert.equal(created.numMedia, '2');
        assert.deepEqual(created.subresourceUris, { media: `/2010-04-01/Accounts/${sub.sid}/Messages/${created.sid}/Media.json` });
        const media = await client.messages(created.sid).media.list();
        assert.deepEqual(media.map((m) => m.contentType), ['image/png', 'video/mp4']);
        assert.equal(media[0].parentSid, created.sid);
        assert.match(media[0].sid, /^ME[0-9a-f]{32}$/);
        const fetched = await client.messages(created.sid).media(media[1].sid).fetch();
        assert.equal(fetched.contentType, 'video/mp4');
        assert.equal(await client.messages(created.sid).media(media[0].sid).remove(), true);
        await expectRestError(client.messages(created.sid).media(media[0].sid).fetch(), 404, 20404);
        assert.equal((await client.messages(created.sid).media.list()).length, 1);
    });

    test('status callbacks are signed with the owner\'s auth token, as twilio.validateRequest checks', async () => {
        const { sub, from } = await subaccountWithNumber('node callbacks');
        const client = clientFor(sub.sid, sub.authToken);
        const statusCallback = `http://127.0.0.1:${port}/status?customer=${sub.sid}`;
        const created = await client.messages.create({ to: TO, from, body: 'call me back', statusCallback });
        const got = await callbacksFor(created.sid, 2);
        assert.deepEqual(got.map((r) => r.params.MessageStatus).sort(), ['delivered', 'sent']);
        for (const r of got) {
            assert.equal(r.url, statusCallback);
            assert.equal(r.params.AccountSid, sub.sid);
            assert.ok(twilio.validateRequest(sub.authToken, r.signature, r.url, r.params), `valid signature: ${JSON.stringify(r)}`);
            assert.ok(!twilio.validateRequest(MAIN_TOKEN, r.signature, r.url, r.params), 'not signed with the main token');
        }
    });
});
