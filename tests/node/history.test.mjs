// Event history, time travel and restore (beyond CloudBase): every change of a collection as a line of history with
// who made it, reads as of a past sequence number or time, restoring after an accidental where().remove(), and forks.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect, url, envId, accessKey, adminData, admin, freshCollection, uniqueName, readAll } from './support.mjs'
import { signInCustom, connectUser } from './users.mjs'
import { deploy, connectAs } from './functions-support.mjs'

const { db, _ } = connect()

/** The NDJSON history of a collection (or one document of it). */
async function history(collection, params = {}, headers = {}) {
  const query = new URLSearchParams({ env: envId, collection, ...params })
  const res = await fetch(`${url}/admin/history?${query}`, { headers: { authorization: `Bearer ${accessKey}`, ...headers } })
  assert.equal(res.status, 200, await res.clone().text())
  return (await res.text()).split('\n').filter(Boolean).map(line => JSON.parse(line))
}

const byId = docs => Object.fromEntries(docs.map(d => [d._id, d]))
const strip = doc => JSON.parse(JSON.stringify(doc))
/** A canonical-EJSON document string (what /admin answers) with its numbers as plain numbers. */
const fromEjson = text => JSON.parse(text, (_k, v) =>
  v && typeof v === 'object' && ('$numberInt' in v || '$numberDouble' in v || '$numberLong' in v)
    ? Number(v.$numberInt ?? v.$numberDouble ?? v.$numberLong)
    : v)

describe('history', () => {
  it("a document's history shows every step, in order, with who did it", async () => {
    const coll = await freshCollection(db, 'hist')
    await coll.add({ _id: 'book', title: 'Dune', n: 1 })
    await coll.doc('book').update({ n: _.inc(1) })
    await coll.doc('book').update({ tags: _.push(['sf']) })
    await coll.doc('book').set({ title: 'Dune Messiah', n: 9 })
    const user = connectUser(await signInCustom('hist-user'))
    await adminData('actorcloud.modifyDatabaseACL', { CollectionName: coll.name, AclTag: 'READONLY' })
    await user.db.collection(coll.name).add({ _id: 'theirs', x: 1 })
    await coll.doc('book').remove()

    const steps = await history(coll.name, { doc: 'book' })
    assert.deepEqual(steps.map(s => s.op), ['insert', 'update', 'update', 'replace', 'remove'])
    assert.deepEqual(steps[0].documents, [{ _id: 'book', title: 'Dune', n: 1 }])
    assert.deepEqual(steps[1].update, { $inc: { n: 1 } })
    assert.deepEqual(steps[3].document, { _id: 'book', title: 'Dune Messiah', n: 9 })
    assert.ok(steps.every(s => s.by.kind === 'admin' && s.ids.includes('book')))
    assert.deepEqual(steps.map(s => s.seq), [...steps.map(s => s.seq)].sort((a, b) => a - b))

    const all = await history(coll.name)
    assert.deepEqual(all.map(s => s.op), ['create', 'insert', 'update', 'update', 'replace', 'permission', 'insert', 'remove'])
    const byUser = all.find(s => s.ids?.includes('theirs'))
    assert.deepEqual(byUser.by, { kind: 'user', uid: user.uid, openid: user.uid })
    assert.equal(all.find(s => s.op === 'permission').aclTag, 'READONLY')
  })

  it("a function's writes name the function, the invocation and the user it ran for", async () => {
    const { name } = await deploy('wx')
    const user = await connectAs('o-history', 'wx-history')
    const collection = uniqueName('fnhist')
    const { result, requestId } = await user.app.callFunction({ name, data: { op: 'db', collection, text: 'hi' } })
    assert.equal(result.total, 1)
    const insert = (await history(collection)).find(s => s.op === 'insert')
    assert.deepEqual(insert.by, { kind: 'function', function: name, invocation: insert.by.invocation, openid: 'o-history', uid: insert.by.uid })
    assert.match(insert.by.invocation, /^[0-9a-f]{32}$/)
    assert.ok(requestId)
    const asAdmin = await connect().app.callFunction({ name, data: { op: 'db', collection, text: 'admin' } })
    assert.equal(asAdmin.result.total, 1)
    const byAdminCall = (await history(collection)).filter(s => s.op === 'insert').at(-1).by
    assert.equal(byAdminCall.openid, undefined, 'a call made by an admin carries no user')
    assert.notEqual(byAdminCall.invocation, insert.by.invocation)
  })

  it('pages by sequence number and time, and streams as Server-Sent Events', async () => {
    const coll = await freshCollection(db, 'hist')
    for (let i = 0; i < 5; i++) await coll.add({ i })
    const all = await history(coll.name)
    assert.equal(all.length, 6)
    assert.deepEqual((await history(coll.name, { from: 3, to: 4 })).map(s => s.seq), [3, 4])
    assert.deepEqual((await history(coll.name, { from: 2, limit: 2 })).map(s => s.seq), [2, 3])
    assert.deepEqual((await history(coll.name, { since: all[4].at })).map(s => s.seq), [5, 6])
    const res = await fetch(`${url}/admin/history?env=${envId}&collection=${coll.name}&from=5`,
      { headers: { authorization: `Bearer ${accessKey}`, accept: 'text/event-stream' } })
    assert.match(res.headers.get('content-type'), /text\/event-stream/)
    const frames = (await res.text()).split('\n\n').filter(Boolean)
    assert.deepEqual(frames.map(f => f.split('\n')[0]), ['id: 5', 'id: 6'])
    assert.equal(JSON.parse(frames[0].split('\n')[1].slice('data: '.length)).op, 'insert')
  })

  it("the environment's feed interleaves collections in journal order", async () => {
    const a = await freshCollection(db, 'feedA')
    const b = await freshCollection(db, 'feedB')
    await a.add({ k: 1 })
    await b.add({ k: 2 })
    await a.add({ k: 3 })
    const res = await fetch(`${url}/admin/history?env=${envId}`, { headers: { authorization: `Bearer ${accessKey}` } })
    const feed = (await res.text()).split('\n').filter(Boolean).map(l => JSON.parse(l))
    const mine = feed.filter(e => [`${envId}/${a.name}`, `${envId}/${b.name}`].includes(e.name) && e.op === 'insert')
    assert.deepEqual(mine.map(e => e.documents[0].k), [1, 2, 3])
    assert.deepEqual(mine.map(e => e.offset), [...mine.map(e => e.offset)].sort((x, y) => x - y))
  })

  it('refuses users and bad parameters', async () => {
    const user = await signInCustom('hist-user-2')
    const asUser = await fetch(`${url}/admin/history?env=${envId}`, { headers: { authorization: `Bearer ${user.access_token}` } })
    assert.equal(asUser.status, 403)
    const bad = await fetch(`${url}/admin/history?env=${envId}&collection=x&from=-1`, { headers: { authorization: `Bearer ${accessKey}` } })
    assert.equal(bad.status, 400)
    const anonymous = await fetch(`${url}/admin/history?env=${envId}`)
    assert.equal(anonymous.status, 403)
  })
})

