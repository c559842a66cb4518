/** The abuse part (history bound to membership, content.user, tokens, limits) on PostgreSQL too. */
import { useEngine } from './pg-harness.js';
import './abuse.test.js';
import './abuse-tokens.test.js';
import './abuse-media.test.js';

useEngine('postgres');
