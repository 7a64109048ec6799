/** What a dialog says when its action found the submission changed by someone else since the page loaded it. */
export const CHANGED_MEANWHILE =
  'Someone else changed this submission after you opened it. Cancel, reload the page, and try again.';
