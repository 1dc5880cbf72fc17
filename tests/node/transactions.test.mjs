// Transactions with the real @cloudbase/node-sdk: runTransaction and startTransaction across collections, rollback,
// the conflict runTransaction retries on, and reads inside a transaction that see its own writes.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, readAll, adminData, url, accessKey, envId } from './support.mjs'

const { db, _ } = connect()

describe('runTransaction', () => {
  it('commits writes to several collections at once', async () => {
    const accounts = await seededCollection(db, [{ _id: 'alice', balance: 100 }, { _id: 'bob', balance: 0 }], 'txa')
    const ledger = await seededCollection(db, [], 'txl')
    const result = await db.runTransaction(async t => {
      const alice = (await t.collection(accounts.name).doc('alice').get()).data
      assert.equal(alice.balance, 100)
      await t.collection(accounts.name).doc('alice').update({ balance: _.inc(-30) })
      await t.collection(accounts.name).doc('bob').update({ balance: _.inc(30) })
      await t.collection(ledger.name).add({ _id: 'entry-1', from: 'alice', to: 'bob', amount: 30 })
      assert.equal((await t.collection(accounts.name).doc('alice').get()).data.balance, 70, 'a transaction reads its own writes')
      assert.deepEqual(await readAll(accounts), [{ _id: 'alice', balance: 100 }, { _id: 'bob', balance: 0 }], 'nothing is visible before commit')
      return 'done'
    })
    assert.equal(result, 'done')
    assert.deepEqual(await readAll(accounts), [{ _id: 'alice', balance: 70 }, { _id: 'bob', balance: 30 }])
    assert.deepEqual(await readAll(ledger), [{ _id: 'entry-1', from: 'alice', to: 'bob', amount: 30 }])
  })

  it('the collection\'s history shows the transaction: prepared, then its writes with the resolution', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }], 'txh')
    await db.runTransaction(async t => {
      await t.collection(coll.name).doc('a').update({ n: 2 })
      await t.collection(coll.name).add({ _id: 'b' })
    })
    const res = await fetch(`${url}/admin/history?${new URLSearchParams({ env: envId, collection: coll.name })}`,
      { headers: { authorization: `Bearer ${accessKey}` } })
    const ops = (await res.text()).split('\n').filter(Boolean).map(line => JSON.parse(line))
    const tail = ops.slice(-4)
    assert.deepEqual(tail.map(e => e.op), ['prepare', 'replace', 'replace', 'resolve'])
    assert.deepEqual(tail[0].ids.sort(), ['a', 'b'])
    assert.equal(tail[3].committed, true)
    assert.equal(tail[3].transactionId, tail[0].transactionId)
  })

  it('a rollback changes nothing and rejects with its reason', async () => {
    const accounts = await seededCollection(db, [{ _id: 'alice', balance: 100 }], 'txr')
    await assert.rejects(db.runTransaction(async t => {
      await t.collection(accounts.name).doc('alice').update({ balance: 0 })
      await t.collection(accounts.name).add({ _id: 'carol', balance: 5 })
      await t.rollback('not enough money')
    }), reason => reason === 'not enough money')
    assert.deepEqual(await readAll(accounts), [{ _id: 'alice', balance: 100 }])
  })

  it('retries on a conflict: a document changed after the transaction read it', async () => {
    const counters = await seededCollection(db, [{ _id: 'c', n: 0 }], 'txc')
    let attempts = 0
    await db.runTransaction(async t => {
      attempts++
      const { n } = (await t.collection(counters.name).doc('c').get()).data
      if (attempts === 1) await counters.doc('c').update({ n: _.inc(100) })
      await t.collection(counters.name).doc('c').update({ n: n + 1 })
    })
    assert.equal(attempts, 2)
    assert.deepEqual(await readAll(counters), [{ _id: 'c', n: 101 }], 'the retry saw the other write, no update was lost')
  })

  it('an error in the callback rolls back and rethrows', async () => {
    const coll = await seededCollection(db, [{ _id: 'x', v: 1 }], 'txe')
    await assert.rejects(db.runTransaction(async t => {
      await t.collection(coll.name).doc('x').set({ v: 2 })
      throw new Error('boom')
    }), /boom/)
    assert.deepEqual(await readAll(coll), [{ _id: 'x', v: 1 }])
  })
})

