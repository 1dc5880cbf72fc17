// Realtime watch as an admin sees it through the real node-sdk (protocol §1.9, §3.9, §3.9.1): the initial snapshot,
// then one snapshot per write with the events of the mapping table — add, update staying in / entering / leaving the
// query, set (replace) likewise, remove, multi-document writes as one event — limit windows with the default order and
// with orderBy, document watches, several watches on one socket, a dropped collection, and close().
import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, seededCollection, adminData } from './support.mjs'
import { startWatch, changesOf, idsOf, orderedForWatch, openSockets, eventually } from './watch-support.mjs'

const { db, _ } = connect()
const watches = []
const watch = ref => {
  const w = startWatch(ref)
  watches.push(w)
  return w
}
after(async () => {
  for (const w of watches) await w.close()
})

describe('initial snapshot', () => {
  it('holds every matching document, in _id descending order without orderBy, with plain-JSON values', async () => {
    const coll = await seededCollection(db, [
      { _id: 'a', n: 1 }, { _id: 'b', n: 2, at: new Date(1700000000123), tags: ['x'], sub: { k: 1.5 } },
      { _id: 'c', n: 3 }, { _id: 'd', n: 0 },
    ])
    const w = watch(coll.where({ n: _.gte(1) }))
    const init = await w.next()
    assert.equal(init.msgType, 'INIT_EVENT')
    assert.deepEqual(idsOf(init), ['c', 'b', 'a'])
    assert.deepEqual(changesOf(init), [['init', 'init', 'c'], ['init', 'init', 'b'], ['init', 'init', 'a']])
    assert.ok(init.docChanges.every(c => c.id === init.id))
    // Doc is parsed with a plain JSON.parse: dates arrive as {$date: ms}, as from CloudBase.
    assert.deepEqual(init.docs[1], { _id: 'b', n: 2, at: { $date: 1700000000123 }, tags: ['x'], sub: { k: 1.5 } })
    await w.quiet()
  })

  it('is an empty init snapshot when nothing matches', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', n: 1 }])
    const w = watch(coll.where({ n: 99 }))
    const init = await w.next()
    assert.equal(init.type, 'init')
    assert.deepEqual(init.docs, [])
    await coll.add({ _id: 'z', n: 99 })
    const added = await w.next()
    assert.equal(added.id, init.id + 1)
    assert.deepEqual(changesOf(added), [['add', 'enqueue', 'z']])
  })
})

