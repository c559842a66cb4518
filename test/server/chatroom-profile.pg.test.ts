/** Room and member profiles and closed rooms on PostgreSQL too. */
import { useEngine } from './pg-harness.js';
import './chatroom-profile.test.js';

useEngine('postgres');
