// Updates: doc.update, where.update (multi and single), every update command, serverDate, doc.set (replace and
// upsert), updateAndReturn, and `updated` counting only documents that actually changed.
import { describe, it, test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, seededCollection, readAll, assertShape, assertDateNear } from './support.mjs'

const { db, _ } = connect()

// [name, stored document (without _id), update, expected document (without _id), expected `updated`]
const commandCases = [
  // plain values become $set on flattened paths
  ['plain field', { a: 1 }, () => ({ a: 2, b: 'new' }), { a: 2, b: 'new' }, 1],
  ['nested object merges by dot path', { o: { x: 1, y: 2 } }, () => ({ o: { x: 9 } }), { o: { x: 9, y: 2 } }, 1],
  ['nested object creates missing parents', { a: 1 }, () => ({ o: { p: { q: 1 } } }), { a: 1, o: { p: { q: 1 } } }, 1],
  ['literal dot path key', { o: { x: 1, y: 2 } }, () => ({ 'o.y': 3 }), { o: { x: 1, y: 3 } }, 1],
  ['array index path', { arr: [1, 2, 3] }, () => ({ 'arr.1': 20 }), { arr: [1, 20, 3] }, 1],
  ['array value replaces the array', { arr: [1, 2, 3] }, () => ({ arr: [4] }), { arr: [4] }, 1],
  ['null value', { a: 1 }, () => ({ a: null }), { a: null }, 1],
  ['Date value', { a: 1 }, () => ({ a: new Date(1704067200000) }), { a: new Date(1704067200000) }, 1],
  // set / remove
  ['_.set replaces a whole sub-object', { o: { x: 1, y: 2 } }, () => ({ o: _.set({ z: 3 }) }), { o: { z: 3 } }, 1],
  ['_.set of a scalar', { a: 1 }, () => ({ a: _.set('s') }), { a: 's' }, 1],
  ['_.remove', { a: 1, b: 2 }, () => ({ a: _.remove() }), { b: 2 }, 1],
  ['_.remove on a nested path', { o: { x: 1, y: 2 } }, () => ({ o: { x: _.remove() } }), { o: { y: 2 } }, 1],
  ['_.remove of a missing field is a no-op', { a: 1 }, () => ({ ghost: _.remove() }), { a: 1 }, 0],
  ['_.remove of an array element leaves null in its place', { arr: [1, 2, 3] }, () => ({ 'arr.1': _.remove() }), { arr: [1, null, 3] }, 1],
  ['setting past the end of an array pads with null', { arr: [1] }, () => ({ 'arr.3': 9 }), { arr: [1, null, null, 9] }, 1],
  ['_.set({}) stores an empty object', { o: { x: 1 } }, () => ({ o: _.set({}) }), { o: {} }, 1],
  // arithmetic
  ['_.inc', { n: 1 }, () => ({ n: _.inc(2) }), { n: 3 }, 1],
  ['_.inc negative', { n: 1 }, () => ({ n: _.inc(-5) }), { n: -4 }, 1],
  ['_.inc by a double', { n: 1 }, () => ({ n: _.inc(0.5) }), { n: 1.5 }, 1],
  ['_.inc on a missing field creates it', { a: 1 }, () => ({ n: _.inc(4) }), { a: 1, n: 4 }, 1],
  ['_.inc on a nested path', { o: { n: 1 } }, () => ({ o: { n: _.inc(1) } }), { o: { n: 2 } }, 1],
  ['_.inc on an array element', { arr: [1, 2] }, () => ({ 'arr.0': _.inc(10) }), { arr: [11, 2] }, 1],
  ['_.mul', { n: 3 }, () => ({ n: _.mul(4) }), { n: 12 }, 1],
  ['_.mul by a double', { n: 3 }, () => ({ n: _.mul(0.5) }), { n: 1.5 }, 1],
  ['_.mul on a missing field sets 0', { a: 1 }, () => ({ n: _.mul(5) }), { a: 1, n: 0 }, 1],
  ['_.min lowers', { n: 5 }, () => ({ n: _.min(3) }), { n: 3 }, 1],
  ['_.min keeps a smaller value', { n: 5 }, () => ({ n: _.min(9) }), { n: 5 }, 0],
  ['_.max raises', { n: 5 }, () => ({ n: _.max(9) }), { n: 9 }, 1],
  ['_.max keeps a larger value', { n: 5 }, () => ({ n: _.max(1) }), { n: 5 }, 0],
  ['_.max on a missing field sets it', { a: 1 }, () => ({ n: _.max(7) }), { a: 1, n: 7 }, 1],
  ['_.max compares across types in BSON order (string > number)', { n: 5 }, () => ({ n: _.max('a') }), { n: 'a' }, 1],
  ['_.inc by 0 is a no-op', { n: 5 }, () => ({ n: _.inc(0) }), { n: 5 }, 0],
  ['_.mul by 1 is a no-op', { n: 5 }, () => ({ n: _.mul(1) }), { n: 5 }, 0],
  ['_.max on dates', { d: new Date(1000) }, () => ({ d: _.max(new Date(2000)) }), { d: new Date(2000) }, 1],
  ['_.bit and', { n: 6 }, () => ({ n: _.bit({ and: 5 }) }), { n: 4 }, 1],
  ['_.bit or', { n: 6 }, () => ({ n: _.bit({ or: 1 }) }), { n: 7 }, 1],
  ['_.bit xor', { n: 6 }, () => ({ n: _.bit({ xor: 3 }) }), { n: 5 }, 1],
  // rename
  ['_.rename', { old: 1, keep: 2 }, () => ({ old: _.rename('fresh') }), { keep: 2, fresh: 1 }, 1],
  ['_.rename into a nested path', { old: 1 }, () => ({ old: _.rename('o.inner') }), { o: { inner: 1 } }, 1],
  ['_.rename of a nested field by dot path', { o: { x: 1, k: 0 } }, () => ({ 'o.x': _.rename('o.y') }), { o: { k: 0, y: 1 } }, 1],
  ['_.rename of a missing field is a no-op', { a: 1 }, () => ({ ghost: _.rename('other') }), { a: 1 }, 0],
  // push and friends
  ['_.push(a, b)', { arr: [1] }, () => ({ arr: _.push(2, 3) }), { arr: [1, 2, 3] }, 1],
  ['_.push([a, b])', { arr: [1] }, () => ({ arr: _.push([2, 3]) }), { arr: [1, 2, 3] }, 1],
  ['_.push of one value', { arr: [1] }, () => ({ arr: _.push('x') }), { arr: [1, 'x'] }, 1],
  ['_.push of an array as one element', { arr: [1] }, () => ({ arr: _.push([[2, 3]]) }), { arr: [1, [2, 3]] }, 1],
  ['_.push on a missing field creates the array', { a: 1 }, () => ({ arr: _.push(1, 2) }), { a: 1, arr: [1, 2] }, 1],
  ['_.push({each, position})', { arr: [1, 2, 3] }, () => ({ arr: _.push({ each: [8, 9], position: 1 }) }), { arr: [1, 8, 9, 2, 3] }, 1],
  ['_.push({each, position: negative})', { arr: [1, 2, 3] }, () => ({ arr: _.push({ each: [8], position: -1 }) }), { arr: [1, 2, 8, 3] }, 1],
  ['_.push({each, sort})', { arr: [3, 1] }, () => ({ arr: _.push({ each: [2], sort: 1 }) }), { arr: [1, 2, 3] }, 1],
  ['_.push({each, sort: -1, slice})', { arr: [3, 1] }, () => ({ arr: _.push({ each: [5, 2], sort: -1, slice: 3 }) }), { arr: [5, 3, 2] }, 1],
  ['_.push({each, slice: negative})', { arr: [1, 2, 3] }, () => ({ arr: _.push({ each: [4], slice: -2 }) }), { arr: [3, 4] }, 1],
  ['_.push({each, sort by field})', { arr: [{ k: 2 }, { k: 0 }] }, () => ({ arr: _.push({ each: [{ k: 1 }], sort: { k: 1 } }) }), { arr: [{ k: 0 }, { k: 1 }, { k: 2 }] }, 1],
  ['_.push({each: [], slice}) only trims', { arr: [1, 2, 3] }, () => ({ arr: _.push({ each: [], slice: 1 }) }), { arr: [1] }, 1],
  ['_.pop', { arr: [1, 2, 3] }, () => ({ arr: _.pop() }), { arr: [1, 2] }, 1],
  ['_.shift', { arr: [1, 2, 3] }, () => ({ arr: _.shift() }), { arr: [2, 3] }, 1],
  ['_.pop of an empty array is a no-op', { arr: [] }, () => ({ arr: _.pop() }), { arr: [] }, 0],
  ['_.pop of a missing field is a no-op', { a: 1 }, () => ({ arr: _.pop() }), { a: 1 }, 0],
  ['_.push({each, position}) beyond the end appends', { arr: [1, 2] }, () => ({ arr: _.push({ each: [3], position: 10 }) }), { arr: [1, 2, 3] }, 1],
  ['_.unshift(a, b)', { arr: [1] }, () => ({ arr: _.unshift(-1, 0) }), { arr: [-1, 0, 1] }, 1],
  ['_.unshift([a, b])', { arr: [1] }, () => ({ arr: _.unshift([-1, 0]) }), { arr: [-1, 0, 1] }, 1],
  ['_.addToSet of a new value', { arr: [1, 2] }, () => ({ arr: _.addToSet(3) }), { arr: [1, 2, 3] }, 1],
  ['_.addToSet of a present value is a no-op', { arr: [1, 2] }, () => ({ arr: _.addToSet(2) }), { arr: [1, 2] }, 0],
  ['_.addToSet({$each})', { arr: [1, 2] }, () => ({ arr: _.addToSet({ $each: [2, 3, 3, 4] }) }), { arr: [1, 2, 3, 4] }, 1],
  ['_.addToSet of an object compares whole objects', { arr: [{ a: 1 }] }, () => ({ arr: _.addToSet({ a: 1, b: 2 }) }), { arr: [{ a: 1 }, { a: 1, b: 2 }] }, 1],
  ['_.addToSet on a missing field creates the array', { a: 1 }, () => ({ arr: _.addToSet('x') }), { a: 1, arr: ['x'] }, 1],
  ['_.pull of a value (all occurrences)', { arr: [1, 2, 1, 3] }, () => ({ arr: _.pull(1) }), { arr: [2, 3] }, 1],
  ['_.pull with a command', { arr: [1, 5, 2, 8] }, () => ({ arr: _.pull(_.gt(3)) }), { arr: [1, 2] }, 1],
  ['_.pull with _.in', { arr: [1, 2, 3, 4] }, () => ({ arr: _.pull(_.in([2, 4])) }), { arr: [1, 3] }, 1],
  ['_.pull with a condition on objects', { arr: [{ x: 1, y: 1 }, { x: 2, y: 1 }, { x: 3 }] }, () => ({ arr: _.pull({ y: 1 }) }), { arr: [{ x: 3 }] }, 1],
  ['_.pull with a command inside an object condition', { arr: [{ x: 1 }, { x: 5 }] }, () => ({ arr: _.pull({ x: _.gt(2) }) }), { arr: [{ x: 1 }] }, 1],
  ['_.pull of an absent value is a no-op', { arr: [1, 2] }, () => ({ arr: _.pull(9) }), { arr: [1, 2] }, 0],
  ['_.pullAll', { arr: [1, 2, 3, 2, 4] }, () => ({ arr: _.pullAll([2, 4]) }), { arr: [1, 3] }, 1],
  // several operators at once
  ['several commands in one update', { n: 1, arr: [1], gone: true, s: 'a' },
    () => ({ n: _.inc(1), arr: _.push(2), gone: _.remove(), s: 'b', o: { p: 1 } }),
    { n: 2, arr: [1, 2], s: 'b', o: { p: 1 } }, 1],
  ['setting the same value is a no-op', { a: 1, o: { x: 'y' } }, () => ({ a: 1, o: { x: 'y' } }), { a: 1, o: { x: 'y' } }, 0],
]