describe('changes of a where() watch', () => {
  it('maps add, update (stays, enters, leaves), set (stays, enters, leaves) and remove as the protocol table says', async () => {
    const coll = await seededCollection(db, [
      { _id: 'in1', n: 5, o: { a: 1, b: 2 } }, { _id: 'in2', n: 6 }, { _id: 'out1', n: 0 }, { _id: 'out2', n: 0 },
    ])
    const w = watch(coll.where({ n: _.gt(1) }))
    let last = await w.next()
    const step = async (write, expected) => {
      await write()
      const s = await w.next()
      assert.equal(s.id, last.id + 1, 'event IDs are consecutive')
      assert.deepEqual(changesOf(s), expected)
      last = s
      return s
    }

    const added = await step(() => coll.add({ _id: 'new', n: 9 }), [['add', 'enqueue', 'new']])
    assert.deepEqual(added.docChanges[0].doc, { _id: 'new', n: 9 })
    await coll.add({ _id: 'ignored', n: 0 })

    const stays = await step(() => coll.doc('in1').update({ n: 7, 'o.a': 10, o2: 'x', 'o.b': _.remove() }), [['update', 'update', 'in1']])
    assert.deepEqual(stays.docChanges[0].updatedFields, { n: 7, 'o.a': 10, o2: 'x' })
    assert.deepEqual(stays.docChanges[0].removedFields, ['o.b'])
    assert.deepEqual(stays.docs.find(d => d._id === 'in1'), { _id: 'in1', n: 7, o: { a: 10 }, o2: 'x' })

    const enters = await step(() => coll.doc('out1').update({ n: 3 }), [['update', 'enqueue', 'out1']])
    assert.deepEqual(enters.docChanges[0].doc, { _id: 'out1', n: 3 })
    const leaves = await step(() => coll.doc('in2').update({ n: -1 }), [['update', 'dequeue', 'in2']])
    assert.ok(!idsOf(leaves).includes('in2'))

    const replaced = await step(() => coll.doc('in1').set({ n: 8, fresh: true }), [['replace', 'update', 'in1']])
    assert.deepEqual(replaced.docChanges[0].doc, { _id: 'in1', n: 8, fresh: true })
    await step(() => coll.doc('out2').set({ n: 4 }), [['replace', 'enqueue', 'out2']])
    await step(() => coll.doc('out1').set({ n: 0 }), [['replace', 'dequeue', 'out1']])

    await step(() => coll.doc('new').remove(), [['remove', 'dequeue', 'new']])
    assert.deepEqual(idsOf(last).sort(), ['in1', 'out2'])
    await coll.doc('ignored').remove()
    await w.quiet()
  })

  it('reports a multi-document write as one snapshot, all its changes under one event ID', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', g: 1, n: 1 }, { _id: 'b', g: 1, n: 2 }, { _id: 'c', g: 2, n: 3 }])
    const w = watch(coll.where({ n: _.gte(1) }))
    const init = await w.next()
    await coll.where({ g: 1 }).update({ n: _.inc(10) })
    const updated = await w.next()
    assert.equal(updated.id, init.id + 1)
    assert.deepEqual(changesOf(updated).sort(), [['update', 'update', 'a'], ['update', 'update', 'b']])
    assert.ok(updated.docChanges.every(c => c.id === updated.id))
    await coll.add([{ _id: 'd', n: 4 }, { _id: 'e', n: 0 }, { _id: 'f', n: 5 }])
    assert.deepEqual(changesOf(await w.next()), [['add', 'enqueue', 'f'], ['add', 'enqueue', 'd']])
    await coll.where({ n: _.gte(4) }).remove()
    const removed = await w.next()
    assert.deepEqual(changesOf(removed).map(c => c.slice(0, 2)), [['remove', 'dequeue'], ['remove', 'dequeue'], ['remove', 'dequeue'], ['remove', 'dequeue']])
    assert.deepEqual(removed.docs, [{ _id: 'c', g: 2, n: 3 }])
    await w.quiet()
  })

  it('watches a whole collection (no where) and sees a drop remove every document', async () => {
    const coll = await seededCollection(db, [{ _id: 'a' }, { _id: 'b' }])
    const w = watch(coll)
    assert.deepEqual(idsOf(await w.next()), ['b', 'a'])
    await adminData('actorcloud.dropCollection', { collectionName: coll.name })
    const dropped = await w.next()
    assert.deepEqual(changesOf(dropped), [['remove', 'dequeue', 'a'], ['remove', 'dequeue', 'b']])
    assert.deepEqual(dropped.docs, [])
  })
})

