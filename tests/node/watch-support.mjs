// Shared helpers for the watch-*.test.mjs files (realtime watch through the real node-sdk, protocol §3.9). Not a test
// file itself. Importing it installs the global WebSocket the SDK needs on Node 20 (the `ws` package): a subclass that
// records every socket the SDK opens, so a test can kill one the way a network drop would (`terminate()`: no closing
// handshake), and can hold the SDK's reconnection back while it writes, so the resume has something to catch up on.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { WebSocket as WsWebSocket } from 'ws'
import { quietRealtimeLogs } from './support.mjs'

const require = createRequire(import.meta.url)
// The same module instance node-sdk uses: `Db.ws` is the SDK's one realtime client per process (see resetRealtime).
const { Db } = require('@cloudbase/database')

quietRealtimeLogs()

/** Every socket the SDK opened, oldest first. */
export const sockets = []
let gate = null

class TrackedWebSocket extends WsWebSocket {
  constructor(url, protocols, options) {
    const held = gate
    // ws's finishRequest sends the upgrade request; while a hold is on, it waits for the release.
    super(url, protocols, held ? { ...options, finishRequest: request => held.then(() => request.end()) } : options)
    sockets.push(this)
  }
}
globalThis.WebSocket = TrackedWebSocket

/** The SDK's open realtime sockets. */
export const openSockets = () => sockets.filter(s => s.readyState === WsWebSocket.OPEN)

/**
 * Kills the SDK's realtime socket(s) abruptly and holds its reconnection until the returned release() is called;
 * meanwhile the server keeps the watches parked. Returns { release, reconnected }: reconnected() resolves once a new
 * socket is open.
 */
export function dropConnection() {
  const live = openSockets()
  assert.ok(live.length > 0, 'no open realtime socket to drop')
  let release
  gate = new Promise(resolve => {
    release = resolve
  })
  const before = sockets.length
  for (const socket of live) socket.terminate()
  return {
    release() {
      gate = null
      release()
    },
    reconnected: () => eventually(() => sockets.length > before && sockets.at(-1).readyState === WsWebSocket.OPEN, 'a new realtime socket'),
  }
}

/**
 * Forgets the SDK's realtime client (after every watch is closed), so the next watch() logs in with the credentials
 * of the instance it is called on: the SDK otherwise keeps the identity of whichever instance watched first.
 */
export function resetRealtime() {
  Db.ws = undefined
}

/** Polls `condition` every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function eventually(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

let filtering = false
/**
 * The SDK starts a watch with a promise nobody awaits, so a watch the server refuses — reported to onError as it
 * should be — also surfaces as an unhandled rejection of the SDK's RealtimeErrorMessageError, which node's test runner
 * counts as a failure. Only those are dropped; everything else still reaches the runner's own handlers. Installed on
 * the first watch, once the runner has set its handlers up.
 */
function filterRefusals() {
  if (filtering) return
  filtering = true
  const runner = process.listeners('unhandledRejection')
  process.removeAllListeners('unhandledRejection')
  process.on('unhandledRejection', (reason, promise) => {
    if (reason?.isRealtimeErrorMessageError) return
    for (const handler of runner) handler(reason, promise)
  })
}

/**
 * Starts `ref.watch()` and queues what it reports. next() takes the snapshots one at a time, in order, so a test
 * sees every snapshot the SDK delivered (none skipped, none extra); quiet() asserts that nothing more arrives.
 */
export function startWatch(ref) {
  filterRefusals()
  const snapshots = []
  const errors = []
  let taken = 0
  let wake = () => {}
  const listener = ref.watch({
    onChange(snapshot) {
      snapshots.push({
        id: snapshot.id, type: snapshot.type, msgType: snapshot.msgType, docs: snapshot.docs, docChanges: snapshot.docChanges,
      })
      wake()
    },
    onError(error) {
      errors.push(error)
      wake()
    },
  })
  const waitFor = (ready, what, timeoutMs) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      wake = () => {}
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; snapshots so far: ${JSON.stringify(snapshots)}` +
        `; errors: ${errors.map(describeError).join(' | ')}`))
    }, timeoutMs)
    wake = () => {
      if (!ready()) return
      clearTimeout(timer)
      wake = () => {}
      resolve()
    }
    wake()
  })
  return {
    listener,
    snapshots,
    errors,
    /** The next snapshot (fails if the watch reported an error instead). */
    async next(timeoutMs = 10_000) {
      await waitFor(() => snapshots.length > taken || errors.length > 0, 'the next snapshot', timeoutMs)
      if (snapshots.length <= taken) assert.fail(`the watch failed: ${errors.map(describeError).join(' | ')}`)
      return snapshots[taken++]
    },
    /** The first error the watch reported, as text. */
    async error(timeoutMs = 10_000) {
      await waitFor(() => errors.length > 0, 'an error', timeoutMs)
      return describeError(errors[0])
    },
    /** Asserts no snapshot or error beyond those taken arrives within `ms`. */
    async quiet(ms = 300) {
      await new Promise(resolve => setTimeout(resolve, ms))
      assert.equal(snapshots.length, taken, `unexpected snapshots: ${JSON.stringify(snapshots.slice(taken))}`)
      assert.deepEqual(errors.map(describeError), [])
    },
    /** Closes the watch (CLOSE_WATCH). The SDK leaves the closed watch's 10 s CHECK_LAST timer re-arming itself forever,
     * which would keep the test process alive; it is stopped here. */
    async close() {
      await listener.close()
      listener.virtualClient.clearACKSchedule()
    },
  }
}

/**
 * An onError argument as `CODE: message`. The SDK passes a refused INIT_WATCH as a CloudSDKError wrapping the server's
 * ERROR frame (errMsg.payload), and an error the server pushes for a running watch first as the frame itself.
 */
export function describeError(error) {
  const frame = error?.msgType === 'ERROR' ? error : error?.errMsg?.payload
  if (frame?.msgType === 'ERROR') return `${frame.msgData?.code}: ${frame.msgData?.message}`
  return String(error?.message ?? error)
}

/** The docChanges of a snapshot as [dataType, queueType, docId] triples, for compact assertions. */
export const changesOf = snapshot => snapshot.docChanges.map(c => [c.dataType, c.queueType, c.docId])

/** The _ids of a snapshot's docs, in the client's order. */
export const idsOf = snapshot => snapshot.docs.map(d => d._id)

/**
 * node-sdk 3.18.3 cannot watch an ordered query: orderBy() keeps the order as an object and watch() calls
 * `order.reduce` on it (protocol notes §3.9, "Known SDK bug"). This gives the query the list shape watch() expects,
 * `[{field, direction}]`, so that the SDK's own code still builds the wire's `orderBy: {field: direction}`.
 */
export function orderedForWatch(query, ...fields) {
  query._apiOptions.order = fields.map(([field, direction]) => ({ field, direction }))
  return query
}