describe('startTransaction', () => {
  it('commits, and a committed transaction cannot be used again', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', v: 1 }], 'txs')
    const t = await db.startTransaction()
    assert.match(t.getTransactionId(), /^[0-9a-f]{32}$/)
    await t.collection(coll.name).doc('a').remove()
    await t.collection(coll.name).add({ _id: 'b', v: 2 })
    assert.equal((await t.collection(coll.name).doc('a').get()).data, null)
    await t.commit()
    assert.deepEqual(await readAll(coll), [{ _id: 'b', v: 2 }])
    await assert.rejects(t.collection(coll.name).doc('b').update({ v: 3 }), e => e.code === 'DATABASE_TRANSACTION_CONFLICT')
  })

  it('two transactions writing the same document: the second commit conflicts and changes nothing', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', v: 1 }], 'txx')
    const first = await db.startTransaction()
    const second = await db.startTransaction()
    await first.collection(coll.name).doc('a').update({ v: 2 })
    await second.collection(coll.name).doc('a').update({ v: 3 })
    await first.commit()
    await assert.rejects(second.commit(), e => e.code === 'DATABASE_TRANSACTION_CONFLICT')
    assert.deepEqual(await readAll(coll), [{ _id: 'a', v: 2 }])
  })

  it('two commits over the same collections in opposite orders both go through (no waiting on each other)', async () => {
    const first = await seededCollection(db, [{ _id: 'x', n: 0 }, { _id: 'y', n: 0 }], 'txo1')
    const second = await seededCollection(db, [{ _id: 'x', n: 0 }, { _id: 'y', n: 0 }], 'txo2')
    const one = await db.startTransaction()
    const two = await db.startTransaction()
    await one.collection(first.name).doc('x').update({ n: 1 })
    await one.collection(second.name).doc('x').update({ n: 1 })
    await two.collection(second.name).doc('y').update({ n: 2 })
    await two.collection(first.name).doc('y').update({ n: 2 })
    await Promise.all([one.commit(), two.commit()])
    for (const coll of [first, second]) assert.deepEqual(await readAll(coll), [{ _id: 'x', n: 1 }, { _id: 'y', n: 2 }])
  })

  it('an insert of an existing id is refused in the transaction, and a unique index is checked at commit', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', email: 'x' }], 'txu')
    const t = await db.startTransaction()
    await assert.rejects(t.collection(coll.name).add({ _id: 'a' }), /duplicate key/)
    await t.rollback()
  })
})

// node-sdk 3.18.3 sends transactionId with where().get() but not with where().update()/remove() (CloudBase allows only
// single-document writes in a transaction), so those go through the action itself here, as any HTTP client can.
const whereUpdate = (t, collectionName, query, data) => adminData('database.modifyDocument', {
  collectionName, queryType: 'WHERE', query: JSON.stringify(query), data: JSON.stringify({ $set: data }), multi: true,
  merge: true, upsert: false, transactionId: t.getTransactionId(),
})

describe('queries inside a transaction (beyond CloudBase)', () => {
  it('where().get() and a where() update see and change the matching documents at commit only', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', cat: 'x' }, { _id: 'b', cat: 'x' }, { _id: 'c', cat: 'y' }], 'txq')
    const t = await db.startTransaction()
    const found = await t.collection(coll.name).where({ cat: 'x' }).get()
    assert.deepEqual(found.data.map(d => d._id).sort(), ['a', 'b'])
    assert.equal((await whereUpdate(t, coll.name, { cat: 'x' }, { done: true })).updated, 2)
    assert.deepEqual((await t.collection(coll.name).where({ done: true }).get()).data.map(d => d._id).sort(), ['a', 'b'])
    assert.deepEqual(await readAll(coll), [{ _id: 'a', cat: 'x' }, { _id: 'b', cat: 'x' }, { _id: 'c', cat: 'y' }])
    await t.commit()
    assert.deepEqual(await readAll(coll), [{ _id: 'a', cat: 'x', done: true }, { _id: 'b', cat: 'x', done: true }, { _id: 'c', cat: 'y' }])
  })

  it('a document that starts matching a query the transaction ran (a phantom) is a conflict', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', cat: 'x' }], 'txp')
    const t = await db.startTransaction()
    assert.equal((await t.collection(coll.name).where({ cat: 'x' }).get()).data.length, 1)
    await coll.add({ _id: 'late', cat: 'x' })
    await whereUpdate(t, coll.name, { _id: 'a' }, { seen: 1 })
    await assert.rejects(t.commit(), e => e.code === 'DATABASE_TRANSACTION_CONFLICT')
    assert.deepEqual(await readAll(coll), [{ _id: 'a', cat: 'x' }, { _id: 'late', cat: 'x' }])
  })
})
