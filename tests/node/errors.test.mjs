// Errors: each arrives as the SDK's TcbError {code, message, requestId}, and none of them changes any data
// (checked by reading back).
import { describe, it, test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, uniqueName, freshCollection, seededCollection, readAll, expectError } from './support.mjs'

const { db, _ } = connect()

const NOT_EXIST = 'DATABASE_COLLECTION_NOT_EXIST'
const FAILED = 'DATABASE_REQUEST_FAILED'
const INVALID_OPERATOR = 'DATABASE_INVALID_OPERRATOR' // sic: CloudBase's spelling

/** Awaits a call that must be refused with one of `codes` (for refusals whose exact code CloudBase does not pin down). */
async function expectRefused(promise, codes) {
  await assert.rejects(promise, e => {
    assert.ok(codes.includes(e.code), `expected one of ${codes.join(', ')}, got ${e.code}: ${e.message}`)
    assert.equal(typeof e.message, 'string')
    return true
  })
}

describe('a missing collection', () => {
  const ops = [
    ['get', c => c.get()],
    ['where.get', c => c.where({ a: 1 }).get()],
    ['count', c => c.count()],
    ['doc.get', c => c.doc('x').get()],
    ['add', c => c.add({ a: 1 })],
    ['add batch', c => c.add([{ a: 1 }, { a: 2 }])],
    ['doc.update', c => c.doc('x').update({ a: 1 })],
    ['where.update', c => c.where({ a: 1 }).update({ a: 2 })],
    ['doc.set (upsert)', c => c.doc('x').set({ a: 1 })],
    ['updateAndReturn', c => c.where({ a: 1 }).updateAndReturn({ a: 2 })],
    ['doc.remove', c => c.doc('x').remove()],
    ['where.remove', c => c.where({ a: 1 }).remove()],
    ['collection.remove', c => c.remove()],
  ]
  for (const [name, op] of ops) {
    it(`${name} answers ${NOT_EXIST} and creates nothing`, async () => {
      const name_ = uniqueName('missing')
      const coll = db.collection(name_)
      const err = await expectError(op(coll), NOT_EXIST, new RegExp(`Db or Table not exist: ${name_}`))
      assert.equal(typeof err.requestId, 'string')
      assert.ok(err.requestId.length > 0, 'errors carry a requestId')
      // still missing afterwards: writes do not auto-create collections
      await expectError(coll.get(), NOT_EXIST)
    })
  }
})

test('createCollection of an existing collection fails and keeps its data', async () => {
  const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'dupcoll')
  await expectError(db.createCollection(coll.name), FAILED, /Collection already exists/)
  assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }])
})

describe('duplicate _id', () => {
  it('single add fails and the existing document is unchanged', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'dup')
    await expectError(coll.add({ _id: 'a', n: 2 }), FAILED, /duplicate key/)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }])
  })

  it('numeric duplicate', async () => {
    const coll = await seededCollection(db, [{ _id: 5 }], 'dup')
    await expectError(coll.add({ _id: 5, x: 1 }), FAILED)
    assert.deepEqual(await readAll(coll), [{ _id: 5 }])
  })

  it('a batch clashing with a stored document inserts nothing', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'dup')
    await expectError(coll.add([{ _id: 'x1' }, { _id: 'a', n: 2 }, { _id: 'x2' }]), FAILED)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }])
  })

  it('a batch repeating an _id inside itself inserts nothing', async () => {
    const coll = await freshCollection(db, 'dup')
    await expectError(coll.add([{ _id: 'y' }, { _id: 'y' }]), FAILED)
    assert.deepEqual(await readAll(coll), [])
  })
})

describe('invalid operators (raw mode)', () => {
  const seed = [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }]
  const cases = [
    ['$where in a query', c => c.options({ raw: true }).where({ $where: 'this.n > 1' }).get()],
    ['unknown query operator', c => c.options({ raw: true }).where({ n: { $foo: 1 } }).get()],
    ['unknown top-level query operator in count', c => c.options({ raw: true }).where({ $foo: [{ n: 1 }] }).count()],
    ['$where in an update query', c => c.options({ raw: true }).where({ $where: 'true' }).update({ $set: { n: 0 } })],
    ['$where in a remove query', c => c.options({ raw: true }).where({ $where: 'true' }).remove()],
    ['unknown update operator', c => c.options({ raw: true }).where({ _id: 'a' }).update({ $foo: { n: 0 } })],
  ]
  // db.command.text() is broken in the SDK: it sends a bare top-level {$search, $language, …} (no $text), which no
  // MongoDB-compatible server accepts.
  cases.push(['db.command.text (sent as a top-level $search)', c => c.where(_.text({ search: 'x' })).get()])
  for (const [name, op] of cases) {
    it(`${name} ⇒ ${INVALID_OPERATOR}, data unchanged`, async () => {
      const coll = await seededCollection(db, seed, 'op')
      await expectError(op(coll), INVALID_OPERATOR)
      assert.deepEqual(await readAll(coll), seed)
    })
  }

  it('raw mode still runs valid native queries and updates', async () => {
    const coll = await seededCollection(db, seed, 'op')
    const res = await coll.options({ raw: true }).where({ n: { $gt: 1 } }).get()
    assert.deepEqual(res.data, [{ _id: 'b', n: 2 }])
    const upd = await coll.options({ raw: true }).where({ n: { $lt: 2 } }).update({ $inc: { n: 10 } })
    assert.equal(upd.updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 11 }, { _id: 'b', n: 2 }])
  })
})

