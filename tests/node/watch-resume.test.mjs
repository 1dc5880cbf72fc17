// A realtime socket that dies (killed without a closing handshake, as a network drop would) while writes go on: the SDK
// reconnects by itself, logs in again and sends REBUILD_WATCH with the last event ID it applied; the server, which kept
// the watch parked meanwhile, answers with exactly the events it missed — none lost, none twice, IDs consecutive —
// or, for a client older than the watch's history, with a resynchronisation that replaces its list.
import { describe, it, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, freshCollection } from './support.mjs'
import { startWatch, dropConnection, changesOf, idsOf } from './watch-support.mjs'

const { db, _ } = connect()
let open = []
const watch = ref => {
  const w = startWatch(ref)
  open.push(w)
  return w
}
afterEach(async () => {
  for (const w of open) await w.close()
  open = []
})

/** The matching documents as the database has them, for comparing with a watch's final list. */
async function current(query) {
  const res = await query.limit(1000).get()
  return res.data.map(d => d._id).sort()
}

describe('resume after a dropped socket', () => {
  it('delivers exactly the changes made while disconnected, then carries on live', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }])
    const query = coll.where({ n: _.gte(1) })
    const w = watch(query)
    const init = await w.next()

    const drop = dropConnection()
    await coll.add({ _id: 'c', n: 3 })
    await coll.doc('a').update({ n: 10 })
    await coll.add({ _id: 'ignored', n: 0 })
    await coll.doc('b').remove()
    drop.release()
    await drop.reconnected()

    const missed = [await w.next(), await w.next(), await w.next()]
    assert.deepEqual(missed.map(s => s.id), [init.id + 1, init.id + 2, init.id + 3])
    assert.deepEqual(missed.map(changesOf), [
      [['add', 'enqueue', 'c']], [['update', 'update', 'a']], [['remove', 'dequeue', 'b']],
    ])
    assert.deepEqual(missed[1].docChanges[0].updatedFields, { n: 10 })

    await coll.add({ _id: 'd', n: 4 })
    const live = await w.next()
    assert.equal(live.id, init.id + 4)
    assert.deepEqual(changesOf(live), [['add', 'enqueue', 'd']])
    assert.deepEqual(idsOf(live).sort(), await current(query))
    await w.quiet()
  })

  it('resumes silently when nothing changed meanwhile', async () => {
    const coll = await seededCollection(db, [{ _id: 'a' }])
    const w = watch(coll.where({}))
    const init = await w.next()
    const drop = dropConnection()
    drop.release()
    await drop.reconnected()
    await w.quiet(500)
    await coll.add({ _id: 'b' })
    const next = await w.next()
    assert.equal(next.id, init.id + 1)
    assert.deepEqual(changesOf(next), [['add', 'enqueue', 'b']])
  })

  it('resumes every watch of the socket, each with its own missed changes', async () => {
    const one = await freshCollection(db)
    const two = await freshCollection(db)
    const w1 = watch(one.where({}))
    const w2 = watch(two.doc('x'))
    await w1.next()
    await w2.next()
    const drop = dropConnection()
    await one.add({ _id: 'p' })
    await two.add({ _id: 'x', v: 1 })
    await two.add({ _id: 'y', v: 1 })
    await one.doc('p').update({ v: 2 })
    drop.release()
    await drop.reconnected()
    assert.deepEqual(changesOf(await w1.next()), [['add', 'enqueue', 'p']])
    assert.deepEqual(changesOf(await w1.next()), [['update', 'update', 'p']])
    assert.deepEqual(changesOf(await w2.next()), [['add', 'enqueue', 'x']])
    await w1.quiet()
    await w2.quiet()
  })

  it('resynchronises a client older than the history (1 000 writes) with init events that replace its list', async () => {
    const coll = await seededCollection(db, [{ _id: 'keep', n: 0 }, { _id: 'gone', n: 0 }])
    const query = coll.where({ n: _.gte(0) })
    const w = watch(query)
    const init = await w.next()

    const drop = dropConnection()
    await coll.doc('gone').remove()
    for (let i = 1; i <= 1001; i++) await coll.doc('keep').update({ n: i })
    await coll.add({ _id: 'new', n: 5 })
    drop.release()
    await drop.reconnected()

    const resync = await w.next()
    assert.equal(resync.id, init.id + 1, 'the resynchronisation comes as the next event ID the client expects')
    assert.deepEqual(changesOf(resync), [['init', 'init', 'new'], ['init', 'init', 'keep']])
    assert.deepEqual(resync.docs, [{ _id: 'new', n: 5 }, { _id: 'keep', n: 1001 }])

    await coll.doc('new').remove()
    const live = await w.next()
    assert.equal(live.id, init.id + 2)
    assert.deepEqual(changesOf(live), [['remove', 'dequeue', 'new']])
    assert.deepEqual(idsOf(live), await current(query))
    await w.quiet()
  })
})
