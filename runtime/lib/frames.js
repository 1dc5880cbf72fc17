'use strict'
// Writes protocol frames to the host on the process's original stdout (fd 1).
//
// Frames are written with a synchronous fs.writeSync on the fd rather than through
// process.stdout: user code replaces/patches the stream (and we patch it ourselves to
// capture logs), and a synchronous write is already in the pipe if user code calls
// process.exit() right after an invocation ends.

const { writeSync } = require('fs') // saved now: user code may monkey-patch fs later
const exitProcess = process.exit.bind(process) // likewise process.exit

const STDOUT_FD = 1
// A one-element shared buffer lets Atomics.wait sleep the thread briefly without spinning.
const pauseCell = new Int32Array(new SharedArrayBuffer(4))

function createFrameWriter (nonce) {
  // The leading '\n' ends any partial line that user code wrote to fd 1 without a newline
  // (e.g. fs.writeSync(1, 'abc')), so the frame always starts a line; the host skips the
  // empty or stray line that results.
  const prefix = `\n\u001eAC${nonce} `

  return function writeFrame (frame) {
    const bytes = Buffer.from(prefix + JSON.stringify(frame) + '\n', 'utf8')
    let offset = 0
    while (offset < bytes.length) {
      try {
        // Large frames (a 1 MiB result) can be written partially into a pipe.
        offset += writeSync(STDOUT_FD, bytes, offset, bytes.length - offset)
      } catch (err) {
        // Once process.stdout has been touched, libuv puts a piped fd 1 in non-blocking
        // mode, so a full pipe (host slow to read) gives EAGAIN: wait and retry.
        if (err && err.code === 'EAGAIN') {
          Atomics.wait(pauseCell, 0, 0, 1)
          continue
        }
        // EPIPE etc.: the host is gone; nothing can be reported any more.
        exitProcess(1)
      }
    }
  }
}

module.exports = { createFrameWriter }