describe('update commands via doc(id).update', () => {
  for (const [name, stored, update, expected, updated] of commandCases) {
    it(name, async () => {
      const coll = await seededCollection(db, [{ _id: 'doc', ...stored }, { _id: 'other', ...stored }], 'upd')
      const res = await coll.doc('doc').update(update())
      assertShape(res, ['updated', 'requestId'])
      assert.equal(res.updated, updated)
      const [doc, other] = [(await coll.doc('doc').get()).data, (await coll.doc('other').get()).data]
      assert.deepEqual(doc, [{ _id: 'doc', ...expected }])
      assert.deepEqual(other, [{ _id: 'other', ...stored }], 'the other document must be untouched')
    })
  }
})

describe('doc(id).update', () => {
  it('of a missing document updates nothing and creates nothing', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'upd')
    const res = await coll.doc('missing').update({ n: 2 })
    assertShape(res, ['updated', 'requestId'])
    assert.equal(res.updated, 0)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }])
  })

  it('addresses a numeric _id by type', async () => {
    const coll = await seededCollection(db, [{ _id: 7, n: 1 }, { _id: '7', n: 1 }], 'upd')
    assert.equal((await coll.doc(7).update({ n: 2 })).updated, 1)
    assert.deepEqual((await coll.doc(7).get()).data, [{ _id: 7, n: 2 }])
    assert.deepEqual((await coll.doc('7').get()).data, [{ _id: '7', n: 1 }])
  })

  it('keeps field order, appending new fields', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', z: 1, a: 1 }], 'upd')
    await coll.doc('a').update({ m: 1, z: 2 })
    const [doc] = (await coll.doc('a').get()).data
    assert.deepEqual(Object.keys(doc), ['_id', 'z', 'a', 'm'])
  })
})

