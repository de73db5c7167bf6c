import { describeSessionStore } from '@fly-session/core/testing'

import { MemoryStore } from '../src'

describeSessionStore('MemoryStore', () => new MemoryStore())
