// collection.add: single and batch inserts, generated and chosen _ids, and what gets stored.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, readAll, assertShape, HEX_ID } from './support.mjs'

const { db } = connect()

test('add(doc) answers {id, requestId} with a generated 32-hex _id', async () => {
  const coll = await freshCollection(db, 'ins')
  const res = await coll.add({ title: 'a', n: 1 })
  assertShape(res, ['id', 'requestId'])
  assert.match(res.id, HEX_ID)
  assert.deepEqual(await readAll(coll), [{ _id: res.id, title: 'a', n: 1 }])
})

test('generated _ids are distinct', async () => {
  const coll = await freshCollection(db, 'ins')
  const ids = []
  for (let i = 0; i < 10; i++) ids.push((await coll.add({ i })).id)
  assert.equal(new Set(ids).size, 10)
  for (const id of ids) assert.match(id, HEX_ID)
})

test('add([docs]) answers {ids, requestId} in input order', async () => {
  const coll = await freshCollection(db, 'ins')
  const docs = [{ a: 1 }, { _id: 'mine', a: 2 }, { a: 3 }]
  const res = await coll.add(docs)
  assertShape(res, ['ids', 'requestId'])
  assert.equal(res.ids.length, 3)
  assert.match(res.ids[0], HEX_ID)
  assert.equal(res.ids[1], 'mine')
  assert.match(res.ids[2], HEX_ID)
  for (const [i, id] of res.ids.entries()) {
    const got = await coll.doc(id).get()
    assert.deepEqual(got.data, [{ _id: id, a: i + 1 }])
  }
})

test('add([]) of one element is still a batch ({ids})', async () => {
  const coll = await freshCollection(db, 'ins')
  const res = await coll.add([{ only: true }])
  assertShape(res, ['ids', 'requestId'])
  assert.equal(res.ids.length, 1)
})

test('a chosen string _id is kept', async () => {
  const coll = await freshCollection(db, 'ins')
  const res = await coll.add({ _id: 'my-id_1', v: 'x' })
  assert.equal(res.id, 'my-id_1')
  assert.deepEqual((await coll.doc('my-id_1').get()).data, [{ _id: 'my-id_1', v: 'x' }])
})

test('a numeric _id keeps its type: doc(42) finds it, doc("42") does not', async () => {
  const coll = await freshCollection(db, 'ins')
  const res = await coll.add({ _id: 42, v: 'num' })
  assert.equal(res.id, 42)
  assert.deepEqual((await coll.doc(42).get()).data, [{ _id: 42, v: 'num' }])
  assert.deepEqual((await coll.doc('42').get()).data, [])
  // a string '42' is a different _id, so it can coexist
  assert.equal((await coll.add({ _id: '42', v: 'str' })).id, '42')
  assert.equal((await coll.count()).total, 2)
})

test('nested objects are stored as objects (not flattened on insert)', async () => {
  const coll = await freshCollection(db, 'ins')
  const doc = { nested: { a: { b: 1, c: [1, { d: 'e' }] } }, empty: {}, list: [[1, 2], []] }
  const { id } = await coll.add(doc)
  assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, ...doc }])
})

test('an empty document gets only an _id', async () => {
  const coll = await freshCollection(db, 'ins')
  const { id } = await coll.add({})
  assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id }])
})

test('undefined fields are dropped, null fields kept', async () => {
  const coll = await freshCollection(db, 'ins')
  const { id } = await coll.add({ a: undefined, b: null, c: { d: undefined, e: 1 } })
  assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, b: null, c: { e: 1 } }])
})

test('field order is preserved, _id first', async () => {
  const coll = await freshCollection(db, 'ins')
  const { id } = await coll.add({ z: 1, a: 2, m: { y: 1, b: 2 } })
  const [doc] = (await coll.doc(id).get()).data
  assert.deepEqual(Object.keys(doc), ['_id', 'z', 'a', 'm'])
  assert.deepEqual(Object.keys(doc.m), ['y', 'b'])
})

test('a batch of 500 documents is inserted in one call', async () => {
  const coll = await freshCollection(db, 'ins')
  const docs = Array.from({ length: 500 }, (_, i) => ({ i, s: `doc-${i}` }))
  const res = await coll.add(docs)
  assert.equal(res.ids.length, 500)
  assert.equal(new Set(res.ids).size, 500)
  assert.equal((await coll.count()).total, 500)
  const last = await coll.doc(res.ids[499]).get()
  assert.deepEqual(last.data, [{ _id: res.ids[499], i: 499, s: 'doc-499' }])
})

test('unicode strings and keys round-trip', async () => {
  const coll = await freshCollection(db, 'ins')
  const doc = { 书名: '麦田里的守望者', emoji: '📚✨', mixed: 'a\u0000b\n"quoted"\\' }
  const { id } = await coll.add(doc)
  assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, ...doc }])
  assert.equal((await coll.where({ 书名: '麦田里的守望者' }).count()).total, 1)
})

test('the documents added are visible to count and get immediately', async () => {
  const coll = await freshCollection(db, 'ins')
  await coll.add([{ k: 1 }, { k: 2 }])
  await coll.add({ k: 3 })
  assert.equal((await coll.count()).total, 3)
  assert.deepEqual((await coll.orderBy('k', 'asc').get()).data.map(d => d.k), [1, 2, 3])
})

test('string _ids with spaces, slashes, dots and unicode are addressable', async () => {
  const coll = await freshCollection(db, 'ins')
  for (const id of ['with space', 'a/b', 'a.b', '$dollar', '中文-ID', 'x'.repeat(200)]) {
    assert.equal((await coll.add({ _id: id, v: id.length })).id, id)
    assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, v: id.length }])
  }
  assert.equal((await coll.count()).total, 6)
})

test('collection names are case-sensitive: two collections, separate data', async () => {
  const lower = await freshCollection(db, 'case')
  const upperName = lower.name.toUpperCase()
  await db.createCollection(upperName)
  const upper = db.collection(upperName)
  await lower.add({ _id: 'same', in: 'lower' })
  await upper.add({ _id: 'same', in: 'upper' })
  assert.deepEqual((await lower.doc('same').get()).data, [{ _id: 'same', in: 'lower' }])
  assert.deepEqual((await upper.doc('same').get()).data, [{ _id: 'same', in: 'upper' }])
})

test('documents up to a few MB round-trip', async () => {
  const coll = await freshCollection(db, 'ins')
  const big = 'x'.repeat(3 * 1024 * 1024)
  const { id } = await coll.add({ big, list: Array.from({ length: 10000 }, (_x, i) => i) })
  const [doc] = (await coll.doc(id).get()).data
  assert.equal(doc.big, big)
  assert.equal(doc.list.length, 10000)
  assert.equal(doc.list[9999], 9999)
})
