// Realtime watch across a cluster through the real @cloudbase/node-sdk: the watcher is connected to the first node,
// the writes go through the others, and the collections' entities live wherever their shards do.
//   node cluster/watch-across.mjs
// Environment: ACTORCLOUD_URLS (first: the watcher's node), ACTORCLOUD_KEY, ACTORCLOUD_ENV, and GO_FILE: after the
// first round of writes is seen, the script creates GO_FILE.seen and waits for GO_FILE (the test kills a node
// meanwhile), then writes a second round through the watcher's node and the last one and waits to see it too.
// Prints one JSON line: per round, how many writes were made and how many the watches missed.
import { existsSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { WebSocket } from 'ws'
import tcb from '@cloudbase/node-sdk'

globalThis.WebSocket = WebSocket
// The SDK logs every realtime frame; keep the report readable (WATCH_DEBUG=1 shows them).
if (!process.env.WATCH_DEBUG) {
  for (const level of ['log', 'warn', 'error']) {
    const original = console[level].bind(console)
    console[level] = (...args) => typeof args[0] === 'string' && /^(\[realtime|nextevent |pong timed out|ws onMessage)/.test(args[0]) ? undefined : original(...args)
  }
}
process.env.SILENCE = 'true'
process.env.TENCENTCLOUD = 'true'
const { Db } = createRequire(import.meta.url)('@cloudbase/database')

const urls = process.env.ACTORCLOUD_URLS.split(',').map(u => u.replace(/\/+$/, ''))
const connect = url => tcb.init({ env: process.env.ACTORCLOUD_ENV, serviceUrl: `${url}/admin`, accessKey: process.env.ACTORCLOUD_KEY, timeout: 20000 }).database()
const watcher = connect(urls[0])
const writers = urls.map(connect)
const names = Array.from({ length: 8 }, (_, i) => `across_${i}_${Date.now().toString(36)}`)
const seen = new Map(names.map(n => [n, new Set()]))
const errors = []

const sleep = ms => new Promise(r => setTimeout(r, ms))
async function eventually(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}

/** doc(id).set is idempotent, so a write refused while its collection moves is simply made again. */
async function write(db, name, id, round) {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      const result = await db.collection(name).doc(id).set({ round })
      if (!result.code) return
    } catch {
      // moving; try again
    }
    await sleep(500)
  }
  throw new Error(`could not write ${name}/${id}`)
}

for (const name of names) await writers[1].createCollection(name)
Db.ws = undefined
const watches = names.map(name => watcher.collection(name).where({}).watch({
  onChange: snapshot => {
    for (const doc of snapshot.docs) seen.get(name).add(doc._id)
  },
  onError: e => errors.push(`${name}: ${e.message ?? e}`),
}))
await sleep(1500)

async function round(r, via) {
  const ids = []
  await Promise.all(names.map(async (name, i) => {
    for (let k = 0; k < 10; k++) {
      const id = `r${r}-${k}`
      await write(via[(i + k) % via.length], name, id, r)
      ids.push([name, id])
    }
  }))
  await eventually(() => ids.every(([name, id]) => seen.get(name).has(id)), 30000)
  return { written: ids.length, missed: ids.filter(([name, id]) => !seen.get(name).has(id)).length }
}

const report = {}
report.round1 = await round(1, writers.slice(1))
writeFileSync(`${process.env.GO_FILE}.seen`, JSON.stringify(report.round1))
await eventually(() => existsSync(process.env.GO_FILE), 120000)
report.round2 = await round(2, [writers[0], writers.at(-1)])
report.errors = errors
for (const w of watches) await w.close()
console.log(JSON.stringify(report))
process.exit(0)