describe('changing _id', () => {
  const seed = [{ _id: 'a', n: 1, other: 'x' }]
  it('update({_id}) is refused by the SDK before sending', async () => {
    const coll = await seededCollection(db, seed, 'idchg')
    await expectError(coll.doc('a').update({ _id: 'b' }), 'INVALID_PARAM')
    await expectError(coll.where({ n: 1 }).update({ _id: 'b' }), 'INVALID_PARAM')
    assert.deepEqual(await readAll(coll), seed)
  })

  const raw = [
    ['$set _id', { $set: { _id: 'b' } }],
    ['$set _id with other fields', { $set: { n: 2, _id: 'b' } }],
    ['$inc _id', { $inc: { _id: 1 } }],
    ['$unset _id', { $unset: { _id: '' } }],
    ['$rename onto _id', { $rename: { other: '_id' } }],
  ]
  for (const [name, update] of raw) {
    it(`${name} (raw) fails with ${FAILED}, document unchanged`, async () => {
      const coll = await seededCollection(db, seed, 'idchg')
      await expectError(coll.options({ raw: true }).where({ _id: 'a' }).update(update), FAILED)
      assert.deepEqual(await readAll(coll), seed)
    })
  }

  it('$set of _id to its current value is allowed', async () => {
    const coll = await seededCollection(db, seed, 'idchg')
    const res = await coll.options({ raw: true }).where({ _id: 'a' }).update({ $set: { _id: 'a', n: 5 } })
    assert.equal(res.updated, 1)
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 5, other: 'x' }])
  })
})

describe('update operators on the wrong type', () => {
  const seed = [{ _id: 'a', n: 'text', arr: 'not an array', num: 3, o: { p: 1 } }]
  const cases = [
    ['$inc on a string', () => ({ n: _.inc(1) })],
    ['$mul on a string', () => ({ n: _.mul(2) })],
    ['$push on a non-array', () => ({ arr: _.push(1) })],
    ['$pop on a non-array', () => ({ arr: _.pop() })],
    ['$addToSet on a non-array', () => ({ arr: _.addToSet(1) })],
    ['$pull on a non-array', () => ({ num: _.pull(1) })],
    ['$pullAll on a non-array', () => ({ num: _.pullAll([1]) })],
    ['$inc through a scalar', () => ({ 'num.x': _.inc(1) })],
    ['$set through a scalar', () => ({ 'num.x': 1 })],
    ['a failing operator next to a valid one', () => ({ num: _.inc(1), n: _.inc(1) })],
  ]
  for (const [name, update] of cases) {
    it(`${name} fails with ${FAILED}, document unchanged`, async () => {
      const coll = await seededCollection(db, seed, 'wrongtype')
      await expectError(coll.doc('a').update(update()), FAILED)
      assert.deepEqual(await readAll(coll), seed)
    })
  }

  it('long overflow in $inc / $mul fails (no wrap-around, no silent double), document unchanged', async () => {
    const docs = [{ _id: 'a', v: 2 ** 62 }]
    const coll = await seededCollection(db, docs, 'overflow')
    await expectError(coll.doc('a').update({ v: _.inc(2 ** 62) }), FAILED, /\$inc/)
    await expectError(coll.doc('a').update({ v: _.mul(4) }), FAILED, /\$mul/)
    assert.deepEqual(await readAll(coll), docs)
    assert.equal((await coll.where({ v: 2 ** 62 }).count()).total, 1)
  })

  it('a multi-document update failing on one document changes none of them', async () => {
    const docs = [{ _id: 'a', n: 1 }, { _id: 'b', n: 'two' }, { _id: 'c', n: 3 }]
    const coll = await seededCollection(db, docs, 'wrongtype')
    await expectError(coll.where({}).update({ n: _.inc(1) }), FAILED, /non-numeric/)
    assert.deepEqual(await readAll(coll), docs)
  })

  it('updateAndReturn failing returns no document and changes nothing', async () => {
    const coll = await seededCollection(db, seed, 'wrongtype')
    await expectError(coll.where({ _id: 'a' }).updateAndReturn({ n: _.inc(1) }), FAILED)
    assert.deepEqual(await readAll(coll), seed)
  })
})

describe('authentication and environment', () => {
  it('a wrong accessKey ⇒ SIGN_PARAM_INVALID, and nothing is written', async () => {
    const coll = await seededCollection(db, [{ _id: 'a' }], 'auth')
    const { db: bad } = connect({ accessKey: 'definitely-not-the-key' })
    await expectError(bad.collection(coll.name).get(), 'SIGN_PARAM_INVALID')
    await expectError(bad.collection(coll.name).add({ _id: 'intruder' }), 'SIGN_PARAM_INVALID')
    await expectError(bad.collection(coll.name).doc('a').remove(), 'SIGN_PARAM_INVALID')
    await expectError(bad.createCollection(uniqueName('auth')), 'SIGN_PARAM_INVALID')
    assert.deepEqual(await readAll(coll), [{ _id: 'a' }])
  })

  it('an unknown env ⇒ INVALIID_ENV', async () => {
    const { db: other } = connect({ env: `no-such-env-${Date.now().toString(36)}` })
    await expectError(other.collection('anything').get(), 'INVALIID_ENV')
    await expectError(other.collection('anything').add({ a: 1 }), 'INVALIID_ENV')
    await expectError(other.createCollection('anything'), 'INVALIID_ENV')
  })
})

describe('transactions refuse what they cannot do', () => {
  it('an unknown or finished transaction id answers DATABASE_TRANSACTION_CONFLICT and changes nothing', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'txn')
    const t = await db.startTransaction()
    await t.rollback()
    await expectError(t.collection(coll.name).doc('a').update({ n: 2 }), 'DATABASE_TRANSACTION_CONFLICT')
    await expectError(t.commit(), 'DATABASE_TRANSACTION_CONFLICT')
    assert.deepEqual(await readAll(coll), [{ _id: 'a', n: 1 }])
  })
})