describe('where(...).update', () => {
  const seed = [
    { _id: 'a', g: 'x', n: 1 },
    { _id: 'b', g: 'x', n: 2 },
    { _id: 'c', g: 'x', n: 3 },
    { _id: 'd', g: 'y', n: 4 },
  ]

  it('updates every match and answers {updated, requestId} (+upsertId)', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where({ g: 'x' }).update({ n: _.inc(10), t: true })
    assertShape(res, ['updated', 'requestId'], ['upsertId'])
    assert.equal(res.updated, 3)
    assert.equal(res.upsertId ?? null, null)
    assert.deepEqual(await readAll(coll), [
      { _id: 'a', g: 'x', n: 11, t: true },
      { _id: 'b', g: 'x', n: 12, t: true },
      { _id: 'c', g: 'x', n: 13, t: true },
      { _id: 'd', g: 'y', n: 4 },
    ])
  })

  it('counts only the documents it changed', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where({ g: 'x' }).update({ n: _.max(2) })
    assert.equal(res.updated, 1) // only a (1 → 2); b is already 2 and c is 3
    assert.deepEqual((await readAll(coll)).map(d => d.n), [2, 2, 3, 4])
  })

  it('with no match updates nothing', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where({ g: 'zzz' }).update({ n: 0 })
    assert.equal(res.updated, 0)
    assert.deepEqual(await readAll(coll), seed)
  })

  it('options({multiple:false}) updates a single document', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where({ g: 'x' }).options({ multiple: false }).update({ hit: true })
    assert.equal(res.updated, 1)
    assert.equal((await coll.where({ hit: true }).count()).total, 1)
    assert.equal((await coll.where({ g: 'x', hit: _.exists(false) }).count()).total, 2)
  })

  it('options({multiple:true}) is the default', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    assert.equal((await coll.where({ g: 'x' }).options({ multiple: true }).update({ hit: true })).updated, 3)
  })

  it('with logic queries', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where(_.or([{ n: 1 }, { g: 'y' }])).update({ tag: _.set({ k: 1 }) })
    assert.equal(res.updated, 2)
    assert.deepEqual((await coll.where({ tag: { k: 1 } }).get()).data.map(d => d._id).sort(), ['a', 'd'])
  })

  it('where({}) updates everything', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    assert.equal((await coll.where({}).update({ all: 1 })).updated, 4)
    assert.equal((await coll.where({ all: 1 }).count()).total, 4)
  })

  it('collection.update without where updates everything', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    assert.equal((await coll.update({ all: 2 })).updated, 4)
    assert.equal((await coll.where({ all: 2 }).count()).total, 4)
  })

  it('the query sees the state before the update (no document is updated twice)', async () => {
    const coll = await seededCollection(db, seed, 'wupd')
    const res = await coll.where({ n: _.lt(10) }).update({ n: _.inc(1) })
    assert.equal(res.updated, 4)
    assert.deepEqual((await readAll(coll)).map(d => d.n), [2, 3, 4, 5])
  })
})

