// CloudBase's cap on one watch (protocol §1.9, §5.1): at most 5 000 documents. A query matching more is refused at
// INIT_WATCH with an error naming the limit (a limit() does not lift it: the watch follows every matching document to
// keep its window right); a watch that grows past it ends with the same error.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection } from './support.mjs'
import { startWatch } from './watch-support.mjs'

const { db, _ } = connect()
const open = []
const watch = ref => {
  const w = startWatch(ref)
  open.push(w)
  return w
}
after(async () => {
  for (const w of open) await w.close()
})

describe('5 000 documents per watch', () => {
  let coll
  before(async () => {
    coll = await freshCollection(db, 'wcap')
    for (let batch = 0; batch < 5; batch++) {
      await coll.add(Array.from({ length: 1000 }, (_x, i) => ({ n: batch * 1000 + i })))
    }
    await coll.add({ n: 5000 })
  })

  it('refuses a watch whose query matches 5 001 documents', async () => {
    const w = watch(coll.where({ n: _.gte(0) }))
    assert.match(await w.error(), /^SYS_ERR: .*more than 5000 documents/)
    assert.deepEqual(w.snapshots, [])
  })

  it('refuses it with a limit() too', async () => {
    const w = watch(coll.where({}).limit(10))
    assert.match(await w.error(), /more than 5000 documents/)
  })

  it('watches exactly 5 000, and ends the watch with the error when a write takes it past the cap', async () => {
    const w = watch(coll.where({ n: _.lt(5000) }))
    const init = await w.next()
    assert.equal(init.docs.length, 5000)
    await coll.where({ n: 5000 }).update({ n: -1 })
    assert.match(await w.error(), /more than 5000 documents/)
    assert.equal(w.snapshots.length, 1)
  })
})
