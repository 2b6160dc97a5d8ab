/**
 * Runs the nock-chain files in name order, so the file with the unmatched request always comes
 * after the files whose nock copies used to stay installed.
 */
const Sequencer = require('@jest/test-sequencer').default;

class AlphabeticalSequencer extends Sequencer {
  /** Sorts the test files by path. */
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = AlphabeticalSequencer;