// CloudBase documents the positional placeholders in update paths (collection.where, 代码示例5/6):
// `'numbers.$'` updates the first element matched by the query, `'numbers.math.$[]'` every element.

describe('positional array updates', () => {
  it("'field.$' updates the first element the query matched, in every matched document", async () => {
    const coll = await seededCollection(db, [{ _id: '_one', numbers: [10, 20, 30] }, { _id: '_two', numbers: [20, 20, 40] }], 'pos')
    const res = await coll.where({ numbers: 20 }).update({ 'numbers.$': 25 })
    assert.equal(res.updated, 2)
    assert.deepEqual(await readAll(coll), [{ _id: '_one', numbers: [10, 25, 30] }, { _id: '_two', numbers: [25, 20, 40] }])
  })

  it("'field.$' with a command in the query and an update command", async () => {
    const coll = await seededCollection(db, [{ _id: 'a', vals: [1, 5, 9] }], 'pos')
    assert.equal((await coll.where({ vals: _.gt(4) }).update({ 'vals.$': _.inc(100) })).updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', vals: [1, 105, 9] }])
  })

  it("'items.$.field' updates inside the matched array element", async () => {
    const coll = await seededCollection(db, [{ _id: 'a', items: [{ x: 1, y: 'p' }, { x: 2, y: 'q' }] }], 'pos')
    assert.equal((await coll.where({ 'items.x': 2 }).update({ 'items.$.y': 'w' })).updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', items: [{ x: 1, y: 'p' }, { x: 2, y: 'w' }] }])
  })

  it("'field.$[]' updates every element", async () => {
    const coll = await seededCollection(db, [{ _id: '_one', numbers: { math: [10, 20, 30] } }], 'pos')
    assert.equal((await coll.doc('_one').update({ 'numbers.math.$[]': _.inc(10) })).updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: '_one', numbers: { math: [20, 30, 40] } }])
  })

  it("'items.$[].field' sets a field in every element", async () => {
    const coll = await seededCollection(db, [{ _id: 'a', items: [{ x: 1 }, { x: 2 }] }], 'pos')
    assert.equal((await coll.doc('a').update({ 'items.$[].seen': true })).updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', items: [{ x: 1, seen: true }, { x: 2, seen: true }] }])
  })
})

describe('serverDate', () => {
  it('in add resolves to the server time', async () => {
    const coll = await freshCollection(db, 'sd')
    const before = Date.now()
    const { id } = await coll.add({ created: db.serverDate(), nested: { at: db.serverDate() }, list: [db.serverDate()] })
    const [doc] = (await coll.doc(id).get()).data
    assertDateNear(doc.created, before)
    assertDateNear(doc.nested.at, before)
    assertDateNear(doc.list[0], before)
  })

  it('with an offset', async () => {
    const coll = await freshCollection(db, 'sd')
    const before = Date.now()
    const { id } = await coll.add({ later: db.serverDate({ offset: 3600000 }), earlier: db.serverDate({ offset: -86400000 }) })
    const [doc] = (await coll.doc(id).get()).data
    assertDateNear(doc.later, before + 3600000)
    assertDateNear(doc.earlier, before - 86400000)
  })

  it('in a batch add', async () => {
    const coll = await freshCollection(db, 'sd')
    const before = Date.now()
    const { ids } = await coll.add([{ t: db.serverDate() }, { t: db.serverDate({ offset: 1000 }) }])
    for (const [i, id] of ids.entries()) assertDateNear((await coll.doc(id).get()).data[0].t, before + i * 1000)
  })

  it('in doc.update and where.update', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', g: 1 }, { _id: 'b', g: 1 }], 'sd')
    const before = Date.now()
    assert.equal((await coll.doc('a').update({ touched: db.serverDate(), o: { at: db.serverDate({ offset: 5000 }) } })).updated, 1)
    const [a] = (await coll.doc('a').get()).data
    assertDateNear(a.touched, before)
    assertDateNear(a.o.at, before + 5000)
    assert.equal((await coll.where({ g: 1 }).update({ seen: db.serverDate() })).updated, 2)
    for (const doc of await readAll(coll)) assertDateNear(doc.seen, before)
  })

  // Not covered: serverDate inside _.set(...) — the SDK serializes it there as a plain {offset: 0} object
  // (no $tcb_server_date marker), so no server could resolve it.
  it('in _.push and inside an array value', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', log: [] }], 'sd')
    const before = Date.now()
    await coll.doc('a').update({ log: _.push(db.serverDate()), list: [1, db.serverDate({ offset: 2000 })] })
    const [a] = (await coll.doc('a').get()).data
    assertDateNear(a.log[0], before)
    assert.equal(a.list[0], 1)
    assertDateNear(a.list[1], before + 2000)
  })

  it('in doc.set', async () => {
    const coll = await freshCollection(db, 'sd')
    const before = Date.now()
    await coll.doc('s').set({ at: db.serverDate() })
    assertDateNear((await coll.doc('s').get()).data[0].at, before)
  })

  it('is queryable as a Date', async () => {
    const coll = await freshCollection(db, 'sd')
    await coll.add({ at: db.serverDate() })
    assert.equal((await coll.where({ at: _.gt(new Date(Date.now() - 60000)) }).count()).total, 1)
    assert.equal((await coll.where({ at: _.gt(new Date(Date.now() + 60000)) }).count()).total, 0)
  })
})

