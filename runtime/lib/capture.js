'use strict'
// Captures what user code prints (console.* and process.stdout/stderr.write) into the
// running invocation's bounded log list, so that none of it reaches the real stdout,
// where it would be mixed with protocol frames.

const util = require('util')

const MAX_ENTRIES = 1000
const MAX_MESSAGE_BYTES = 256 * 1024

// One invocation's logs. Once a limit is hit, everything after it is dropped (not just
// the entries that don't fit), so the list stays a contiguous prefix of what was printed
// and a flood of console.log calls costs a counter increment each, not a util.format.
class LogBuffer {
  constructor () {
    this.entries = []
    this.bytes = 0
    this.dropped = 0
  }

  // `message` is a string or a function producing it (formatting is deferred until we
  // know the entry will be kept).
  add (level, message) {
    if (this.dropped > 0 || this.entries.length >= MAX_ENTRIES) {
      this.dropped++
      return
    }
    const text = typeof message === 'function' ? message() : message
    const size = Buffer.byteLength(text, 'utf8')
    if (this.bytes + size > MAX_MESSAGE_BYTES) {
      this.dropped++
      return
    }
    this.bytes += size
    this.entries.push({ level, message: text, time: Date.now() })
  }

  // The entries to send, with one note at the end if any were dropped.
  seal () {
    if (this.dropped === 0) return this.entries
    return this.entries.concat({
      level: 'warn',
      message: `${this.dropped} log lines dropped (log limit reached)`,
      time: Date.now()
    })
  }
}

// util.format runs user inspect hooks and getters, which may throw; a log call must not.
function safeFormat (args) {
  try {
    return util.format(...args)
  } catch (err) {
    return `[log message could not be formatted: ${err && err.message}]`
  }
}

// A chunk given to stream.write as text: strings (in any Buffer encoding) or bytes.
function chunkText (chunk, encoding) {
  if (typeof chunk === 'string') {
    return typeof encoding === 'string' && Buffer.isEncoding(encoding) && !/^utf-?8$/i.test(encoding)
      ? Buffer.from(chunk, encoding).toString('utf8')
      : chunk
  }
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
  return String(chunk)
}

// Replaces the global console's methods and the stdout/stderr streams' write methods.
// `currentLogs()` returns the running invocation's LogBuffer, or null between
// invocations, when output is dropped.
function installCapture (currentLogs) {
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = function (...args) {
      const logs = currentLogs()
      if (logs) logs.add(level, () => safeFormat(args))
    }
  }
  // Like Node's console.trace ("Trace: msg" and the caller's stack), at level debug:
  // the protocol has no trace level.
  console.trace = function trace (...args) {
    const logs = currentLogs()
    if (!logs) return
    const holder = { name: 'Trace', message: safeFormat(args) }
    Error.captureStackTrace(holder, trace)
    logs.add('debug', holder.stack)
  }
  // Other console methods (dir, table, group, count, time…) end up in stream.write.
  patchStream(process.stdout, 'log', currentLogs)
  patchStream(process.stderr, 'error', currentLogs)
}

function patchStream (stream, level, currentLogs) {
  stream.write = function (chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding
      encoding = undefined
    }
    const logs = currentLogs()
    if (logs && chunk != null && chunk.length !== 0) {
      // One entry per write; a single trailing newline is the line end, not content.
      logs.add(level, () => chunkText(chunk, encoding).replace(/\r?\n$/, ''))
    }
    // Behave like a stream whose write succeeded, for code that waits for the callback.
    if (typeof callback === 'function') process.nextTick(callback)
    return true
  }
}

module.exports = { installCapture, LogBuffer, MAX_ENTRIES, MAX_MESSAGE_BYTES }
