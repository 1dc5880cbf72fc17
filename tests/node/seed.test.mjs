// The seed's example: the `books` collection and the query a mini program runs on it, through node-sdk.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, assertShape } from './support.mjs'

// The records exactly as the seed prints them. `_openid` is set by the (admin) writer here, as admin code may.
const books = [
  {
    _id: 'Wzh76lk5_O_dt0vO',
    title: 'The Catcher in the Rye',
    author: 'J. D. Salinger',
    characters: ['Holden Caulfield', 'Stradlater', 'Mr. Antolini'],
    publishInfo: { year: 1951, country: 'United States' },
  },
  {
    _id: 'Wzia0lk5_O_dt0vR',
    _openid: 'ohl4L0Rnhq7vmmbT_DaNQa4ePaz0',
    title: 'The Lady of the Camellias',
    author: 'Alexandre Dumas fils',
    characters: ['Marguerite Gautier', 'Armand Duval', 'Prudence', 'Count de Varville'],
    publishInfo: { year: 1848, country: 'France' },
  },
]

test('the seed books collection', async t => {
  const { db } = connect()
  const collection = await freshCollection(db, 'books')

  await t.test('the records are inserted with their own _ids', async () => {
    const res = await collection.add(books)
    assertShape(res, ['ids', 'requestId'])
    assert.deepEqual(res.ids, ['Wzh76lk5_O_dt0vO', 'Wzia0lk5_O_dt0vR'])
  })

  await t.test("the seed's query returns exactly The Catcher in the Rye", async () => {
    // As the seed writes it (db.collection(...).where({ publishInfo: { country: 'United States' } }).get()).
    const res = await db.collection(collection.name).where({
      publishInfo: {
        country: 'United States'
      }
    }).get()
    assert.equal(res.data.length, 1)
    assert.deepEqual(res.data, [books[0]])
    assert.equal(res.data[0].title, 'The Catcher in the Rye')
  })

  await t.test('the query matches by the nested field, not by whole sub-document equality', async () => {
    // publishInfo also has `year`, so whole-document equality with {country} alone would match nothing.
    const res = await collection.where({ publishInfo: { country: 'France' } }).get()
    assert.deepEqual(res.data.map(b => b.title), ['The Lady of the Camellias'])
  })

  await t.test('doc(id).get returns the record (with its _openid) in a one-element array', async () => {
    const res = await collection.doc('Wzia0lk5_O_dt0vR').get()
    assertShape(res, ['data', 'requestId'])
    assert.deepEqual(res.data, [books[1]])
  })

  await t.test('array fields match by element', async () => {
    const res = await collection.where({ characters: 'Prudence' }).get()
    assert.deepEqual(res.data.map(b => b._id), ['Wzia0lk5_O_dt0vR'])
  })

  await t.test("an admin's '{openid}' in a query is a literal string (no caller identity to substitute)", async () => {
    assert.deepEqual((await collection.where({ _openid: '{openid}' }).get()).data, [])
    assert.deepEqual((await collection.where({ _openid: 'ohl4L0Rnhq7vmmbT_DaNQa4ePaz0' }).get()).data, [books[1]])
  })

  await t.test('count of the whole collection', async () => {
    const res = await collection.count()
    assertShape(res, ['total', 'requestId'])
    assert.equal(res.total, 2)
  })
})