describe('doc(id).set', () => {
  it('replaces an existing document: {updated:1, upsertedId:null}', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', old: 1, keep: 'no' }, { _id: 'b', x: 1 }], 'set')
    const res = await coll.doc('a').set({ fresh: true, o: { p: 1 } })
    assertShape(res, ['updated', 'upsertedId', 'requestId'])
    assert.equal(res.updated, 1)
    assert.equal(res.upsertedId, null)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', fresh: true, o: { p: 1 } }, { _id: 'b', x: 1 }])
  })

  it('creates a missing document: {updated:0, upsertedId:id}', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'set')
    const res = await coll.doc('new-doc').set({ n: 2 })
    assertShape(res, ['updated', 'upsertedId', 'requestId'])
    assert.equal(res.updated, 0)
    assert.equal(res.upsertedId, 'new-doc')
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }, { _id: 'new-doc', n: 2 }])
  })

  it('upserts with a numeric _id', async () => {
    const coll = await freshCollection(db, 'set')
    const res = await coll.doc(99).set({ n: 1 })
    assert.equal(res.upsertedId, 99)
    assert.deepEqual((await coll.doc(99).get()).data, [{ _id: 99, n: 1 }])
  })

  it('with identical content counts 0', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1, o: { p: [1] } }], 'set')
    const res = await coll.doc('a').set({ n: 1, o: { p: [1] } })
    assert.equal(res.updated, 0)
    assert.equal(res.upsertedId, null)
  })

  it('stores nested objects as given (no dot-path flattening)', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', o: { x: 1, y: 2 } }], 'set')
    await coll.doc('a').set({ o: { x: 5 } })
    assert.deepEqual((await coll.doc('a').get()).data, [{ _id: 'a', o: { x: 5 } }])
  })

  it('with an empty document leaves only _id', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'set')
    assert.equal((await coll.doc('a').set({})).updated, 1)
    assert.deepEqual((await coll.doc('a').get()).data, [{ _id: 'a' }])
  })

  it('rejects update commands client-side (nothing is sent)', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'set')
    await assert.rejects(coll.doc('a').set({ n: _.inc(1) }), e => e.code === 'DATABASE_REQUEST_FAILED' && /update operator complicit/.test(e.message))
    assert.deepEqual((await coll.doc('a').get()).data, [{ _id: 'a', n: 1 }])
  })
})

