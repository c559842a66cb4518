/** The moderation suites (blacklist, mutes, sensitive words, recall rules and group roles), run in one process on SQLite. */
import './blacklist.suite.js';
import './mutes.suite.js';
import './sensitive-words.suite.js';
import './recall-rules.suite.js';