describe('limit windows', () => {
  it('keeps the first n by the default order (_id descending): documents pushed out and pulled in are limit events', async () => {
    const coll = await seededCollection(db, [{ _id: 'a1' }, { _id: 'a2' }, { _id: 'a3' }, { _id: 'a4' }, { _id: 'a5' }])
    const w = watch(coll.where({}).limit(3))
    assert.deepEqual(idsOf(await w.next()), ['a5', 'a4', 'a3'])

    await coll.add({ _id: 'a9' })
    let s = await w.next()
    assert.deepEqual(changesOf(s), [['limit', 'dequeue', 'a3'], ['add', 'enqueue', 'a9']])
    assert.deepEqual(idsOf(s), ['a5', 'a4', 'a9'])

    await coll.add({ _id: 'a0' })
    await coll.doc('a9').remove()
    s = await w.next()
    assert.deepEqual(changesOf(s), [['remove', 'dequeue', 'a9'], ['limit', 'enqueue', 'a3']])
    assert.deepEqual(s.docChanges[1].doc, { _id: 'a3' })
    assert.deepEqual(idsOf(s).sort(), ['a3', 'a4', 'a5'])
    await w.quiet()
  })

  it('follows orderBy: an update moving a document across the window edge swaps it with the next one', async () => {
    const coll = await seededCollection(db, [
      { _id: 'p', score: 50 }, { _id: 'q', score: 40 }, { _id: 'r', score: 30 }, { _id: 's', score: 20 }, { _id: 't', score: 10 },
    ])
    const w = watch(orderedForWatch(coll.where({ score: _.gte(0) }).limit(2), ['score', 'desc']))
    assert.deepEqual(idsOf(await w.next()), ['p', 'q'])

    await coll.doc('s').update({ score: 45 })
    let s = await w.next()
    assert.deepEqual(changesOf(s), [['limit', 'dequeue', 'q'], ['update', 'enqueue', 's']])
    assert.deepEqual(s.docChanges[1].updatedFields, { score: 45 })

    await coll.doc('p').update({ score: 1 })
    s = await w.next()
    assert.deepEqual(changesOf(s), [['update', 'dequeue', 'p'], ['limit', 'enqueue', 'q']])
    assert.deepEqual(idsOf(s), ['s', 'q'])

    await coll.doc('t').update({ score: 11 })
    await coll.doc('s').update({ score: 46 })
    s = await w.next()
    assert.deepEqual(changesOf(s), [['update', 'update', 's']])
    await w.quiet()
  })
})

describe('document watch', () => {
  it('follows one document through update, remove and re-creation', async () => {
    const coll = await seededCollection(db, [{ _id: 'x', v: 1 }, { _id: 'y', v: 1 }])
    const w = watch(coll.doc('x'))
    const init = await w.next()
    assert.deepEqual(init.docs, [{ _id: 'x', v: 1 }])
    await coll.doc('y').update({ v: 2 })
    await coll.doc('x').update({ v: 2 })
    assert.deepEqual(changesOf(await w.next()), [['update', 'update', 'x']])
    await coll.doc('x').remove()
    assert.deepEqual((await w.next()).docs, [])
    await coll.doc('x').set({ v: 3 })
    const back = await w.next()
    assert.deepEqual(changesOf(back), [['add', 'enqueue', 'x']])
    assert.deepEqual(back.docs, [{ _id: 'x', v: 3 }])
    await w.quiet()
  })

  it('starts empty for a document that does not exist yet', async () => {
    const coll = await freshCollection(db)
    const w = watch(coll.doc('later'))
    assert.deepEqual((await w.next()).docs, [])
    await coll.add({ _id: 'later', v: 1 })
    assert.deepEqual(changesOf(await w.next()), [['add', 'enqueue', 'later']])
  })
})

describe('sockets and closing', () => {
  it('runs several watches over one socket, each with its own events', async () => {
    const one = await freshCollection(db)
    const two = await freshCollection(db)
    const w1 = watch(one.where({}))
    const w2 = watch(two.where({}))
    await w1.next()
    await w2.next()
    assert.equal(openSockets().length, 1)
    await two.add({ _id: 'b' })
    await one.add({ _id: 'a' })
    assert.deepEqual(changesOf(await w1.next()), [['add', 'enqueue', 'a']])
    assert.deepEqual(changesOf(await w2.next()), [['add', 'enqueue', 'b']])
  })

  it('close() ends a watch: later writes report nothing, and the socket closes with the last watch', async () => {
    for (const w of watches.splice(0)) await w.close()
    await eventually(() => openSockets().length === 0, 'the socket to close once no watch is left')
    const coll = await freshCollection(db)
    const w = startWatch(coll.where({}))
    await w.next()
    await w.close()
    await coll.add({ _id: 'after-close' })
    await w.quiet(500)
  })

  it('refuses an invalid query with an error, not a snapshot', async () => {
    const coll = await freshCollection(db)
    const w = watch(coll.where({ n: { $bogus: 1 } }))
    assert.match(await w.error(), /^SYS_ERR: .*\$bogus/)
  })
})
