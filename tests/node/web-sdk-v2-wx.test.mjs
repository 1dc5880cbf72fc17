// The unmodified @cloudbase/js-sdk against the host under test: the shared checks of web-sdk-suite.mjs.
// 2.x (2.32.0) as a mini program: the main user is a WeChat user signed in with signInWithOpenId.
import { defineWebSdkSuite } from './web-sdk-suite.mjs'

defineWebSdkSuite({ version: 2, runtime: 'wx' })
