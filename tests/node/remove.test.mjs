// Removal: doc.remove, where.remove (multi and single), and the empty-query collection.remove().
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection, readAll, assertShape } from './support.mjs'

const { db, _ } = connect()

const seed = [
  { _id: 'a', g: 'x', n: 1 },
  { _id: 'b', g: 'x', n: 2 },
  { _id: 'c', g: 'y', n: 3 },
  { _id: 'd', g: 'y', n: 4 },
  { _id: 'e', g: 'z', n: 5 },
]

test('doc(id).remove answers {deleted:1, requestId} and the document is gone', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.doc('b').remove()
  assertShape(res, ['deleted', 'requestId'])
  assert.equal(res.deleted, 1)
  assert.deepEqual((await coll.doc('b').get()).data, [])
  assert.deepEqual((await readAll(coll)).map(d => d._id), ['a', 'c', 'd', 'e'])
})

test('doc(id).remove of a missing document deletes 0', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.doc('nope').remove()
  assert.equal(res.deleted, 0)
  assert.equal((await coll.count()).total, 5)
})

test('doc(id).remove twice deletes once', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  assert.equal((await coll.doc('a').remove()).deleted, 1)
  assert.equal((await coll.doc('a').remove()).deleted, 0)
})

test('doc(number).remove addresses the numeric _id only', async () => {
  const coll = await seededCollection(db, [{ _id: 1 }, { _id: '1' }], 'rm')
  assert.equal((await coll.doc(1).remove()).deleted, 1)
  assert.deepEqual(await readAll(coll), [{ _id: '1' }])
})

test('where(...).remove deletes every match', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.where({ g: 'y' }).remove()
  assertShape(res, ['deleted', 'requestId'])
  assert.equal(res.deleted, 2)
  assert.deepEqual((await readAll(coll)).map(d => d._id), ['a', 'b', 'e'])
})

test('where(...).remove with commands and logic', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.where(_.or([{ n: _.lte(1) }, { n: _.gt(2).and(_.lt(5)), g: 'y' }])).remove()
  assert.equal(res.deleted, 3)
  assert.deepEqual((await readAll(coll)).map(d => d._id), ['b', 'e'])
})

test('where(_.expr(...)).remove', async () => {
  const coll = await seededCollection(db, [{ _id: 'a', x: 1, y: 2 }, { _id: 'b', x: 3, y: 2 }, { _id: 'c', x: 2, y: 2 }], 'rm')
  const res = await coll.where(_.expr(_.aggregate.gte(['$x', '$y']))).remove()
  assert.equal(res.deleted, 2)
  assert.deepEqual(await readAll(coll), [{ _id: 'a', x: 1, y: 2 }])
})

test('where(...).remove with no match deletes 0', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  assert.equal((await coll.where({ g: 'none' }).remove()).deleted, 0)
  assert.deepEqual(await readAll(coll), seed)
})

test('options({multiple:false}) removes a single match', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.where({ g: 'x' }).options({ multiple: false }).remove()
  assert.equal(res.deleted, 1)
  assert.equal((await coll.where({ g: 'x' }).count()).total, 1)
  assert.equal((await coll.count()).total, 4)
})

test('where({}).remove deletes everything', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  assert.equal((await coll.where({}).remove()).deleted, 5)
  assert.equal((await coll.count()).total, 0)
})

test('collection.remove() (sent with query "") deletes everything', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  const res = await coll.remove()
  assertShape(res, ['deleted', 'requestId'])
  assert.equal(res.deleted, 5)
  assert.deepEqual((await coll.get()).data, [])
})

test('the collection survives being emptied and accepts new documents', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  await coll.remove()
  const { id } = await coll.add({ _id: 'a', again: true })
  assert.equal(id, 'a')
  assert.deepEqual(await readAll(coll), [{ _id: 'a', again: true }])
})

test('a removed _id can be reused', async () => {
  const coll = await seededCollection(db, seed, 'rm')
  await coll.doc('c').remove()
  await coll.add({ _id: 'c', reborn: 1 })
  assert.deepEqual((await coll.doc('c').get()).data, [{ _id: 'c', reborn: 1 }])
})

test('removing a large match set', async () => {
  const many = Array.from({ length: 600 }, (_x, i) => ({ i, even: i % 2 === 0 }))
  const coll = await seededCollection(db, many, 'rm')
  assert.equal((await coll.where({ even: true }).remove()).deleted, 300)
  assert.equal((await coll.count()).total, 300)
  assert.equal((await coll.where({ even: true }).count()).total, 0)
})
