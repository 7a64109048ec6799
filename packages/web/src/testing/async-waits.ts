import { configure } from '@testing-library/dom';

/**
 * How long `waitFor` and the `findBy` queries keep asking before they fail: 5 s instead of Testing Library's 1 s.
 * It is a ceiling, not a timing: a check passes as soon as it holds, and one that never holds still fails. Two test
 * files run at a time on a two-core machine, beside the engines other files drive, and a page that re-renders after
 * a stubbed request can take longer than a second there.
 */
configure({ asyncUtilTimeout: 5_000 });