describe('updateAndReturn', () => {
  it('answers {updated, doc} with the document after the update', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', k: 'x', n: 1 }, { _id: 'b', k: 'y', n: 1 }], 'uar')
    const res = await coll.where({ k: 'x' }).updateAndReturn({ n: _.inc(1), s: 'set' })
    assertShape(res, ['updated', 'doc', 'requestId'])
    assert.equal(res.updated, 1)
    assert.deepEqual(res.doc, { _id: 'a', k: 'x', n: 2, s: 'set' })
    assert.deepEqual(await readAll(coll), [{ _id: 'a', k: 'x', n: 2, s: 'set' }, { _id: 'b', k: 'y', n: 1 }])
  })

  it('updates only one of several matches', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', k: 'x', n: 1 }, { _id: 'b', k: 'x', n: 1 }], 'uar')
    const res = await coll.where({ k: 'x' }).updateAndReturn({ n: _.inc(1) })
    assert.equal(res.updated, 1)
    assert.equal(res.doc.n, 2)
    assert.deepEqual((await readAll(coll)).map(d => d.n).sort(), [1, 2])
  })

  it('with no match: {updated:0} and no doc', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', k: 'x' }], 'uar')
    const res = await coll.where({ k: 'nope' }).updateAndReturn({ n: 1 })
    assert.equal(res.updated, 0)
    assert.equal(res.doc ?? null, null)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', k: 'x' }])
  })

  it('returns Dates as Date', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', k: 'x' }], 'uar')
    const before = Date.now()
    const res = await coll.where({ _id: 'a' }).updateAndReturn({ at: db.serverDate(), fixed: new Date(5000) })
    assertDateNear(res.doc.at, before)
    assert.deepEqual(res.doc.fixed, new Date(5000))
  })
})

test('an update is visible to the next read', async () => {
  const coll = await seededCollection(db, [{ _id: 'a', n: 0 }], 'upd')
  for (let i = 1; i <= 20; i++) {
    await coll.doc('a').update({ n: _.inc(1) })
    assert.equal((await coll.doc('a').get()).data[0].n, i)
  }
})

test('concurrent increments are not lost', async () => {
  const coll = await seededCollection(db, [{ _id: 'a', n: 0 }], 'upd')
  const results = await Promise.all(Array.from({ length: 50 }, () => coll.doc('a').update({ n: _.inc(1) })))
  assert.ok(results.every(r => r.updated === 1))
  assert.equal((await coll.doc('a').get()).data[0].n, 50)
})