describe('time travel', () => {
  it('as-of reads equal the state captured at that moment', async () => {
    const coll = await freshCollection(db, 'asof')
    const captured = []
    const capture = async () => {
      const seq = (await history(coll.name)).at(-1).seq
      captured.push({ seq, time: new Date().toISOString(), docs: await readAll(coll) })
      await new Promise(r => setTimeout(r, 20))
    }
    await coll.add([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }])
    await capture()
    await coll.doc('a').update({ n: 10 })
    await coll.add({ _id: 'c', n: 3 })
    await capture()
    await coll.where({ n: _.gte(3) }).remove()
    await capture()
    for (const { seq, time, docs } of captured) {
      for (const asOf of [{ asOfSeq: seq }, { asOfTime: time }]) {
        const got = await adminData('database.getDocument', { collectionName: coll.name, query: '{}', ...asOf })
        assert.deepEqual(byId(got.list.map(fromEjson)), byId(docs.map(strip)), JSON.stringify(asOf))
        const counted = await adminData('database.calculateDocument', { collectionName: coll.name, query: '{"n":{"$gte":{"$numberInt":"2"}}}', ...asOf })
        assert.equal(counted.total, docs.filter(d => d.n >= 2).length)
      }
    }
    assert.equal((await admin('database.getDocument', { collectionName: coll.name, query: '{}', asOfSeq: 'x' })).code, 'INVALID_PARAM')
  })
})

describe('restore', () => {
  it('after an accidental where().remove(), one call brings back exactly the removed documents', async () => {
    const coll = await freshCollection(db, 'undo')
    await coll.add(Array.from({ length: 30 }, (_x, i) => ({ _id: `d${i}`, i, even: i % 2 === 0 })))
    const before = (await history(coll.name)).at(-1).seq
    const removed = await coll.where({ even: true }).remove()
    assert.equal(removed.deleted, 15)
    await coll.add({ _id: 'later', i: 99 })

    const restored = await adminData('actorcloud.restoreCollection', {
      collectionName: coll.name, asOfSeq: before, ids: Array.from({ length: 15 }, (_x, k) => `d${k * 2}`),
    })
    assert.deepEqual([restored.inserted, restored.replaced, restored.removed], [15, 0, 0])
    const now = await readAll(coll)
    assert.equal(now.length, 31, 'the 30 originals and the later document')
    assert.ok(now.some(d => d._id === 'later'), 'a scoped restore leaves other documents alone')

    const whole = await adminData('actorcloud.restoreCollection', { collectionName: coll.name, asOfSeq: before })
    assert.deepEqual([whole.inserted, whole.replaced, whole.removed], [0, 0, 1])
    assert.equal((await readAll(coll)).length, 30)
    const last = (await history(coll.name)).at(-1)
    assert.equal(last.op, 'remove', 'a restore is itself history, so it can be undone too')
  })

  it('forks a past state into a new collection and leaves the original alone', async () => {
    const coll = await freshCollection(db, 'fork')
    await coll.add([{ _id: 'x', v: 1 }, { _id: 'y', v: 2 }])
    const seq = (await history(coll.name)).at(-1).seq
    await coll.doc('x').update({ v: 100 })
    const into = uniqueName('forked')
    const forked = await adminData('actorcloud.restoreCollection', { collectionName: coll.name, asOfSeq: seq, into })
    assert.equal(forked.inserted, 2)
    assert.deepEqual(byId((await readAll(db.collection(into))).map(strip)), { x: { _id: 'x', v: 1 }, y: { _id: 'y', v: 2 } })
    assert.equal((await coll.doc('x').get()).data[0].v, 100)
    const again = await admin('actorcloud.restoreCollection', { collectionName: coll.name, asOfSeq: seq, into })
    assert.equal(again.code, 'DATABASE_REQUEST_FAILED', 'a fork never overwrites an existing collection')
  })
})
