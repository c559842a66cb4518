/**
 * The "refused requests change nothing" tests again, on PostgreSQL: the authorization matrix, deep
 * content and the seeded fuzz, each comparing a digest of the database before and after.
 */
import { useEngine } from './pg-harness.js';
import './authz.test.js';
import './deep-content.test.js';
import './fuzz.test.js';

useEngine('postgres');
